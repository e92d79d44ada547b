"""Index of cases by the day received, kind and procedure, in place of the day received alone, so that the dashboard
counts what came in (screened or not) from the index alone

Indexes only: no rows change either way.

Revision ID: e8b3f1a6c245
Revises: b7f77a285c12
Create Date: 2026-12-02 01:15:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e8b3f1a6c245"
down_revision = "b7f77a285c12"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_received_on_kind", ["received_on", "kind", "procedure"], unique=False)
        batch_op.drop_index("ix_cases_received_on")


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_received_on", ["received_on"], unique=False)
        batch_op.drop_index("ix_cases_received_on_kind")
