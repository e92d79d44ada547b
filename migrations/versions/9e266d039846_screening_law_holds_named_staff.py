"""Screening law: complaints on hold, staff named in a complaint, comment reply dates, advocacy offers, approval of
not-accepted letters, and timescale overrides within the law

Revision ID: 9e266d039846
Revises: 3f8e6b1c2d57
Create Date: 2026-12-01 15:40:05.222951

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9e266d039846'
down_revision = '3f8e6b1c2d57'
branch_labels = None
depends_on = None

OLD_STATES = ('received', 'screening', 'stage_1', 'mediation', 'stage_2', 'stage_3', 'ombudsman', 'awaiting_response',
              'closed')
NEW_STATES = OLD_STATES[:-1] + ('on_hold', 'closed')
OLD_ADVOCACY = ('requested', 'referred', 'accepted', 'declined', 'ended')
NEW_ADVOCACY = ('offered',) + OLD_ADVOCACY

# The longest a council may set (2006 Regulations; Complaint Handling Code), the least it may give the complainant
# to escalate, and settings that no longer exist: comments and compliments are acknowledged by their receipt.
CEILINGS = {
    'statutory': {'stage_1': 10, 'stage_1_extended': 20, 'stage_2': 25, 'stage_2_extended': 65, 'stage_3_panel': 30,
                  'stage_3_findings': 5, 'stage_3_response': 15},
    'corporate': {'acknowledge': 5, 'stage_1': 10, 'stage_1_max_extension': 10, 'stage_2_acknowledge': 5,
                  'stage_2': 20},
}
FLOORS = {'statutory': {'request_stage_2': 20, 'request_stage_3': 20}}
GONE = {'comment': ('acknowledge',)}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _swap_check(table: str, name: str, column: str, values: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
        batch_op.create_check_constraint(name, sa.text(_in(column, values)))


def _lawful(overrides: dict) -> dict:
    """Stored timescale overrides brought within the law: over a ceiling or under a floor goes back to the default."""
    kept = {}
    for section, values in (overrides or {}).items():
        if section == 'compliment' or not isinstance(values, dict):
            continue
        ceilings, floors = CEILINGS.get(section, {}), FLOORS.get(section, {})
        values = {
            name: value for name, value in values.items()
            if name not in GONE.get(section, ())
            and not (isinstance(value, int) and not ceilings.get(name, value) >= value >= floors.get(name, value))
        }
        if values:
            kept[section] = values
    return kept


def upgrade():
    op.create_table('case_named_staff',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('staff_user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_named_staff_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_user_id'], ['staff_users.id'], name=op.f('fk_case_named_staff_staff_user_id_staff_users')),
    sa.PrimaryKeyConstraint('case_id', 'staff_user_id', name=op.f('pk_case_named_staff'))
    )
    with op.batch_alter_table('case_named_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_named_staff_staff_user_id'), ['staff_user_id'], unique=False)

    with op.batch_alter_table('advocacy_referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offered_on', sa.Date(), nullable=True))
        batch_op.alter_column('provider', existing_type=sa.VARCHAR(length=200), nullable=True)
        batch_op.alter_column('requested_on', existing_type=sa.DATE(), nullable=True)
    _swap_check('advocacy_referrals', 'advocacystatus', 'status', NEW_ADVOCACY)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('hold_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('hold_proceedings', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('held_from', sa.String(length=40), nullable=True))
    _swap_check('cases', 'casestate', 'state', NEW_STATES)
    _swap_check('stage_records', 'casestate', 'state', NEW_STATES)

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_accepted_needs_approval', sa.Boolean(), server_default='0', nullable=False))

    settings = sa.table('council_settings', sa.column('id', sa.Integer()), sa.column('timescale_overrides', sa.JSON()))
    connection = op.get_bind()
    for row in connection.execute(sa.select(settings.c.id, settings.c.timescale_overrides)).all():
        lawful = _lawful(row.timescale_overrides)
        if lawful != (row.timescale_overrides or {}):
            connection.execute(settings.update().where(settings.c.id == row.id).values(timescale_overrides=lawful))


def downgrade():
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_column('not_accepted_needs_approval')

    op.execute("UPDATE stage_records SET state = 'stage_1' WHERE state = 'on_hold'")
    op.execute("UPDATE cases SET state = COALESCE(held_from, 'stage_1') WHERE state = 'on_hold'")
    op.execute("UPDATE cases SET state = 'stage_1' WHERE state = 'screening' AND held_from IS NOT NULL")
    _swap_check('stage_records', 'casestate', 'state', OLD_STATES)
    _swap_check('cases', 'casestate', 'state', OLD_STATES)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('held_from')
        batch_op.drop_column('hold_proceedings')
        batch_op.drop_column('hold_reason')
        batch_op.drop_column('response_due_on')

    op.execute("UPDATE advocacy_referrals SET status = 'requested' WHERE status = 'offered'")
    op.execute("UPDATE advocacy_referrals SET provider = '' WHERE provider IS NULL")
    op.execute("UPDATE advocacy_referrals SET requested_on = COALESCE(offered_on, referred_on, CURRENT_DATE) "
               "WHERE requested_on IS NULL")
    _swap_check('advocacy_referrals', 'advocacystatus', 'status', OLD_ADVOCACY)
    with op.batch_alter_table('advocacy_referrals', schema=None) as batch_op:
        batch_op.alter_column('requested_on', existing_type=sa.DATE(), nullable=False)
        batch_op.alter_column('provider', existing_type=sa.VARCHAR(length=200), nullable=False)
        batch_op.drop_column('offered_on')

    with op.batch_alter_table('case_named_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_named_staff_staff_user_id'))
    op.drop_table('case_named_staff')
