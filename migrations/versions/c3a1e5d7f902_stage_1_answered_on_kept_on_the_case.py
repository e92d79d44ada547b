"""Each case keeps its Stage 1 response (a comment's answer): the day it was sent, the day its clock started, the day it
was due (or extended to) and whether it was extended, filled in here from its stage records; and who complained: the
submitter's role and their key for counting repeat complainants, filled in from the submitter; the indexes the annual report
counts with hold all it reads of cases and completed steps

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
# portal.domain.reporting.complainant_key as it stood when this ran.
SUBMITTER_BACKFILL = """
UPDATE cases SET
    submitter_role = (SELECT people.role FROM people WHERE people.id = cases.submitter_id),
    submitter_key = (
        SELECT coalesce(
            nullif(lower(trim(people.email)), ''),
            nullif(replace(people.phone, ' ', ''), ''),
            nullif(lower(trim(people.name)), '')
        )
        FROM people WHERE people.id = cases.submitter_id
    )
WHERE cases.submitter_id IS NOT NULL
"""
SUBMITTER_ROLES = (
    "child",
    "parent",
    "foster_carer",
    "special_guardian",
    "relative",
    "adopter",
    "professional",
    "advocate",
    "other",
)
# What the annual report reads, so that it reads it from the indexes alone (portal.data.models).
REPORTED_CASE_COLUMNS = [
    "procedure",
    "received_on",
    "state",
    "closed_on",
    "closure",
    "finding",
    "stage_1_answered_on",
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
ACKNOWLEDGED_COLUMNS = ["acknowledged_on", "acknowledgement_due_on", "received_on", "procedure"]
COMPLETED_STEP_COLUMNS = [
    "completed_on",
    "completed_by",
    "step",
    "procedure",
    "due_on",
    "extended_to",
    "clock_started_on",
]


def _replace_index(table: str, name: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_index(name)
        batch_op.create_index(name, columns, unique=False)


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage_1_answered_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_clock_started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stage_1_extended", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "submitter_role",
                sa.Enum(*SUBMITTER_ROLES, name="submitterrole", native_enum=False, create_constraint=True, length=40),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("submitter_key", sa.String(length=320), nullable=True))
    op.execute(BACKFILL)
    op.execute(SUBMITTER_BACKFILL)
    # Table 1 found each case's Stage 1 response with this index; it reads the case's own columns now.
    with op.batch_alter_table("stage_records", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_records_case_response")
    _replace_index("cases", "ix_cases_procedure_received_on", REPORTED_CASE_COLUMNS)
    _replace_index("cases", "ix_cases_acknowledged_on", ACKNOWLEDGED_COLUMNS)
    _replace_index("stage_records", "ix_stage_records_completed_on", COMPLETED_STEP_COLUMNS)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_procedure_received_on_submitter_key", ["procedure", "received_on", "submitter_key"], unique=False
        )
        batch_op.create_index(
            "ix_cases_open_by_state",
            ["procedure", "state"],
            unique=False,
            postgresql_where=sa.text("state <> 'closed'"),
            sqlite_where=sa.text("state <> 'closed'"),
        )


def downgrade():
    with op.batch_alter_table("stage_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_records_case_response", ["case_id", "state", "completed_by", "completed_on"], unique=False
        )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_open_by_state")
        batch_op.drop_index("ix_cases_procedure_received_on_submitter_key")
    _replace_index("stage_records", "ix_stage_records_completed_on", ["completed_on"])
    _replace_index("cases", "ix_cases_acknowledged_on", ["acknowledged_on"])
    _replace_index("cases", "ix_cases_procedure_received_on", ["procedure", "received_on"])
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_cases_submitterrole"), type_="check")
        batch_op.drop_column("submitter_key")
        batch_op.drop_column("submitter_role")
        batch_op.drop_column("stage_1_extended")
        batch_op.drop_column("stage_1_due_on")
        batch_op.drop_column("stage_1_clock_started_on")
        batch_op.drop_column("stage_1_answered_on")
