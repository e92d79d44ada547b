"""Every page that could show a person's answers or a case is sent with `Cache-Control: no-store`.

The rule (portal.common.caching): everything but static assets and a short list of public pages that are the same
for everyone. Checked over every GET route in the URL map, so a new route is covered without changing this test,
and by walking the public journeys to their check-answers and confirmation pages.
"""

import re

import pytest
from sqlalchemy import select

from portal.common.caching import SAME_FOR_EVERYONE
from portal.data.database import db
from portal.data.models import Case, Team
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.casework.conftest import make_case
from tests.integration.intake.journey_data import complaint_pages

PLACEHOLDER = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?(?P<name>[a-z_]+)>")


def test_every_get_route_is_no_store_unless_the_same_for_everyone(app, client):
    case = make_case()
    team = Team(name="Fostering")
    db.session.add(team)
    db.session.commit()
    manager = make_staff(role=StaffRole.COMPLAINTS_MANAGER)
    values = {
        "reference": case.reference,
        "journey_name": "complaint",
        "slug": "who-are-you",
        "user_id": str(manager.id),
        "team_id": str(team.id),
        "scope": "complaint",
        "filename": "css/app.css",
    }
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        path = PLACEHOLDER.sub(lambda match: values.get(match["name"], "1"), rule.rule)
        for signed_in in (False, True):
            if signed_in:
                signed_in_as(client, manager)
            else:
                client.post("/staff/sign-out")
            response = client.get(path)
            response.close()
            cache_control = response.headers.get("Cache-Control", "")
            if rule.endpoint in SAME_FOR_EVERYONE:
                assert "no-store" not in cache_control, (path, response.status_code)
            else:
                assert "no-store" in cache_control, (path, response.status_code)
            checked += 1
    assert checked > 100


def test_the_pages_that_may_be_cached_say_nothing_about_anyone():
    assert {endpoint.split(".")[0] for endpoint in SAME_FOR_EVERYONE} == {"static", "pages"}


def test_check_answers_and_the_confirmation_are_no_store(client):
    team = Team(name="Children in Care")
    db.session.add(team)
    db.session.commit()
    for slug, answers in complaint_pages(str(team.id)):
        response = client.post(f"/complaint/{slug}", data=answers)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:500])
    check_answers = client.get("/complaint/check-answers")
    assert "Family time was cancelled" in check_answers.get_data(as_text=True)
    assert check_answers.headers["Cache-Control"] == "no-store"
    sent = client.post("/complaint/check-answers", data={"declaration": "y"}, follow_redirects=True)
    assert db.session.scalar(select(Case)) is not None
    assert sent.request.path == "/complaint/sent"
    assert sent.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/young-people", "/young-people/what-to-do", "/staff/sign-in", "/session/keep-alive"])
def test_pages_without_answers_yet_are_no_store_too(client, path):
    assert "no-store" in client.get(path).headers["Cache-Control"]


def test_static_assets_may_be_cached(client):
    response = client.get("/assets/css/app.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
