"""Index of cases by submitter for the case list's search, which finds the matching people first and then their cases

Indexes only: no rows change either way.

Revision ID: 4a31b4822d06
Revises: 3aa6c200f8bf
Create Date: 2026-12-01 21:46:11.043317

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4a31b4822d06'
down_revision = '3aa6c200f8bf'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_submitter_id'), ['submitter_id'], unique=False)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_submitter_id'))
