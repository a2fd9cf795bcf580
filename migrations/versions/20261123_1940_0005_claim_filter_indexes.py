"""Indexes for the review queue's speaker and verdict filters.

The speaker filter matches speaker_id OR attributed_to_id; without an index on the second a
rare speaker scans the whole queue. Verdicts are rare among a million claims, so the verified
view wants (verdict, id) for keyset paging.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_attributed_to_id", "claims", ["attributed_to_id"])
    op.create_index("ix_claims_verdict_id", "claims", ["verdict", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_verdict_id", table_name="claims")
    op.drop_index("ix_claims_attributed_to_id", table_name="claims")
