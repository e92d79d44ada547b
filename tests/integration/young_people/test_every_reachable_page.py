"""Every page a child can reach from Your Voice, by any link on any page of the journey and on the pages those lead
to, and every error page under it, keeps the exit and the help-now box and reads at Flesch reading ease 80 or more."""

import io
from urllib.parse import urlsplit

import pytest
import textstat
from bs4 import BeautifulSoup
from flask import abort

from portal import create_app
from portal.data.database import db
from tests.fixtures.config import overridden_config
from tests.integration.young_people.journey_data import CHOICES, WORRIED, child_pages
from tests.integration.young_people.reading import visible_text
from tests.integration.young_people.test_every_page import HELP_NOW, MIN_READING_EASE, walk

NOT_PAGES = ("/leave", "/assets/")


def assert_child_page(where: str, html: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    assert "child-voice" in page.body["class"], where
    exit_link = page.select_one(".govuk-exit-this-page[data-module=govuk-exit-this-page] a")
    assert exit_link is not None and exit_link["href"] == "/leave", where
    help_now = page.select_one("#help-now")
    assert help_now is not None and HELP_NOW in " ".join(help_now.get_text().split()), where
    ease = textstat.flesch_reading_ease(visible_text(html))
    assert ease >= MIN_READING_EASE, (where, ease, visible_text(html))


def links_in(html: str) -> set[str]:
    found = set()
    for link in BeautifulSoup(html, "html.parser").select("a[href]"):
        parts = urlsplit(link["href"])
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(NOT_PAGES):
            continue  # another site, an email address, a phone number, the exit, or a file
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("choice", CHOICES)
def test_every_page_reachable_by_a_link_is_a_childs_page(client, theme_ids, choice):
    journey = walk(client, choice, theme_ids)
    to_visit = set().union(*(links_in(html) for _, html in journey))
    seen: set[str] = {path for path, _ in journey}
    visited = 0
    while to_visit:
        path = to_visit.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert_child_page(f"{path} (from a link)", html)
        to_visit |= links_in(html) - seen
        visited += 1
    assert visited >= 4  # at least the four footer pages
    assert {"/young-people/help-to-use-this-site", "/young-people/what-we-do-with-your-answers"} <= seen
    assert {"/young-people/cookies", "/young-people/talk-to-us"} <= seen


def test_a_missing_page_and_a_wrong_method(client, theme_ids):
    for response in (client.get("/young-people/no-such-page"), client.post("/young-people")):
        assert response.status_code in (404, 405)
        assert_child_page(str(response.status_code), response.get_data(as_text=True))


def test_a_request_without_its_csrf_token(app, client, theme_ids):
    with overridden_config(app, WTF_CSRF_ENABLED=True):
        response = client.post("/young-people/what-to-do", data={"choice": WORRIED})
    assert response.status_code == 400
    assert_child_page("400", response.get_data(as_text=True))


def test_a_picture_too_big_to_read(app, client, theme_ids):
    for slug, data in child_pages(WORRIED, theme_ids)[:3]:
        client.post(f"/young-people/{slug}", data=data)
    with overridden_config(app, MAX_CONTENT_LENGTH=1024):
        response = client.post(
            "/young-people/add-a-picture",
            data={"picture": (io.BytesIO(b"x" * 4096), "drawing.png")},
            content_type="multipart/form-data",
        )
    assert response.status_code == 413
    assert_child_page("413", response.get_data(as_text=True))


@pytest.mark.parametrize("status", [400, 403, 404, 410, 413, 429, 500])
def test_every_error_page_under_your_voice(app_context, status):
    scratch = create_app(
        {
            "ENVIRONMENT": "test",
            "SQLALCHEMY_DATABASE_URI": app_context.config["SQLALCHEMY_DATABASE_URI"],
            "PROPAGATE_EXCEPTIONS": False,
        }
    )

    @scratch.get("/young-people/trouble/<int:code>")
    def trouble(code: int):
        if code == 500:
            raise RuntimeError("internal detail")
        abort(code)

    response = scratch.test_client().get(f"/young-people/trouble/{status}")
    with scratch.app_context():
        db.engine.dispose()
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert "internal detail" not in html
    assert_child_page(str(status), html)
