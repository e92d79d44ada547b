"""Audit events outlive their case and the database refuses to change them

The case is kept as a plain id plus its reference, with no foreign key, so deleting a case neither deletes nor nulls
its audit. Triggers make the database itself refuse UPDATE and DELETE on audit_events (and TRUNCATE on PostgreSQL),
whatever code or person sends them. docs/audit-retention.md says how personal text will be redacted instead.

Revision ID: b2d5a932e401
Revises: 93c9ec04e290
Create Date: 2026-12-01 15:41:47.204535

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2d5a932e401'
down_revision = '93c9ec04e290'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = {
    "audit_events_refuse_update": (
        "CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END"
    ),
    "audit_events_refuse_delete": (
        "CREATE TRIGGER audit_events_refuse_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END"
    ),
}

POSTGRESQL_UP = [
    """
    CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are never changed or deleted (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    "CREATE TRIGGER audit_events_refuse_change BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    "CREATE TRIGGER audit_events_refuse_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS audit_events_refuse_truncate ON audit_events",
    "DROP TRIGGER IF EXISTS audit_events_refuse_change ON audit_events",
    "DROP FUNCTION IF EXISTS audit_events_refuse_change()",
]


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_reference', sa.String(length=20), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_audit_events_case_id_cases'), type_='foreignkey')
    op.execute(
        "UPDATE audit_events SET case_reference = (SELECT reference FROM cases WHERE cases.id = audit_events.case_id) "
        "WHERE case_id IS NOT NULL"
    )
    # After the batch step: on SQLite it rebuilds the table, which would drop triggers made before it.
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_UP:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_DOWN:
            op.execute(statement)
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_audit_events_case_id_cases'), 'cases', ['case_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('case_reference')
