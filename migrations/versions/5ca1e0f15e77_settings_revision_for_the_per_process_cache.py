"""A settings revision, written anew whenever a cached setting or list changes, so every app process knows when to
read the council's settings again

Revision ID: 5ca1e0f15e77
Revises: b6056019d39b
Create Date: 2026-12-01 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5ca1e0f15e77'
down_revision = 'b6056019d39b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'settings_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('revision', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_settings_revision')),
    )
    op.bulk_insert(
        sa.table('settings_revision', sa.column('id', sa.Integer()), sa.column('revision', sa.String())),
        [{'id': 1, 'revision': 'initial'}],
    )


def downgrade():
    op.drop_table('settings_revision')
