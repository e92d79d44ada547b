"""Migrations keep what is stored: the waiting-period states migration renames stored states both ways, and on SQLite
a migration that rebuilds the cases table keeps the rows that hang off it. Runs on a scratch database of its own
(a file for SQLite, a database beside the test one for PostgreSQL)."""

from datetime import date
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, make_url, text
from sqlalchemy import inspect as sa_inspect

from portal import create_app
from portal.data.database import db
from portal.data.models import Case, ComplaintPoint, Extension, Person, StageRecord
from portal.domain.outcomes import DEFAULT_LEARNING_CATEGORIES
from portal.domain.types import CaseState, Channel, ClockEvent, FeedbackKind, Finding, Procedure, SubmitterRole

STATES_REVISION = "199c57e7618a"
TIMED_STEPS_REVISION = "91f7257a51d1"
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@pytest.fixture
def scratch_app(database_url, tmp_path):
    url = make_url(database_url)
    server = None
    if url.get_backend_name() == "sqlite":
        scratch_url = f"sqlite:///{tmp_path / 'scratch.db'}"
    else:
        server = create_engine(url, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS portal_migration_scratch WITH (FORCE)"))
            connection.execute(text("CREATE DATABASE portal_migration_scratch"))
        scratch_url = url.set(database="portal_migration_scratch").render_as_string(hide_password=False)
    app = create_app({"ENVIRONMENT": "test", "SQLALCHEMY_DATABASE_URI": scratch_url})
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()
    if server is not None:
        with server.connect() as connection:
            connection.execute(text("DROP DATABASE portal_migration_scratch WITH (FORCE)"))
        server.dispose()


def stored(sql: str) -> list:
    rows = [tuple(row) for row in db.session.execute(text(sql))]
    db.session.commit()  # PostgreSQL: no open transaction may hold a lock a migration waits for
    return rows


def test_a_review_panel_case_keeps_its_records_through_the_states_migration_both_ways(scratch_app):
    case = Case(
        reference="MIG-STAGE-3",
        kind=FeedbackKind.COMPLAINT,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 4),
        description="What happened",
        submitter=Person(role=SubmitterRole.PARENT, name="Sam Ellery"),
        state=CaseState.STAGE_3_REQUESTED,
    )
    case.points.append(ComplaintPoint(number=1, text="A point"))
    case.stages.append(StageRecord(state=CaseState.STAGE_3_REQUESTED, started_on=date(2027, 3, 1)))
    db.session.add(case)
    db.session.commit()
    db.session.close()
    before = ScriptDirectory(str(MIGRATIONS)).get_revision(STATES_REVISION).down_revision

    downgrade(directory=str(MIGRATIONS), revision=before)
    assert stored("SELECT state FROM cases") == [("stage_3",)]
    assert stored("SELECT state FROM stage_records") == [("stage_3",)]
    assert stored("SELECT text FROM complaint_points") == [("A point",)]

    upgrade(directory=str(MIGRATIONS))
    assert stored("SELECT state FROM cases") == [("stage_3_requested",)]
    assert stored("SELECT state FROM stage_records") == [("stage_3_requested",)]
    assert stored("SELECT text FROM complaint_points") == [("A point",)]
    if db.engine.dialect.name == "sqlite":
        assert stored("PRAGMA foreign_keys") == [(1,)]


