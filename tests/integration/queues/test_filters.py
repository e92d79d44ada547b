"""Filters, sorting and pages: each filter narrows the list, unknown values are ignored, and links keep the rest."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Theme
from portal.domain.types import CaseState, FeedbackKind, Procedure, ThemeScope
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.queues.conftest import references, soup_of


@pytest.fixture
def world(case_factory):
    fostering, care = make_team("Fostering"), make_team("Children in Care")
    delay = Theme(scope=ThemeScope.COMPLAINT, name="Delay")
    communication = Theme(scope=ThemeScope.COMPLAINT, name="Poor communication")
    db.session.add_all([delay, communication])
    case_factory(
        reference="STATUTORY",
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_1,
        team=fostering,
        themes=[delay],
        received_on=date(2027, 1, 5),
        acknowledgement_due_on=date(2027, 1, 8),
    )
    case_factory(
        reference="COMMENT",
        kind=FeedbackKind.COMMENT,
        procedure=Procedure.COMMENT,
        state=CaseState.CLOSED,
        team=care,
        themes=[communication],
        received_on=date(2027, 1, 3),
    )
    case_factory(
        reference="CHILD",
        made_by_child=True,
        received_on=date(2027, 1, 7),
        acknowledgement_due_on=date(2027, 1, 12),
    )
    case_factory(
        reference="FLAGGED",
        safeguarding_flag=True,
        state=CaseState.SCREENING,
        received_on=date(2027, 1, 4),
        acknowledgement_due_on=date(2027, 1, 7),
    )
    db.session.commit()
    return {"fostering": fostering.id, "care": care.id, "delay": delay.id, "communication": communication.id}


@pytest.fixture
def officer(client, world):
    signed_in_as(client, make_staff())
    return world


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["FLAGGED", "CHILD", "STATUTORY", "COMMENT"]),
        ("kind=comment", ["COMMENT"]),
        ("kind=comment&kind=complaint", ["FLAGGED", "CHILD", "STATUTORY", "COMMENT"]),
        ("procedure=statutory", ["STATUTORY"]),
        ("procedure=none", ["FLAGGED", "CHILD"]),
        ("procedure=none&procedure=comment", ["FLAGGED", "CHILD", "COMMENT"]),
        ("stage=screening&stage=stage_1", ["FLAGGED", "STATUTORY"]),
        ("status=open", ["FLAGGED", "CHILD", "STATUTORY"]),
        ("status=closed", ["COMMENT"]),
        ("only=child", ["CHILD"]),
        ("only=flagged", ["FLAGGED"]),
        ("only=child&only=flagged", []),
        ("kind=complaint&status=open&only=child", ["CHILD"]),
    ],
)
def test_each_filter_narrows_the_list(client, officer, query, expected):
    assert references(client.get(f"/staff/cases?{query}")) == expected


def test_team_and_theme(client, officer):
    assert references(client.get(f"/staff/cases?team={officer['fostering']}")) == ["STATUTORY"]
    assert references(client.get(f"/staff/cases?team={officer['care']}")) == ["COMMENT"]
    assert references(client.get(f"/staff/cases?theme={officer['delay']}")) == ["STATUTORY"]
    assert references(client.get(f"/staff/cases?theme={officer['communication']}&team={officer['fostering']}")) == []


@pytest.mark.parametrize(
    "query",
    [
        "kind=nonsense",
        "procedure=STATUTORY",
        "stage=stage%201",
        "status=maybe",
        "team=999",
        "team=%C2%B2",
        "theme=-1",
        "only=everything",
        "sort=size&direction=sideways",
        "q=",
        "kind=",
        "unexpected=1",
    ],
)
def test_unknown_values_are_ignored(client, officer, query):
    response = client.get(f"/staff/cases?{query}")
    assert response.status_code == 200
    assert references(response) == ["FLAGGED", "CHILD", "STATUTORY", "COMMENT"]
    assert not soup_of(response).select("#case-results ~ * input:checked, input[type=checkbox]:checked")


def test_the_form_shows_the_filters_applied(client, officer):
    soup = soup_of(client.get(f"/staff/cases?kind=comment&kind=bogus&status=closed&team={officer['care']}&only=child"))
    assert [box["value"] for box in soup.select("input[type=checkbox]:checked")] == ["comment", "child"]
    assert soup.select_one("input[name=status]:checked")["value"] == "closed"
    assert soup.select_one("select[name=team] option[selected]").get_text(strip=True) == "Children in Care"
    assert soup.select_one("select[name=theme] option[selected]").get_text(strip=True) == "Any theme"
    assert [option.get_text(strip=True) for option in soup.select("select[name=theme] option")] == [
        "Any theme",
        "Delay (Complaints)",
        "Poor communication (Complaints)",
    ]


def test_the_filter_form_is_a_get_form_that_works_without_javascript(client, officer):
    form = soup_of(client.get("/staff/cases?queue=due&sort=reference")).select_one(".moj-filter form")
    assert form["method"] == "get"
    assert form["action"] == "/staff/cases"
    assert form.select_one("button").get_text(strip=True) == "Apply filters"
    hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert hidden == {"queue": "due", "sort": "reference", "direction": "asc"}
    assert form.select_one("input[name=csrf_token]") is None


# Sorting --------------------------------------------------------------------------------------------------------------


def headers(response) -> dict[str, tuple[str, str]]:
    """For each sortable column: its aria-sort and where its link goes."""
    return {
        th.select_one("a").get_text(strip=True): (th["aria-sort"], th.select_one("a")["href"])
        for th in soup_of(response).select("#case-results thead th[aria-sort]")
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=reference&direction=asc", ["FLAGGED", "CHILD", "COMMENT", "STATUTORY"]),
        ("sort=reference&direction=desc", ["FLAGGED", "STATUTORY", "COMMENT", "CHILD"]),
        ("sort=reference", ["FLAGGED", "CHILD", "COMMENT", "STATUTORY"]),
        ("sort=received&direction=asc", ["FLAGGED", "COMMENT", "STATUTORY", "CHILD"]),
        ("sort=received&direction=desc", ["FLAGGED", "CHILD", "STATUTORY", "COMMENT"]),
        # Cases with no due date (the closed comment) come last either way.
        ("sort=due&direction=asc", ["FLAGGED", "STATUTORY", "CHILD", "COMMENT"]),
        ("sort=due&direction=desc", ["FLAGGED", "CHILD", "STATUTORY", "COMMENT"]),
        ("sort=due&direction=nonsense", ["FLAGGED", "STATUTORY", "CHILD", "COMMENT"]),
    ],
)
def test_sorting(client, officer, query, expected):
    assert references(client.get(f"/staff/cases?{query}")) == expected


def test_headers_say_how_the_list_is_sorted_and_link_to_the_other_orders(client, officer, case_factory):
    case_factory(acknowledgement_due_on=uk_today() - timedelta(days=30))
    default = headers(client.get("/staff/cases?kind=comment"))
    assert default == {
        "Reference": ("none", "/staff/cases?kind=comment&sort=reference&direction=asc"),
        "Received": ("descending", "/staff/cases?kind=comment&sort=received&direction=asc"),
        "Due": ("none", "/staff/cases?kind=comment&sort=due&direction=asc"),
    }
    by_reference = headers(client.get("/staff/cases?queue=to-screen&sort=reference&direction=asc"))
    assert by_reference["Reference"] == ("ascending", "/staff/cases?queue=to-screen&sort=reference&direction=desc")
    assert by_reference["Received"] == ("none", "/staff/cases?queue=to-screen&sort=received&direction=desc")
    assert headers(client.get("/staff/cases?queue=due"))["Due"][0] == "ascending"
    assert headers(client.get("/staff/cases?queue=to-screen"))["Received"][0] == "ascending"


def test_the_order_is_described_in_words(client, officer):
    text = soup_of(client.get("/staff/cases?sort=due")).select_one("#case-results p").get_text(" ", strip=True)
    assert (
        " ".join(text.split()) == "4 cases. Possible safeguarding concerns are listed first, then the nearest due date."
    )


# Pages ---------------------------------------------------------------------------------------------------------------


def test_pages_keep_the_search_filters_and_order(client, case_factory):
    for number in range(51):
        case_factory(
            reference=f"C{number:03d}",
            kind=FeedbackKind.COMMENT,
            received_on=date(2027, 1, 1) + timedelta(days=number),
        )
    case_factory(reference="COMPLAINT")
    signed_in_as(client, make_staff())
    first = client.get("/staff/cases?kind=comment&q=c0&sort=received&direction=asc")
    assert references(first)[:2] == ["C000", "C001"]
    assert len(references(first)) == 50
    assert "Showing 1 to 50 of 51 cases" in first.get_data(as_text=True)
    next_link = soup_of(first).select_one(".govuk-pagination__next a")["href"]
    assert parse_qs(urlsplit(next_link).query) == {
        "kind": ["comment"],
        "q": ["c0"],
        "sort": ["received"],
        "direction": ["asc"],
        "page": ["2"],
    }
    second = client.get(next_link)
    assert references(second) == ["C050"]
    previous = soup_of(second).select_one(".govuk-pagination__prev a")["href"]
    assert "page=" not in previous
    assert soup_of(second).title.get_text().startswith("All cases (page 2 of 2) –")
    assert client.get("/staff/cases?kind=comment&page=3").status_code == 404
