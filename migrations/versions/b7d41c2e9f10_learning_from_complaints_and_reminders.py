"""Learning from complaints: learning records and their actions, a list of learning categories (with the defaults
of domain.md section 8) beside the lists of themes, and the reminders the daily job has sent

Revision ID: b7d41c2e9f10
Revises: 91f7257a51d1
Create Date: 2026-12-01 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41c2e9f10'
down_revision = '91f7257a51d1'
branch_labels = None
depends_on = None

OLD_SCOPES = ('complaint', 'children', 'compliment')
NEW_SCOPES = OLD_SCOPES + ('learning',)
# portal.domain.outcomes.DEFAULT_LEARNING_CATEGORIES when this migration was written.
DEFAULT_LEARNING_CATEGORIES = (
    'Provide training',
    'Policy or procedure change',
    'Improve communication',
    'Improve record keeping',
    'Improve timeliness',
    'Other',
)
THEMES = sa.table(
    'themes',
    sa.column('id', sa.Integer()),
    sa.column('scope', sa.String()),
    sa.column('name', sa.String()),
    sa.column('position', sa.Integer()),
    sa.column('active', sa.Boolean()),
)


def _allow_scopes(scopes: tuple[str, ...]) -> None:
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_themes_themescope'), type_='check')
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_check_constraint('themescope', sa.text(f"scope IN ({', '.join(repr(s) for s in scopes)})"))


def upgrade():
    op.create_table('learning_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_learning_records_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_id'], ['themes.id'], name=op.f('fk_learning_records_category_id_themes')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_users.id'], name=op.f('fk_learning_records_recorded_by_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_records'))
    )
    with op.batch_alter_table('learning_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_records_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_records_category_id'), ['category_id'], unique=False)

    op.create_table('reminders_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('item', sa.String(length=120), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reminders_sent_case_id_cases'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
    sa.UniqueConstraint('recipient', 'item', 'sent_on', name=op.f('uq_reminders_sent_recipient'))
    )
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_sent_case_id'), ['case_id'], unique=False)

    op.create_table('learning_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', name='learningactionstatus', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['completed_by_id'], ['staff_users.id'], name=op.f('fk_learning_actions_completed_by_id_staff_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['staff_users.id'], name=op.f('fk_learning_actions_owner_id_staff_users')),
    sa.ForeignKeyConstraint(['record_id'], ['learning_records.id'], name=op.f('fk_learning_actions_record_id_learning_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_actions'))
    )
    with op.batch_alter_table('learning_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_actions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_actions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_actions_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_learning_actions_status'), ['status'], unique=False)

    _allow_scopes(NEW_SCOPES)
    # A council that already runs the portal gets the default learning categories; a new one gets them here too
    # (portal.data.defaults adds each list's defaults only to a list that is empty).
    connection = op.get_bind()
    if not connection.execute(sa.select(sa.func.count()).select_from(THEMES).where(THEMES.c.scope == 'learning')).scalar():
        op.bulk_insert(THEMES, [
            {'scope': 'learning', 'name': name, 'position': position, 'active': True}
            for position, name in enumerate(DEFAULT_LEARNING_CATEGORIES)
        ])


def downgrade():
    with op.batch_alter_table('learning_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_actions_status'))
        batch_op.drop_index(batch_op.f('ix_learning_actions_record_id'))
        batch_op.drop_index(batch_op.f('ix_learning_actions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_learning_actions_due_on'))

    op.drop_table('learning_actions')
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_sent_case_id'))

    op.drop_table('reminders_sent')
    with op.batch_alter_table('learning_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_records_category_id'))
        batch_op.drop_index(batch_op.f('ix_learning_records_case_id'))

    op.drop_table('learning_records')
    op.execute(THEMES.delete().where(THEMES.c.scope == 'learning'))
    _allow_scopes(OLD_SCOPES)
