"""Stage 1 and closing: timed steps (stage records gain their procedure, step, latest allowed date and the event
that completed them), extensions with their reasons, findings per point per stage, response letters, remedies by
stage, the case's progress, service area and outcome override, and the council's setting for checking corporate
letters

Revision ID: 91f7257a51d1
Revises: b2d5a932e401
Create Date: 2026-12-01 17:37:47.779996

Existing rows are kept: each stage record learns its case's procedure and the step its state works towards; an
extension recorded on a stage record becomes a row of its own (granted on the day the stage began, since the day
it was agreed was not kept); a point's finding becomes its Stage 1 finding; and each case's progress (the furthest
stage answered) is worked out from its state and the states it has been in. Older stage records stay without the
event that completed them, so no timescale is claimed for them.
"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '91f7257a51d1'
down_revision = 'b2d5a932e401'
branch_labels = None
depends_on = None

# The step each state works towards (portal.domain.clocks.STATE_STEPS, without the acknowledgement, which is timed on
# the case itself).
STATE_STEPS = {
    ('statutory', 'stage_1'): 'stage_1_response',
    ('statutory', 'stage_1_responded'): 'request_stage_2',
    ('statutory', 'stage_2'): 'stage_2_response',
    ('statutory', 'stage_2_adjudicated'): 'request_stage_3',
    ('statutory', 'stage_3_requested'): 'stage_3_panel',
    ('statutory', 'stage_3_panel_held'): 'stage_3_findings',
    ('statutory', 'stage_3_findings'): 'stage_3_response',
    ('corporate', 'stage_1'): 'stage_1_response',
    ('corporate', 'stage_1_responded'): 'request_stage_2',
    ('corporate', 'stage_2_requested'): 'stage_2_acknowledge',
    ('corporate', 'stage_2'): 'stage_2_response',
    ('comment', 'awaiting_response'): 'comment_response',
}
# The progress each state implies (portal.domain.moves); closed, Ombudsman and on hold take the furthest of the states
# the case has been in.
PROGRESS = {
    'stage_1_responded': 'stage_1', 'mediation': 'stage_1', 'stage_2_requested': 'stage_1', 'stage_2': 'stage_1',
    'stage_2_adjudicated': 'stage_2', 'stage_3_requested': 'stage_2', 'stage_3_panel_held': 'stage_2',
    'stage_3_findings': 'stage_2',
}
RANK = ('none', 'stage_1', 'stage_2', 'stage_3')
KEPT_STATES = ('closed', 'ombudsman', 'on_hold')


def _progress(state: str, earlier: list[str]) -> str:
    if state not in KEPT_STATES:
        return PROGRESS.get(state, 'none')
    return max((PROGRESS.get(other, 'none') for other in earlier), key=RANK.index, default='none')


def _copy_data_up() -> None:
    connection = op.get_bind()
    cases = sa.table('cases', sa.column('id', sa.Integer()), sa.column('procedure', sa.String()),
                     sa.column('state', sa.String()), sa.column('progress', sa.String()))
    stages = sa.table('stage_records', sa.column('id', sa.Integer()), sa.column('case_id', sa.Integer()),
                      sa.column('state', sa.String()), sa.column('procedure', sa.String()),
                      sa.column('step', sa.String()), sa.column('started_on', sa.Date()),
                      sa.column('due_on', sa.Date()), sa.column('extended_to', sa.Date()),
                      sa.column('extension_reason', sa.Text()))
    extensions = sa.table('extensions', sa.column('stage_record_id', sa.Integer()),
                          sa.column('previous_due_on', sa.Date()), sa.column('new_due_on', sa.Date()),
                          sa.column('reason', sa.Text()), sa.column('granted_on', sa.Date()),
                          sa.column('created_at', sa.DateTime()))
    points = sa.table('complaint_points', sa.column('id', sa.Integer()), sa.column('finding', sa.String()),
                      sa.column('finding_notes', sa.Text()))
    findings = sa.table('point_findings', sa.column('point_id', sa.Integer()), sa.column('stage', sa.Integer()),
                        sa.column('finding', sa.String()), sa.column('notes', sa.Text()),
                        sa.column('recorded_on', sa.Date()))
    procedures = {row.id: (row.procedure, row.state) for row in connection.execute(sa.select(cases))}
    states: dict[int, list[str]] = {}
    for row in connection.execute(sa.select(stages)):
        procedure = procedures.get(row.case_id, (None, None))[0]
        states.setdefault(row.case_id, []).append(row.state)
        connection.execute(stages.update().where(stages.c.id == row.id).values(
            procedure=procedure, step=STATE_STEPS.get((procedure, row.state))))
        if row.extended_to is not None and row.due_on is not None:
            connection.execute(extensions.insert().values(
                stage_record_id=row.id, previous_due_on=row.due_on, new_due_on=row.extended_to,
                reason=row.extension_reason or 'Not recorded', granted_on=row.started_on,
                created_at=sa.func.current_timestamp()))
    for case_id, (_, state) in procedures.items():
        connection.execute(cases.update().where(cases.c.id == case_id).values(
            progress=_progress(state, states.get(case_id, []))))
    for row in connection.execute(sa.select(points).where(points.c.finding.is_not(None))):
        connection.execute(findings.insert().values(
            point_id=row.id, stage=1, finding=row.finding, notes=row.finding_notes, recorded_on=date.today()))


def _copy_data_down() -> None:
    connection = op.get_bind()
    stages = sa.table('stage_records', sa.column('id', sa.Integer()), sa.column('extension_reason', sa.Text()))
    extensions = sa.table('extensions', sa.column('id', sa.Integer()), sa.column('stage_record_id', sa.Integer()),
                          sa.column('reason', sa.Text()))
    latest = {row.stage_record_id: row.reason for row in connection.execute(
        sa.select(extensions).order_by(extensions.c.id))}
    for stage_id, reason in latest.items():
        connection.execute(stages.update().where(stages.c.id == stage_id).values(extension_reason=reason))


def upgrade():
    op.create_table('extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_record_id', sa.Integer(), nullable=False),
    sa.Column('previous_due_on', sa.Date(), nullable=False),
    sa.Column('new_due_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('complainant_told_on', sa.Date(), nullable=True),
    sa.Column('told_by', sa.String(length=20), nullable=True),
    sa.Column('outbox_message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['staff_users.id'], name=op.f('fk_extensions_granted_by_id_staff_users')),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_extensions_outbox_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stage_record_id'], ['stage_records.id'], name=op.f('fk_extensions_stage_record_id_stage_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extensions'))
    )
    with op.batch_alter_table('extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extensions_stage_record_id'), ['stage_record_id'], unique=False)

    op.create_table('point_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('finding', sa.Enum('upheld', 'partially_upheld', 'not_upheld', 'no_finding', name='finding', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['point_id'], ['complaint_points.id'], name=op.f('fk_point_findings_point_id_complaint_points'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_users.id'], name=op.f('fk_point_findings_recorded_by_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_point_findings')),
    sa.UniqueConstraint('point_id', 'stage', name=op.f('uq_point_findings_point_id'))
    )
    with op.batch_alter_table('point_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_findings_point_id'), ['point_id'], unique=False)

    op.create_table('response_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('procedure', sa.Enum('statutory', 'corporate', 'comment', 'compliment', 'not_accepted', 'outside_procedures', name='procedure', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('step', sa.Enum('acknowledge', 'stage_1_response', 'request_stage_2', 'stage_2_acknowledge', 'stage_2_response', 'request_stage_3', 'stage_3_panel', 'stage_3_findings', 'stage_3_response', 'comment_response', name='timescalestep', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'awaiting_check', 'approved', 'sent', name='letterstatus', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('drafted_by_id', sa.Integer(), nullable=True),
    sa.Column('drafted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('check_comments', sa.Text(), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=True),
    sa.Column('sent_body', sa.Text(), nullable=True),
    sa.Column('outbox_message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_response_letters_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['checked_by_id'], ['staff_users.id'], name=op.f('fk_response_letters_checked_by_id_staff_users')),
    sa.ForeignKeyConstraint(['drafted_by_id'], ['staff_users.id'], name=op.f('fk_response_letters_drafted_by_id_staff_users')),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_response_letters_outbox_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['staff_users.id'], name=op.f('fk_response_letters_sent_by_id_staff_users')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['staff_users.id'], name=op.f('fk_response_letters_submitted_by_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_letters'))
    )
    with op.batch_alter_table('response_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_letters_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_response_letters_status'), ['status'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('progress', sa.Enum('none', 'stage_1', 'stage_2', 'stage_3', name='progress', native_enum=False, create_constraint=True, length=40), server_default='none', nullable=False))
        batch_op.add_column(sa.Column('service_area_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('outcome_override_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_service_area_id_service_areas'), 'service_areas', ['service_area_id'], ['id'])

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corporate_letters_need_check', sa.Boolean(), server_default='1', nullable=False))

    with op.batch_alter_table('remedies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.Integer(), nullable=True))

    with op.batch_alter_table('stage_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('procedure', sa.Enum('statutory', 'corporate', 'comment', 'compliment', 'not_accepted', 'outside_procedures', name='procedure', native_enum=False, create_constraint=True, length=40), nullable=True))
        batch_op.add_column(sa.Column('step', sa.Enum('acknowledge', 'stage_1_response', 'request_stage_2', 'stage_2_acknowledge', 'stage_2_response', 'request_stage_3', 'stage_3_panel', 'stage_3_findings', 'stage_3_response', 'comment_response', name='timescalestep', native_enum=False, create_constraint=True, length=40), nullable=True))
        batch_op.add_column(sa.Column('latest_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('completed_by', sa.Enum('received', 'acknowledged', 'stage_1_response_sent', 'stage_2_requested', 'stage_2_acknowledged', 'terms_of_reference_agreed', 'adjudication_sent', 'stage_2_response_sent', 'stage_3_requested', 'panel_held', 'findings_received', 'panel_response_sent', 'comment_answered', name='clockevent', native_enum=False, create_constraint=True, length=40), nullable=True))

    _copy_data_up()
    with op.batch_alter_table('stage_records', schema=None) as batch_op:
        batch_op.drop_column('extension_reason')


def downgrade():
    with op.batch_alter_table('stage_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extension_reason', sa.Text(), nullable=True))
    _copy_data_down()
    with op.batch_alter_table('stage_records', schema=None) as batch_op:
        for name in ('clockevent', 'timescalestep', 'procedure'):
            batch_op.drop_constraint(op.f(f'ck_stage_records_{name}'), type_='check')
        batch_op.drop_column('completed_by')
        batch_op.drop_column('latest_due_on')
        batch_op.drop_column('step')
        batch_op.drop_column('procedure')

    with op.batch_alter_table('remedies', schema=None) as batch_op:
        batch_op.drop_column('stage')

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_column('corporate_letters_need_check')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_service_area_id_service_areas'), type_='foreignkey')
        batch_op.drop_constraint(op.f('ck_cases_progress'), type_='check')
        batch_op.drop_column('outcome_override_reason')
        batch_op.drop_column('service_area_id')
        batch_op.drop_column('progress')

    with op.batch_alter_table('response_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_letters_status'))
        batch_op.drop_index(batch_op.f('ix_response_letters_case_id'))

    op.drop_table('response_letters')
    with op.batch_alter_table('point_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_point_findings_point_id'))

    op.drop_table('point_findings')
    with op.batch_alter_table('extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extensions_stage_record_id'))

    op.drop_table('extensions')
