"""Each case's next deadline stored on the case (worked out from the case and its open stage records whenever either
is written), so the case list finds what is due soon, and sorts by due date, from an index

Revision ID: 3aa6c200f8bf
Revises: c3a1e5d7f902
Create Date: 2026-12-01 21:38:03.556238

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3aa6c200f8bf'
down_revision = 'c3a1e5d7f902'
branch_labels = None
depends_on = None


# The rule of portal.data.next_due.next_due_on as it stood when this migration was written: closed cases have no
# deadline; a case on hold has its hold's review date; an unacknowledged case its acknowledgement's; any other its
# open stage's (the extended date if there is one) or else the reply its receipt promised.
BACKFILL = """
UPDATE cases SET next_due_on = CASE
    WHEN state = 'closed' THEN NULL
    WHEN state = 'on_hold' THEN ({open_stage_due})
    WHEN acknowledged_on IS NULL AND acknowledgement_due_on IS NOT NULL THEN acknowledgement_due_on
    ELSE coalesce(({open_stage_due}), response_due_on)
END
""".format(
    open_stage_due="""
        SELECT coalesce(stage_records.extended_to, stage_records.due_on) FROM stage_records
        WHERE stage_records.case_id = cases.id AND stage_records.completed_on IS NULL
        ORDER BY stage_records.started_on DESC, stage_records.id DESC LIMIT 1"""
)


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_due_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_cases_next_due_on', ['next_due_on'], unique=False, postgresql_where=sa.text('next_due_on IS NOT NULL'), sqlite_where=sa.text('next_due_on IS NOT NULL'))
    op.execute(BACKFILL)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_next_due_on', postgresql_where=sa.text('next_due_on IS NOT NULL'), sqlite_where=sa.text('next_due_on IS NOT NULL'))
        batch_op.drop_column('next_due_on')
