"""Each app process keeps the council's settings and lists, and sees an administrator's change made through another.

Two app objects on one database stand for two app servers: the administrator works on the first (the session-wide
test app), the public uses the second, whose recheck time is 30 seconds on a clock the test moves.
"""

import pytest
from sqlalchemy import event

from portal import create_app
from portal.data.database import db
from portal.data.models import Team
from portal.data.queries.settings import council, council_settings
from portal.data.queries.teams import active_team_choices
from tests.fixtures.clock import FakeClock
from tests.integration.admin.conftest import page_text
from tests.integration.admin.test_council_details import answers

RECHECK_SECONDS = 30


@pytest.fixture
def other_server(app_context, database_url):
    """A second app on the same database, its settings cache on a clock the test moves. The council's settings row
    is made first, as it is on any portal that has served a page."""
    council_settings()
    other = create_app(
        {
            "ENVIRONMENT": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "SETTINGS_RECHECK_SECONDS": RECHECK_SECONDS,
        }
    )
    clock = FakeClock()
    other.extensions["settings_cache"].clock = clock
    other.clock = clock
    yield other
    with other.app_context():
        db.engine.dispose()


def statements_while(other, action) -> list[str]:
    with other.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def test_a_change_on_one_server_shows_on_the_other_after_its_recheck_time(admin_client, other_server):
    public = other_server.test_client()
    assert "Anytown Council" in page_text(public.get("/"))

    assert admin_client.post("/staff/settings/council", data=answers(name="Borsetshire County Council")).status_code
    assert "Borsetshire County Council" in page_text(admin_client.get("/"))  # the server that made it: at once

    other_server.clock.now += RECHECK_SECONDS - 1
    assert "Anytown Council" in page_text(public.get("/"))  # the other keeps its copy until its recheck time
    other_server.clock.now += 1
    assert "Borsetshire County Council" in page_text(public.get("/"))


def test_the_start_page_reads_nothing_from_the_database_between_rechecks(admin_client, other_server):
    public = other_server.test_client()
    public.get("/")  # reads the settings once
    assert statements_while(other_server, lambda: [public.get("/") for _ in range(3)]) == []

    other_server.clock.now += RECHECK_SECONDS
    looked = statements_while(other_server, lambda: public.get("/"))
    assert len(looked) == 1 and "settings_revision" in looked[0]  # nothing changed: one look, no reload


def test_a_new_team_is_offered_on_the_other_server_after_its_recheck_time(app_context, other_server):
    def teams_on_the_other_server() -> list[str]:
        with other_server.app_context():
            return [name for _, name in active_team_choices()]

    assert "Fostering Team" not in teams_on_the_other_server()
    db.session.add(Team(name="Fostering Team", active=True))
    db.session.commit()
    assert "Fostering Team" in [name for _, name in active_team_choices()]
    assert "Fostering Team" not in teams_on_the_other_server()
    other_server.clock.now += RECHECK_SECONDS
    assert "Fostering Team" in teams_on_the_other_server()


def test_nothing_is_cached_from_a_change_that_was_rolled_back(admin_client, client):
    assert council().name == "Anytown Council"
    council_settings().name = "Never Saved Council"
    db.session.flush()
    db.session.rollback()
    assert council().name == "Anytown Council"
    assert "Never Saved Council" not in page_text(client.get("/"))