def test_stage_records_extensions_findings_and_progress_survive_the_timed_steps_migration_both_ways(scratch_app):
    case = Case(
        reference="MIG-STAGE-1",
        kind=FeedbackKind.COMPLAINT,
        procedure=Procedure.STATUTORY,
        channel=Channel.ONLINE,
        received_on=date(2027, 1, 4),
        description="What happened",
        submitter=Person(role=SubmitterRole.PARENT, name="Sam Ellery"),
        state=CaseState.CLOSED,
    )
    case.points.append(ComplaintPoint(number=1, text="A point", finding=Finding.UPHELD, finding_notes="Late twice"))
    stage_1 = StageRecord(
        state=CaseState.STAGE_1,
        started_on=date(2027, 1, 4),
        due_on=date(2027, 1, 18),
        extended_to=date(2027, 2, 1),
        completed_on=date(2027, 1, 29),
    )
    stage_1.extensions.append(
        Extension(
            previous_due_on=date(2027, 1, 18),
            new_due_on=date(2027, 2, 1),
            reason="The complainant asked for an advocate",
            granted_on=date(2027, 1, 11),
        )
    )
    case.stages.extend([stage_1, StageRecord(state=CaseState.STAGE_1_RESPONDED, started_on=date(2027, 1, 29))])
    db.session.add(case)
    db.session.commit()
    db.session.close()
    before = ScriptDirectory(str(MIGRATIONS)).get_revision(TIMED_STEPS_REVISION).down_revision

    downgrade(directory=str(MIGRATIONS), revision=before)
    # SQLite hands dates back as text, PostgreSQL as dates.
    rows = stored("SELECT state, extended_to, extension_reason FROM stage_records ORDER BY id")
    assert [(state, extended and str(extended), reason) for state, extended, reason in rows] == [
        ("stage_1", "2027-02-01", "The complainant asked for an advocate"),
        ("stage_1_responded", None, None),
    ]

    upgrade(directory=str(MIGRATIONS))
    assert stored("SELECT procedure, step FROM stage_records ORDER BY id") == [
        ("statutory", "stage_1_response"),
        ("statutory", "request_stage_2"),
    ]
    assert stored("SELECT progress FROM cases") == [("stage_1",)]
    assert [row[0] for row in stored("SELECT reason FROM extensions")] == ["The complainant asked for an advocate"]
    assert stored("SELECT stage, finding, notes FROM point_findings") == [(1, "upheld", "Late twice")]
    assert stored("SELECT text FROM complaint_points") == [("A point",)]


LEARNING_REVISION = "b7d41c2e9f10"


def test_the_learning_migration_adds_the_default_categories_and_takes_only_them_away(scratch_app):
    db.session.execute(
        text("INSERT INTO themes (scope, name, position, active) VALUES ('complaint', 'Delay', 0, true)")
    )
    db.session.commit()
    learning = "SELECT name FROM themes WHERE scope = 'learning' ORDER BY position"
    assert stored(learning) == [(name,) for name in DEFAULT_LEARNING_CATEGORIES]
    before = ScriptDirectory(str(MIGRATIONS)).get_revision(LEARNING_REVISION).down_revision

    downgrade(directory=str(MIGRATIONS), revision=before)
    assert stored("SELECT scope, name FROM themes") == [("complaint", "Delay")]
    assert "learning_records" not in sa_inspect(db.engine).get_table_names()

    upgrade(directory=str(MIGRATIONS))
    assert stored(learning) == [(name,) for name in DEFAULT_LEARNING_CATEGORIES]
    assert {"learning_records", "learning_actions", "reminders_sent"} <= set(sa_inspect(db.engine).get_table_names())


STAGE_1_ANSWER_REVISION = "c3a1e5d7f902"


