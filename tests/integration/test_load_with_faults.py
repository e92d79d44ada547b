"""A short run of the load test (benchmarks/load.py, `make load` for the full one): simulated people send complaints
through gunicorn while a worker is killed and a database connection is ended, and nothing is lost or doubled.

It needs PostgreSQL (pg_terminate_backend), so it runs in the PostgreSQL pass of scripts/test.sh."""

import os

import pytest

from benchmarks.load import run_load_test
from tests.conftest import _postgresql_database_for

SUBMISSIONS = 30
PEOPLE = 15


@pytest.fixture
def load_database(database_url):
    """A database of its own beside the test run's, which the load test migrates and fills."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the load test needs PostgreSQL: it runs in the PostgreSQL pass of scripts/test.sh")
    return _postgresql_database_for(database_url, "load")


def test_no_complaint_is_lost_or_doubled_when_a_worker_dies_and_a_connection_drops(load_database, tmp_path, capsys):
    run, problems = run_load_test(load_database, SUBMISSIONS, PEOPLE, log=tmp_path / "gunicorn.log")
    assert problems == []
    assert len(run.shown) == SUBMISSIONS
    assert len(set(run.shown.values())) == SUBMISSIONS
    assert any("Killed gunicorn worker" in event for event in run.events)
    assert any("Terminated PostgreSQL connection" in event for event in run.events)
    printed = capsys.readouterr().out
    assert "p95 ms" in printed and "POST check-answers" in printed
    # Where the machine's time went: the portal, its database and the simulated people, each per request.
    for part in ("gunicorn used", "PostgreSQL used", "the simulated people used", "ms of CPU per request"):
        assert part in printed
    assert printed.count("resident after the run") == 2
    assert os.path.getsize(tmp_path / "gunicorn.log") > 0
