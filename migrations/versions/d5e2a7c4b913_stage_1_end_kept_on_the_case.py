"""Each case keeps the day its time at Stage 1 ended (its Stage 1 response, else the day it closed), filled in here
from the case itself; the annual report's index puts it and the rest of what table 1 and the outcomes read first; what
came in is counted by the day received, kind and procedure from an index of those alone

The lead re-chains down_revision at merge time.

Revision ID: d5e2a7c4b913
Revises: b7f77a285c12
Create Date: 2026-12-02 00:55:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "d5e2a7c4b913"
down_revision = "b7f77a285c12"
branch_labels = None
depends_on = None

# portal.domain.reporting.stage_1_ended_on as it stood when this ran: the Stage 1 response's day, else the day the
# case closed, if it is closed.
BACKFILL = """
UPDATE cases SET stage_1_ended_on = coalesce(stage_1_answered_on, CASE WHEN state = 'closed' THEN closed_on END)
WHERE stage_1_answered_on IS NOT NULL OR state = 'closed'
"""
# What the annual report reads, so that it reads it from the index alone (portal.data.models).
REPORTED_CASE_COLUMNS = [
    "procedure",
    "received_on",
    "stage_1_ended_on",
    "stage_1_answered_on",
    "closure",
    "finding",
    "closed_on",
    "state",
    "stage_1_clock_started_on",
    "stage_1_due_on",
    "stage_1_extended",
    "kind",
    "channel",
    "made_by_child",
    "progress",
    "team_id",
    "service_area_id",
    "submitter_role",
    "id",
]
REPORTED_BEFORE = [
    "procedure",
    "received_on",
    "state",
    "closed_on",
    "closure",
    "finding",
    "stage_1_answered_on",
    *REPORTED_CASE_COLUMNS[8:],
]
RECEIVED_COLUMNS = ["received_on", "kind", "procedure"]


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage_1_ended_on", sa.Date(), nullable=True))
    op.execute(BACKFILL)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_procedure_received_on")
        batch_op.drop_index("ix_cases_received_on")
        batch_op.create_index("ix_cases_procedure_received_on", REPORTED_CASE_COLUMNS, unique=False)
        batch_op.create_index("ix_cases_received_on_kind", RECEIVED_COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_received_on_kind")
        batch_op.drop_index("ix_cases_procedure_received_on")
        batch_op.create_index("ix_cases_received_on", ["received_on"], unique=False)
        batch_op.create_index("ix_cases_procedure_received_on", REPORTED_BEFORE, unique=False)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("stage_1_ended_on")
