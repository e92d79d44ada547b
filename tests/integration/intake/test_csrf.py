"""The journeys with CSRF protection on, as in production: every page's token is read and sent back."""

import re

from flask import g
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, Draft
from tests.integration.intake.journey_data import comment_pages


def token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_comment_journey_with_csrf_tokens(client, team_id, csrf_enabled):
    for slug, data in comment_pages():
        g.pop("csrf_valid", None)
        page = client.get(f"/comment/{slug}").get_data(as_text=True)
        response = client.post(f"/comment/{slug}", data={**data, "csrf_token": token(page)})
        assert response.status_code == 302, slug
    g.pop("csrf_valid", None)
    check = client.get("/comment/check-answers")
    assert check.status_code == 200, check.headers.get("Location")
    g.pop("csrf_valid", None)
    response = client.post("/comment/check-answers", data={"csrf_token": token(check.get_data(as_text=True))})
    assert response.headers["Location"].endswith("/comment/sent")
    assert db.session.scalar(select(Case)).summary == "Foster carer training dates"


def test_a_post_without_a_token_is_refused_and_changes_nothing(client, team_id, csrf_enabled):
    g.pop("csrf_valid", None)
    response = client.post("/comment/what-about", data={"comment_subject": "Anything"})
    assert response.status_code == 400
    assert "Sorry, your session has timed out" in response.get_data(as_text=True)
    assert db.session.scalar(select(Draft)) is None
