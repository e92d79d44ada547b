"""The procedures' waiting periods become states of their own: Stage 1 response sent, Stage 2 requested, adjudication
sent, review panel requested (was stage_3), panel held and findings received

Revision ID: 199c57e7618a
Revises: 9e266d039846
Create Date: 2026-12-02 10:00:00.000000

It runs after the migration that adds 'on_hold' (9e266d039846).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '199c57e7618a'
down_revision = '9e266d039846'
branch_labels = None
depends_on = None

OLD_STATES = ('received', 'screening', 'stage_1', 'mediation', 'stage_2', 'stage_3', 'ombudsman', 'awaiting_response',
              'on_hold', 'closed')
NEW_STATES = ('received', 'screening', 'stage_1', 'stage_1_responded', 'mediation', 'stage_2_requested', 'stage_2',
              'stage_2_adjudicated', 'stage_3_requested', 'stage_3_panel_held', 'stage_3_findings', 'ombudsman',
              'awaiting_response', 'on_hold', 'closed')
# Old 'stage_3' meant a review panel had been asked for; back down, each new state goes to the old stage it was part of.
UP = {'stage_3': 'stage_3_requested'}
DOWN = {'stage_1_responded': 'stage_1', 'stage_2_requested': 'stage_2', 'stage_2_adjudicated': 'stage_2',
        'stage_3_requested': 'stage_3', 'stage_3_panel_held': 'stage_3', 'stage_3_findings': 'stage_3'}
TABLES = ('cases', 'stage_records')


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _rename_states(renames: dict[str, str], allowed: tuple[str, ...]) -> None:
    """Drops each table's state check, renames the stored states, and checks the new list."""
    connection = op.get_bind()
    # A case on hold keeps the state it was held from (added by migration 9e266d039846, if it has run).
    renamed_columns = [('cases', 'held_from')] if 'held_from' in {
        column['name'] for column in sa.inspect(connection).get_columns('cases')
    } else []
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_casestate'), type_='check')
    for table, column in [(table, 'state') for table in TABLES] + renamed_columns:
        rows = sa.table(table, sa.column(column, sa.String()))
        for old, new in renames.items():
            connection.execute(rows.update().where(rows.c[column] == old).values({column: new}))
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint('casestate', sa.text(_in('state', allowed)))


def upgrade():
    _rename_states(UP, NEW_STATES)


def downgrade():
    _rename_states(DOWN, OLD_STATES)
