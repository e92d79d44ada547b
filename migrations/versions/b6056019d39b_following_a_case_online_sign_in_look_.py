"""Following a case online: sign-in look-ups and their codes, what staff share while a case is on hold or flagged,
and whether people see staff names

Revision ID: b6056019d39b
Revises: cea6cc15e17b
Create Date: 2026-12-01 17:48:01.267302

Adds columns with defaults and a new table only, so existing rows are kept as they are.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b6056019d39b'
down_revision = 'cea6cc15e17b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tracking_sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('lookup_key', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('contact', sa.String(length=320), nullable=True),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('tries_used', sa.Integer(), nullable=False),
    sa.Column('paused_until', sa.DateTime(), nullable=True),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('by_link', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_tracking_sign_ins_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracking_sign_ins')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_tracking_sign_ins_token_hash'))
    )
    with op.batch_alter_table('tracking_sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_sign_ins_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracking_sign_ins_lookup_key'), ['lookup_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracking_sign_ins_sent_at'), ['sent_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tracking_shared', sa.JSON(), server_default='[]', nullable=False))

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tracking_shows_staff_names', sa.Boolean(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_column('tracking_shows_staff_names')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('tracking_shared')

    with op.batch_alter_table('tracking_sign_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_sign_ins_sent_at'))
        batch_op.drop_index(batch_op.f('ix_tracking_sign_ins_lookup_key'))
        batch_op.drop_index(batch_op.f('ix_tracking_sign_ins_case_id'))

    op.drop_table('tracking_sign_ins')
