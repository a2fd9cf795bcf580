"""Session tokens on users (sign-out ends every session) and login throttle counters.

Every user gets a fresh random token, so cookies issued before this revision (which carry
only the user id) no longer sign anyone in.

Revision ID: 0007_sessions
Revises: 0006
Create Date: 2026-12-07
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0007_sessions'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('session_token', sa.String))
    conn = op.get_bind()
    for (user_id,) in conn.execute(sa.select(users.c.id)).all():
        conn.execute(users.update().where(users.c.id == user_id).values(session_token=secrets.token_hex(16)))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)

    op.create_table('login_throttles',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_throttles'))
    )


def downgrade() -> None:
    op.drop_table('login_throttles')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token')
