"""Index history by (entity_type, action): the claim page finds the entries that removed links
without reading every link entry.

Ingest records one history entry per suggested link, so the link entries outnumber every other
kind; the claim page used to read all of them (their JSON) to find the links of one claim.

Revision ID: 0009_history_action
Revises: 0008_attribution_rule
Create Date: 2026-12-08
"""
from alembic import op

revision = '0009_history_action'
down_revision = '0008_attribution_rule'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_history_entity_type_action", "history", ["entity_type", "action"])


def downgrade() -> None:
    op.drop_index("ix_history_entity_type_action", table_name="history")
