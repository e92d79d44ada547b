"""Two app servers behind one address: separate gunicorn processes sharing the database and a real Redis server for
signed-in sessions and rate limits, and the database's settings revision for the settings cache (docs/deployment.md).

A person's complaint moves from one server to the other between pages and is sent whole; a rate limit counts
requests to both; a staff member signed in on one is signed in on the other, and signing out on one signs out on
both; an administrator's change shows on both.
"""

import os
import re
import secrets

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from benchmarks.load import Person, Timings, complaint_pages
from benchmarks.servers import gunicorn
from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import Case
from portal.data.queries.settings import council_settings
from portal.data.queries.teams import active_teams
from tests.integration.auth.staff import PASSWORD, make_staff

RESUME_LIMIT = 30  # portal.intake.routes.resume: "30 per hour"


@pytest.fixture(scope="module")
def servers(app, database_url, redis_server, tmp_path_factory):
    """Two gunicorn processes of one worker each, started once for this file's tests."""
    folder = tmp_path_factory.mktemp("two-servers")
    environment = {
        **os.environ,
        "PORTAL_ENV": "development",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "SESSION_STORE_URI": redis_server,
        "RATELIMIT_STORAGE_URI": redis_server,
        "SETTINGS_RECHECK_SECONDS": "0",
        "PORTAL_INSTANCE_PATH": str(folder),
    }
    with app.app_context():
        upgrade()
    with gunicorn("wsgi:app", environment, workers=1, log=folder / "first.log") as first:
        with gunicorn("wsgi:app", environment, workers=1, log=folder / "second.log") as second:
            yield first, second


@pytest.fixture
def two_servers(servers, app_context, redis_url):
    """Both servers, on a database with the default lists and a Redis server emptied for the test."""
    ensure_default_lists()
    council_settings()
    return servers


def test_a_complaint_moves_between_servers_mid_form_and_is_sent_whole(two_servers):
    first, second = two_servers
    person = Person(first, Timings())
    pages = complaint_pages("two-servers-1", str(active_teams()[0].id), about_a_child=True)
    for number, (slug, answers) in enumerate(pages):
        person.server = first if number % 2 == 0 else second  # every other page on the other server
        person.get_page(f"/complaint/{slug}", slug)
        status, _, _ = person.request("POST", f"/complaint/{slug}", slug, answers)
        assert status == 302, slug
    person.server = second
    person.get_page("/complaint/check-answers", "check-answers")
    person.server = first
    status, location, _ = person.request("POST", "/complaint/check-answers", "check-answers", {"declaration": "y"})
    assert (status, location.endswith("/complaint/sent")) == (302, True)
    person.server = second
    reference = re.search(r"class='app-reference'>([^<]+)<", person.get_page("/complaint/sent", "sent"))[1]

    db.session.expire_all()
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    assert case.answers["what_happened"] == "Family time was cancelled with no notice (two-servers-1)."
    assert case.answers["child_name"] == "Riley" and case.answers["email"] == "two-servers-1@example.com"
    assert case.children[0].name == "Riley"


def test_a_rate_limit_counts_requests_to_both_servers(two_servers):
    first, second = two_servers
    person = Person(first, Timings())
    for number in range(RESUME_LIMIT):
        person.server = (first, second)[number % 2]
        assert person.request("GET", "/resume/not-a-real-link", "resume")[0] == 410
    for server in (first, second):
        person.server = server
        assert person.request("GET", "/resume/not-a-real-link", "resume")[0] == 429


def test_staff_signed_in_on_one_server_are_signed_in_on_the_other_until_they_sign_out(two_servers):
    first, second = two_servers
    user = make_staff(two_factor=False)
    person = Person(first, Timings())
    person.get_page("/staff/sign-in", "sign-in")
    status, location, _ = person.request(
        "POST", "/staff/sign-in", "sign-in", {"email": user.email, "password": PASSWORD}
    )
    assert status == 302 and "/staff/sign-in" not in location
    person.server = second
    assert person.request("GET", "/staff/cases", "cases")[0] == 200
    page = person.get_page("/staff/cases", "cases")
    assert "Sign out" in page
    status, _, _ = person.request("POST", "/staff/sign-out", "sign-out", {})
    assert status in (302, 303)
    person.server = first
    status, location, _ = person.request("GET", "/staff/cases", "cases")
    assert status == 302 and "/staff/sign-in" in location


def test_an_administrators_change_shows_on_both_servers(two_servers):
    council_settings().name = "Borsetshire County Council"
    db.session.commit()
    for server in two_servers:
        assert "Borsetshire County Council" in Person(server, Timings()).get_page("/", "start")
