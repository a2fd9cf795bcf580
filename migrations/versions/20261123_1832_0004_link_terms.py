"""Look-up terms per claim for link suggestion (metric concepts, entities, speaker keys).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_terms",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_terms_claim_id_claims"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "term", name=op.f("pk_claim_terms")),
    )
    op.create_index("ix_claim_terms_term_claim_id", "claim_terms", ["term", "claim_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_claim_terms_term_claim_id", table_name="claim_terms")
    op.drop_table("claim_terms")
