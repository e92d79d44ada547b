"""The index of cases by the day received, kind and procedure holds each case's finding too, so that the annual report
counts what came in each day over five years, and how much of it was upheld, from that small index alone

Indexes only: no rows change either way.

Revision ID: f4c2a9d8e317
Revises: e8b3f1a6c245
Create Date: 2026-12-02 03:55:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "f4c2a9d8e317"
down_revision = "e8b3f1a6c245"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_received_on_kind")
        batch_op.create_index("ix_cases_received_on_kind", ["received_on", "kind", "procedure", "finding"], unique=False)


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_received_on_kind")
        batch_op.create_index("ix_cases_received_on_kind", ["received_on", "kind", "procedure"], unique=False)
