"""The index of cases by the day they closed holds what table 1 counts of them too (day received, procedure, state,
how they closed and the day of the Stage 1 response), so that the annual report reads the cases still open when its
year began from that index alone

Indexes only: no rows change either way.

Revision ID: a7d3e5c1b962
Revises: f4c2a9d8e317
Create Date: 2026-12-02 04:00:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "a7d3e5c1b962"
down_revision = "f4c2a9d8e317"
branch_labels = None
depends_on = None

# The day received before the procedure: SQLite 3.40 finds wrong rows when it looks up "not closed", a list of
# procedures and a range of days received in that order.
COLUMNS = ["closed_on", "received_on", "procedure", "state", "closure", "stage_1_answered_on"]


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_closed_on")
        batch_op.create_index("ix_cases_closed_on", COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_closed_on")
        batch_op.create_index("ix_cases_closed_on", ["closed_on"], unique=False)
