"""Shared fixtures: one migrated database per run (SQLite by default, PostgreSQL when TEST_DATABASE_URL is set),
emptied after every test that used it."""

import os
import time
from pathlib import Path

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from portal import create_app
from portal.common import clock
from portal.data.database import db
from portal.extensions import limiter

TESTS_DIR = Path(__file__).parent

# The local SMTP sink and GOV.UK Notify stand-in fixtures, for any test that asks for them.
pytest_plugins = ["tests.fixtures.smtp_sink", "tests.fixtures.notify_stand_in", "tests.fixtures.redis_server"]


def pytest_collection_modifyitems(items):
    """Marks tests by folder: integration and browser tests touch the database; browser tests drive Chromium."""
    for item in items:
        path = Path(str(item.fspath))
        if TESTS_DIR / "integration" in path.parents or TESTS_DIR / "browser" in path.parents:
            item.add_marker(pytest.mark.db)
        if TESTS_DIR / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database of this test process's own. Under pytest-xdist each worker gets its own SQLite file (its own
    temporary folder) or its own PostgreSQL database, made beside the one TEST_DATABASE_URL names."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
    worker_id = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker_id:
        return url
    return _postgresql_database_for(url, worker_id)


def _postgresql_database_for(url: str, worker_id: str) -> str:
    server = make_url(url)
    name = f"{server.database}_{worker_id}"
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


class FreshRequestClient(FlaskClient):
    """A test client whose every request loads the signed-in user afresh, as a real request would.

    The tests hold an application context open, and each request shares it; without this, Flask-Login's user and the
    session check cached in `g` by one request would carry over into the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.pop("_login_user", None)
            g.pop("_staff_session_check", None)
            g.pop("_tracking_session_check", None)
            g.pop("csrf_token", None)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        {
            "ENVIRONMENT": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            # Set up the shared limiter's storage even if a test has already switched limits off (rate_limits_off).
            "RATELIMIT_ENABLED": True,
        }
    )
    app.test_client_class = FreshRequestClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()


LONGEST_REAL_WAIT_SECONDS = 1


@pytest.fixture(autouse=True)
def no_long_real_waits(monkeypatch):
    """No test may wait on a real timer for more than a second: fake the clock instead (for the browser,
    Playwright's `page.clock`)."""
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        assert seconds <= LONGEST_REAL_WAIT_SECONDS, f"a test slept {seconds} s: fake the clock instead"
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", sleep)


@pytest.fixture(autouse=True)
def rate_limits_off():
    """Rate limits stay off unless a test turns them on. The limiter is shared by every app a test builds, and each
    app's set-up switches it to that app's setting, so it is switched off again before every test."""
    limiter.enabled = False
    yield


def empty_every_table() -> None:
    """Empties the database between tests. The audit table's triggers refuse this to everyone, so the tests step
    round them: on PostgreSQL as a replica would, with triggers off for this transaction only (the test user is a
    superuser); on SQLite by dropping them and creating them again as they were."""
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    db.session.remove()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL session_replication_role = replica"))
        # DELETE, and the sequences started again, rather than TRUNCATE: TRUNCATE makes new files for every table and
        # index, several times slower on a test's few rows. Every sequence belongs to an id column.
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
        db.session.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"))
    else:
        triggers = db.session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")
        ).all()
        for name, _ in triggers:
            db.session.execute(text(f"DROP TRIGGER {name}"))
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
        for _, sql in triggers:
            db.session.execute(text(sql))
    db.session.commit()


@pytest.fixture
def app_context(app):
    """An application context on a database that is emptied when the test ends."""
    with app.app_context():
        yield app
        empty_every_table()


@pytest.fixture
def client(app_context):
    return app_context.test_client()


@pytest.fixture
def cli_runner(app_context):
    return app_context.test_cli_runner()


@pytest.fixture
def csrf_enabled(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def today_is(app):
    """Moves the app's clock to 10am UK time on the day given (`today_is(date(2026, 12, 24))`); the clock runs on
    from there and is put back when the test ends."""
    yield lambda day: clock.set_today(app.config, day)
    clock.reset(app.config)
