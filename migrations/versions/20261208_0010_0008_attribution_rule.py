"""Quotes record the rule that chose their speaker (cue_before, continuation, role_coreference...).

Nullable: claims stored before this revision, numeric claims and quotes without a speaker have
none; an editor's choice of speaker is recorded as "editor".

Revision ID: 0008_attribution_rule
Revises: 0007_sessions
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_attribution_rule'
down_revision = '0007_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attribution_rule', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('attribution_rule')
