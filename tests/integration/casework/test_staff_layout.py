"""The staff layout: navigation, a sign-out button that posts, and the CSRF header for htmx on <body>."""

import json

import pytest
from bs4 import BeautifulSoup

from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_body_carries_the_csrf_token_for_htmx(client, csrf_enabled):
    soup = soup_of(client.get("/staff/sign-in"))
    headers = json.loads(soup.body["hx-headers"])
    assert list(headers) == ["X-CSRFToken"]
    assert headers["X-CSRFToken"] == soup.select_one("input[name=csrf_token]")["value"]


def test_signed_in_pages_have_the_staff_navigation(client):
    signed_in_as(client, make_staff())
    soup = soup_of(client.get("/staff/cases"))
    navigation = soup.select_one("nav.govuk-service-navigation__wrapper")
    assert [link.get_text(strip=True) for link in navigation.select("a")] == [
        "Cases",
        "Record feedback",
        "Record a duty matter",
        "Learning",
        "Participation",
        "Compliments",
        "Survey results",
        "Reports",
        "Your account",
    ]
    assert navigation.select_one("a")["aria-current"] == "true"


@pytest.mark.parametrize(
    ("role", "menu"),
    [
        (
            StaffRole.COMPLAINTS_MANAGER,
            [
                "Cases",
                "Record feedback",
                "Record a duty matter",
                "Learning",
                "Participation",
                "Compliments",
                "Survey results",
                "Reports",
                "Audit trail",
            ],
        ),
        (StaffRole.RESPONDING_MANAGER, ["Cases", "Learning"]),
        (StaffRole.PARTICIPATION_OFFICER, ["Cases", "Record feedback", "Participation", "Survey results"]),
        (StaffRole.ADMINISTRATOR, ["Import history", "Settings"]),
        (StaffRole.LEARNING_LEAD, ["Learning", "Survey results", "Reports"]),
        (StaffRole.REPORT_VIEWER, ["Survey results", "Reports"]),
    ],
)
def test_each_role_sees_only_the_pages_it_may_open(client, role, menu):
    signed_in_as(client, make_staff(role=role))
    home = client.get("/staff/")
    if menu:
        assert home.status_code == 302
        page = client.get(home.headers["Location"])
    else:
        page = home
    assert page.status_code == 200
    navigation = soup_of(page).select_one("nav.govuk-service-navigation__wrapper")
    assert [link.get_text(strip=True) for link in navigation.select("ul a")] == [*menu, "Your account"]
    form = navigation.select_one("form")
    assert form["method"] == "post"
    assert form["action"] == "/staff/sign-out"
    assert form.select_one("button").get_text(strip=True) == "Sign out"
    assert form.select_one("input[name=csrf_token]") is not None


def test_sign_in_page_has_no_staff_navigation(client):
    soup = soup_of(client.get("/staff/sign-in"))
    assert soup.select_one("nav.govuk-service-navigation__wrapper") is None


def test_sign_in_works_with_csrf_protection_on(client, csrf_enabled):
    user = make_staff()
    page = soup_of(client.get("/staff/sign-in"))
    token = page.select_one("input[name=csrf_token]")["value"]
    refused = client.post("/staff/sign-in", data={"email": user.email, "password": "x"})
    assert refused.status_code == 400
    accepted = client.post("/staff/sign-in", data={"email": user.email, "password": "x", "csrf_token": token})
    assert accepted.status_code == 200


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (StaffRole.COMPLAINTS_OFFICER, "/staff/cases"),
        (StaffRole.RESPONDING_MANAGER, "/staff/cases"),
        (StaffRole.LEARNING_LEAD, "/staff/learning"),
        (StaffRole.ADMINISTRATOR, "/staff/settings"),
        (StaffRole.REPORT_VIEWER, "/staff/reports"),
    ],
)
def test_each_role_lands_on_the_page_of_its_own_work(client, role, landing):
    signed_in_as(client, make_staff(role=role))
    assert client.get("/staff/").headers["Location"] == landing
