"""Uploads the virus scanner could not check are kept in quarantine

Revision ID: 3f8e6b1c2d57
Revises: 7c1d5e2f9a40
Create Date: 2026-12-01 17:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3f8e6b1c2d57'
down_revision = '7c1d5e2f9a40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scan_status', sa.String(length=20), nullable=False, server_default='not_scanned'))


def downgrade():
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_column('scan_status')
