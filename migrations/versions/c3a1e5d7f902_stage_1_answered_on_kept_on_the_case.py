"""Each case keeps its Stage 1 response (a comment's answer): the day it was sent, the day its clock started, the day it
was due (or extended to) and whether it was extended, filled in here from its stage records; the annual report's index
on the cases table covers what table 1 and the outcome tables read

The lead re-chains down_revision at merge time.

Revision ID: c3a1e5d7f902
Revises: a66461436d6d
Create Date: 2026-12-01 22:05:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c3a1e5d7f902"
down_revision = "a66461436d6d"
branch_labels = None
depends_on = None

# portal.domain.reporting.stage_1_answer as it stood when this ran: the latest Stage 1 step completed by the Stage 1
# response or a comment's answer.
LATEST_ANSWER = """
    SELECT stage_records.id FROM stage_records
    WHERE stage_records.case_id = cases.id
      AND stage_records.state IN ('stage_1', 'awaiting_response')
      AND stage_records.completed_by IN ('stage_1_response_sent', 'comment_answered')
      AND stage_records.completed_on IS NOT NULL
    ORDER BY stage_records.completed_on DESC, stage_records.id DESC
    LIMIT 1
"""
ANSWER_COLUMNS = {
    "stage_1_answered_on": "answer.completed_on",
    "stage_1_clock_started_on": "answer.clock_started_on",
    "stage_1_due_on": "coalesce(answer.extended_to, answer.due_on)",
    "stage_1_extended": "answer.extended_to IS NOT NULL",
}
BACKFILL = (
    "UPDATE cases SET "
    + ", ".join(
        f"{column} = (SELECT {value} FROM stage_records AS answer WHERE answer.id = ({LATEST_ANSWER}))"
        for column, value in ANSWER_COLUMNS.items()
    )
    + f" WHERE EXISTS ({LATEST_ANSWER})"
)
REPORT_COLUMNS = ["procedure", "received_on", "state", "closed_on", "closure", "finding", "stage_1_answered_on"]


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage_1_answered_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_clock_started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_extended", sa.Boolean(), nullable=True))
    op.execute(BACKFILL)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_procedure_received_on")
        batch_op.create_index("ix_cases_procedure_received_on", REPORT_COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_procedure_received_on")
        batch_op.create_index("ix_cases_procedure_received_on", ["procedure", "received_on"], unique=False)
        batch_op.drop_column("stage_1_extended")
        batch_op.drop_column("stage_1_due_on")
        batch_op.drop_column("stage_1_clock_started_on")
        batch_op.drop_column("stage_1_answered_on")
