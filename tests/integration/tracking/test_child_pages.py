"""Children's cases get the child-friendly version of the same pages (issue 12, item 5): Your Voice's layout, with
"Exit this page" (which ends the tracking session too) and the help-now box on every page, in words a child can read
(Flesch reading ease of at least 80, measured as the Your Voice tests measure it)."""

from datetime import date

import pytest
import textstat
from bs4 import BeautifulSoup

from portal.domain.tracking import CODE_TRIES
from tests.integration.tracking.conftest import code_sent, look_up, make_person_case, screen, send_stage_1_response
from tests.integration.young_people.reading import visible_text

MIN_READING_EASE = 80
HELP_NOW = "If you are in danger right now, call 999. Childline is free, any time: 0800 1111"
CHILD_POINTS = ("My visits with my mum got stopped", "Nobody told me why")


@pytest.fixture
def on_day(today_is):
    today_is(date(2027, 1, 8))


def check_child_page(html: str, path: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    assert "child-voice" in page.body["class"], path
    exit_link = page.select_one(".govuk-exit-this-page a")
    assert exit_link["href"] == "/track/leave", path
    assert HELP_NOW in " ".join(page.select_one("#help-now").get_text().split()), path
    ease = textstat.flesch_reading_ease(visible_text(html))
    assert ease >= MIN_READING_EASE, (path, ease, visible_text(html))


def child_case(officer):
    return screen(
        make_person_case(email="ash.child@example.com", phone=None, made_by_child=True, points=CHILD_POINTS), officer
    )


def test_every_page_a_child_signs_in_through_is_easy_to_read(client, officer, on_day):
    case = child_case(officer)
    check_child_page(client.get("/track/young-people").get_data(as_text=True), "/track/young-people")
    errors = client.post("/track/young-people", data={"reference": "", "contact": ""}).get_data(as_text=True)
    check_child_page(errors, "sign in with mistakes")
    look_up(client, case.reference, "ash.child@example.com", "/track/young-people")
    check_child_page(client.get("/track/code").get_data(as_text=True), "/track/code")
    wrong = "000000" if code_sent("ash.child@example.com") != "000000" else "111111"
    check_child_page(client.post("/track/code", data={"code": wrong}).get_data(as_text=True), "wrong code")
    for _ in range(CODE_TRIES - 1):
        locked = client.post("/track/code", data={"code": wrong})
    check_child_page(locked.get_data(as_text=True), "paused")


def test_a_childs_case_and_its_actions_are_easy_to_read(client, officer, manager, on_day):
    case = child_case(officer)
    look_up(client, case.reference, "ash.child@example.com", "/track/young-people")
    client.post("/track/code", data={"code": code_sent("ash.child@example.com")})
    paths = [
        f"/track/cases/{case.reference}",
        "/track/cases",
        f"/track/cases/{case.reference}/add-information",
        f"/track/cases/{case.reference}/advocate",
        f"/track/cases/{case.reference}/withdraw",
    ]
    for path in paths:
        check_child_page(client.get(path).get_data(as_text=True), path)
    errors = client.post(f"/track/cases/{case.reference}/withdraw", data={}).get_data(as_text=True)
    check_child_page(errors, "withdraw with a mistake")
    send_stage_1_response(case, officer, manager, date(2027, 1, 8))
    for path in (f"/track/cases/{case.reference}", f"/track/cases/{case.reference}/next-stage"):
        check_child_page(client.get(path).get_data(as_text=True), path)
    client.post("/track/sign-out")
    check_child_page(client.get("/track/signed-out").get_data(as_text=True), "signed out")


def test_an_adults_case_gets_the_adult_pages(client, officer, on_day):
    case = screen(make_person_case(), officer)
    look_up(client, case.reference, "sam.ellery@example.com")
    client.post("/track/code", data={"code": code_sent("sam.ellery@example.com")})
    page = BeautifulSoup(client.get(f"/track/cases/{case.reference}").get_data(as_text=True), "html.parser")
    assert "child-voice" not in (page.body.get("class") or [])
    assert page.select_one("#help-now") is None
    assert page.select_one(".govuk-exit-this-page a")["href"] == "/track/leave"
