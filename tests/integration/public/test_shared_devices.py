"""A shared family computer: the session cookie ends with the browser, pages are never cached, and what was typed is
reachable afterwards only through the emailed "save and come back later" link."""

import re

from sqlalchemy import select

from portal.data.database import db
from portal.data.models import OutboxMessage
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages
from tests.integration.young_people.conftest import post_pages as post_child_pages
from tests.integration.young_people.journey_data import WORRIED, child_pages


def session_cookie_header(response) -> str:
    [header] = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    return header


def test_a_childs_session_cookie_ends_with_the_browser(client, theme_ids):
    response = client.post("/young-people/what-to-do", data={"choice": WORRIED})
    header = session_cookie_header(response).lower()
    assert "expires=" not in header and "max-age=" not in header


def test_an_adults_session_cookie_ends_with_the_browser_even_after_a_resume_link(app, client, team_id):
    response = client.post("/complaint/who-are-you", data={"role": "parent"})
    assert "expires=" not in session_cookie_header(response).lower()
    client.post("/complaint/about-a-child", data={"about_child": "no", "save_and_return": "1"})
    client.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    link = re.search(
        r"http://localhost(/resume/\S+)", db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).body
    ).group(1)

    later = app.test_client()  # the browser was closed: its session cookie went with it
    assert later.get("/complaint/about-a-child").headers["Location"].endswith("/complaint/who-are-you")
    resumed = later.get(link)
    assert resumed.status_code == 302
    assert "expires=" not in session_cookie_header(resumed).lower()
    assert 'value="no" checked' in later.get("/complaint/about-a-child").get_data(as_text=True)


def test_every_request_renews_the_session_so_its_time_counts_from_the_last_one(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:1])
    for path in ("/complaint/about-a-child", "/session/keep-alive", "/young-people"):
        assert session_cookie_header(client.get(path))
    for path in ("/leave", "/assets/css/app.css"):  # never: they could put back a session the exit just forgot
        with client.get(path) as response:
            assert not [value for value in response.headers.getlist("Set-Cookie") if "session=" in value]


def test_public_pages_with_answers_are_never_cached(client, team_id, theme_ids):
    post_pages(client, "complaint", complaint_pages(team_id)[:6])
    post_child_pages(client, child_pages(WORRIED, theme_ids)[:3])
    for path in ("/complaint/what-happened", "/complaint/check-answers", "/young-people/your-words"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
