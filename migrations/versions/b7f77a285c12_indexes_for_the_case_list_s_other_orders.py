"""Indexes for the case list's other orders (oldest first, by reference and by due date either way), so each reads
its first page from an index, possible safeguarding concerns first

Indexes only: no rows change either way.

Revision ID: b7f77a285c12
Revises: 4a31b4822d06
Create Date: 2026-12-01 21:58:25.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7f77a285c12'
down_revision = '4a31b4822d06'
branch_labels = None
depends_on = None


# Ascending orders with the flag descending. Named *_mixed so that autogenerate leaves them alone (migrations/env.py).
MIXED_DIRECTION_INDEXES = (
    ("ix_cases_list_oldest_first_mixed", "safeguarding_flag DESC, received_on, id"),
    ("ix_cases_list_by_reference_ascending_mixed", "safeguarding_flag DESC, reference, id"),
    ("ix_cases_list_by_due_date_mixed", "safeguarding_flag DESC, next_due_on, received_on, id"),
    # The latest deadline first, cases with none last: SQLite puts nulls last in a descending order of itself, and
    # refuses NULLS LAST in an index.
    (
        "ix_cases_list_by_due_date_latest_mixed",
        {
            "postgresql": "safeguarding_flag DESC, next_due_on DESC NULLS LAST, received_on, id",
            "sqlite": "safeguarding_flag DESC, next_due_on DESC, received_on, id",
        },
    ),
)


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_list_by_reference', ['safeguarding_flag', 'reference', 'id'], unique=False)
    dialect = op.get_bind().dialect.name
    for name, columns in MIXED_DIRECTION_INDEXES:
        op.execute(f"CREATE INDEX {name} ON cases ({columns if isinstance(columns, str) else columns[dialect]})")


def downgrade():
    for name, _columns in MIXED_DIRECTION_INDEXES:
        op.execute(f"DROP INDEX {name}")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_list_by_reference')