def test_the_case_facts_migration_fills_in_each_cases_stage_1_answer_and_submitter(scratch_app):
    def case(reference: str, *stages: StageRecord) -> Case:
        return Case(
            reference=reference,
            kind=FeedbackKind.COMPLAINT,
            procedure=Procedure.STATUTORY,
            channel=Channel.ONLINE,
            received_on=date(2027, 1, 4),
            description="What happened",
            stages=list(stages),
        )

    answered = StageRecord(
        state=CaseState.STAGE_1,
        started_on=date(2027, 1, 4),
        clock_started_on=date(2027, 1, 4),
        due_on=date(2027, 1, 18),
        extended_to=date(2027, 1, 25),
        completed_on=date(2027, 1, 15),
        completed_by=ClockEvent.STAGE_1_RESPONSE_SENT,
    )
    stopped = StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 1, 4), completed_on=date(2027, 1, 8))
    parent = Person(role=SubmitterRole.PARENT, name="Sam Ellery", email=" Sam.Ellery@Example.org")
    advocate = Person(role=SubmitterRole.ADVOCATE, name="Jo Pell", phone="0121 496 0000")
    db.session.add_all(
        [case("MIG-ANSWERED", answered), case("MIG-STOPPED", stopped), case("MIG-NEW"), parent, advocate]
    )
    db.session.flush()
    # Submitters set on the rows alone, as before this migration, with nothing kept on the case.
    for reference, person in (("MIG-ANSWERED", parent), ("MIG-STOPPED", advocate)):
        db.session.execute(text(f"UPDATE cases SET submitter_id = {person.id} WHERE reference = '{reference}'"))
    db.session.commit()
    db.session.close()
    before = ScriptDirectory(str(MIGRATIONS)).get_revision(STAGE_1_ANSWER_REVISION).down_revision

    downgrade(directory=str(MIGRATIONS), revision=before)
    assert "stage_1_answered_on" not in {column["name"] for column in sa_inspect(db.engine).get_columns("cases")}

    upgrade(directory=str(MIGRATIONS))
    rows = stored(
        "SELECT reference, stage_1_answered_on, stage_1_clock_started_on, stage_1_due_on, stage_1_extended"
        " FROM cases ORDER BY reference"
    )
    # SQLite hands dates back as text and booleans as 1 and 0, PostgreSQL as dates and booleans.
    assert [(row[0], *(day and str(day) for day in row[1:4]), row[4]) for row in rows] == [
        ("MIG-ANSWERED", "2027-01-15", "2027-01-04", "2027-01-25", True),
        ("MIG-NEW", None, None, None, None),
        ("MIG-STOPPED", None, None, None, None),
    ]
    assert stored("SELECT reference, submitter_role, submitter_key FROM cases ORDER BY reference") == [
        ("MIG-ANSWERED", "parent", "sam.ellery@example.org"),
        ("MIG-NEW", None, None),
        ("MIG-STOPPED", "advocate", "01214960000"),
    ]


NEXT_DUE_REVISION = "3aa6c200f8bf"


def test_the_next_deadline_migration_fills_in_each_case_as_the_app_would(scratch_app):
    """The migration's own copy of the rule gives every case the date the app keeps on it (portal.data.next_due)."""

    def case(reference: str, **fields) -> Case:
        made = Case(
            **{
                "reference": reference,
                "kind": FeedbackKind.COMPLAINT,
                "procedure": Procedure.STATUTORY,
                "channel": Channel.ONLINE,
                "received_on": date(2027, 1, 4),
                "description": "What happened",
                "state": CaseState.STAGE_1,
                "acknowledged_on": date(2027, 1, 5),
                **fields,
            }
        )
        db.session.add(made)
        return made

    case("NOT-ACKNOWLEDGED", acknowledged_on=None, acknowledgement_due_on=date(2027, 1, 7))
    case("EXTENDED").stages.extend(
        [
            StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 1, 4), due_on=date(2027, 2, 1)),
            StageRecord(
                state=CaseState.STAGE_2,
                started_on=date(2027, 2, 3),
                due_on=date(2027, 3, 3),
                extended_to=date(2027, 4, 2),
            ),
        ]
    )
    case("ON-HOLD", state=CaseState.ON_HOLD).stages.append(
        StageRecord(state=CaseState.ON_HOLD, started_on=date(2027, 1, 6), due_on=date(2027, 2, 3))
    )
    case("COMMENT", kind=FeedbackKind.COMMENT, procedure=None, response_due_on=date(2027, 2, 1))
    case("CLOSED", state=CaseState.CLOSED).stages.append(
        StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 1, 4), due_on=date(2027, 2, 1))
    )
    db.session.commit()
    dates = "SELECT reference, next_due_on FROM cases ORDER BY reference"
    kept_by_the_app = [(reference, due and str(due)) for reference, due in stored(dates)]
    assert kept_by_the_app == [
        ("CLOSED", None),
        ("COMMENT", "2027-02-01"),
        ("EXTENDED", "2027-04-02"),
        ("NOT-ACKNOWLEDGED", "2027-01-07"),
        ("ON-HOLD", "2027-02-03"),
    ]
    db.session.close()
    before = ScriptDirectory(str(MIGRATIONS)).get_revision(NEXT_DUE_REVISION).down_revision

    downgrade(directory=str(MIGRATIONS), revision=before)
    assert "next_due_on" not in {column["name"] for column in sa_inspect(db.engine).get_columns("cases")}

    upgrade(directory=str(MIGRATIONS))
    assert [(reference, due and str(due)) for reference, due in stored(dates)] == kept_by_the_app
