"""nlu labels

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 04:40:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('nlu_labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('intent', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('text')
    )
    with op.batch_alter_table('nlu_labels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nlu_labels_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('nlu_labels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nlu_labels_created_at'))

    op.drop_table('nlu_labels')
