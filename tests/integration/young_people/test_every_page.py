"""Every page of Your Voice, for every choice: easy to read, with the exit and help now on it."""

import pytest
import textstat
from bs4 import BeautifulSoup

from portal.data.database import db
from portal.data.queries.settings import council_settings
from tests.fixtures.config import overridden_config
from tests.integration.young_people.conftest import send
from tests.integration.young_people.journey_data import CHOICES, WORRIED, child_pages
from tests.integration.young_people.reading import visible_text

MIN_READING_EASE = 80
HELP_NOW = "If you are in danger right now, call 999. Childline is free, any time: 0800 1111"
EXIT_URL = "https://www.example.org/weather"


def walk(client, choice: str, theme_ids: list[str], words: str | None = None) -> list[tuple[str, str]]:
    """Opens every page the choice sees, answering each, and returns (path, html) for each page."""
    seen = [("/young-people", client.get("/young-people").get_data(as_text=True))]
    for slug, data in child_pages(choice, theme_ids, words=words):
        path = f"/young-people/{slug}"
        response = client.get(path)
        assert response.status_code == 200, path
        seen.append((path, response.get_data(as_text=True)))
        assert client.post(path, data=data).status_code == 302, path
    seen.append(("/young-people/check-answers", client.get("/young-people/check-answers").get_data(as_text=True)))
    seen.append(("/young-people/sent", send(client).get_data(as_text=True)))
    return seen


@pytest.fixture
def exit_url(app_context):
    settings = council_settings()
    settings.exit_page_url = EXIT_URL
    db.session.commit()
    return EXIT_URL


@pytest.mark.parametrize("choice", CHOICES)
def test_every_page_is_easy_to_read_and_has_the_exit_and_help_now(client, theme_ids, exit_url, choice):
    pages = walk(client, choice, theme_ids)
    assert len(pages) >= 12
    icons = 0
    for path, html in pages:
        page = BeautifulSoup(html, "html.parser")
        ease = textstat.flesch_reading_ease(visible_text(html))
        assert ease >= MIN_READING_EASE, (path, ease, visible_text(html))

        exit_link = page.select_one(".govuk-exit-this-page[data-module=govuk-exit-this-page] a")
        assert exit_link["href"] == "/leave", path
        assert "govuk-js-exit-this-page-button" in exit_link["class"]
        help_now = page.select_one("#help-now")
        assert HELP_NOW in " ".join(help_now.get_text().split()), path
        assert "child-voice" in page.body["class"]
        icons += len(page.select(".child-icon"))
        for icon in page.select(".child-icon"):
            assert icon["aria-hidden"] == "true", (path, icon)
            words = icon.parent.get_text(" ", strip=True).replace(icon.get_text(strip=True), "").strip()
            assert words, (path, icon.parent)  # an icon never stands alone
    assert icons > len(pages)


def test_a_get_of_the_exit_changes_nothing(client, theme_ids, exit_url):
    for slug, data in child_pages(WORRIED, theme_ids)[:3]:
        client.post(f"/young-people/{slug}", data=data)
    response = client.get("/leave")
    assert (response.status_code, response.headers["Location"]) == (303, exit_url)
    assert "Set-Cookie" not in response.headers or "session=;" not in response.headers["Set-Cookie"]
    assert client.get("/young-people/your-words").status_code == 200  # a prefetch or a crawler wiped nothing


def test_the_exits_own_post_forgets_the_answers_in_this_browser(app, client, theme_ids, exit_url):
    for slug, data in child_pages(WORRIED, theme_ids)[:3]:
        client.post(f"/young-people/{slug}", data=data)
    with overridden_config(app, WTF_CSRF_ENABLED=True):
        page = BeautifulSoup(client.get("/young-people/your-words").data, "html.parser")
        token = page.select_one(".govuk-exit-this-page")["data-csrf-token"]
        assert client.post("/leave").status_code == 400  # never without the page's token
        response = client.post("/leave", data={"csrf_token": token})
    assert (response.status_code, response.headers["Location"]) == (303, exit_url)
    # Pressing Back afterwards shows nothing the child wrote.
    assert client.get("/young-people/your-words").headers["Location"].endswith("/young-people/what-to-do")
    assert client.get("/young-people/check-answers").headers["Location"].endswith("/young-people/what-to-do")
    assert "Start" in client.get("/young-people").get_data(as_text=True)


def test_leaving_after_sending_hides_the_confirmation(client, theme_ids, exit_url):
    walk(client, WORRIED, theme_ids)
    client.post("/leave")
    assert client.get("/young-people/sent").headers["Location"].endswith("/young-people")


def test_the_flagged_confirmation_is_easy_to_read_too(client, theme_ids):
    settings = council_settings()
    settings.safeguarding_phrases = ["hurt me"]
    db.session.commit()
    path, html = walk(client, WORRIED, theme_ids, words="They hurt me.")[-1]
    assert BeautifulSoup(html, "html.parser").select_one("#help-now-first") is not None
    assert textstat.flesch_reading_ease(visible_text(html)) >= MIN_READING_EASE


def test_error_pages_are_easy_to_read_too(client, theme_ids):
    html = client.post("/young-people/what-to-do", data={}).get_data(as_text=True)
    assert "There is a problem" in html
    assert textstat.flesch_reading_ease(visible_text(html)) >= MIN_READING_EASE


def test_the_reading_text_leaves_out_what_is_not_seen():
    html = (
        "<html><head><title>Hidden title</title></head><body><script>var hidden = 1;</script>"
        "<p>Call <a href='tel:999'>999</a> now</p><span class='govuk-visually-hidden'>Hidden</span>"
        "<h1>Big heading</h1><progress>3 of 9</progress><button>Go</button></body></html>"
    )
    assert visible_text(html) == "Call 999 now. Big heading. Go."
