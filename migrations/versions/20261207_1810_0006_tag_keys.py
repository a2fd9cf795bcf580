"""Tags are one tag whatever their case or Unicode form: a unique folded key per tag.

Existing tags whose names fold to the same key ("economy", "Economy") are merged into the
oldest of them: its claims keep every tag they had, the others are removed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    # The fold as of this revision (claims_app.claims.models.tag_key).
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def upgrade() -> None:
    with op.batch_alter_table("tags") as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=100), nullable=True))
    bind = op.get_bind()
    tags = sa.table("tags", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("key", sa.String))
    claim_tags = sa.table("claim_tags", sa.column("claim_id", sa.Integer), sa.column("tag_id", sa.Integer))
    keep: dict[str, int] = {}
    for tag_id, name in bind.execute(sa.select(tags.c.id, tags.c.name).order_by(tags.c.id)).all():
        key = _key(name)
        if key not in keep:
            keep[key] = tag_id
            bind.execute(tags.update().where(tags.c.id == tag_id).values(key=key))
            continue
        into = keep[key]
        already = sa.select(claim_tags.c.claim_id).where(claim_tags.c.tag_id == into)
        bind.execute(claim_tags.update().where(claim_tags.c.tag_id == tag_id, claim_tags.c.claim_id.not_in(already))
                     .values(tag_id=into))
        bind.execute(claim_tags.delete().where(claim_tags.c.tag_id == tag_id))
        bind.execute(tags.delete().where(tags.c.id == tag_id))
    with op.batch_alter_table("tags") as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(length=100), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_tags_key"), ["key"])


def downgrade() -> None:
    with op.batch_alter_table("tags") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tags_key"), type_="unique")
        batch_op.drop_column("key")
