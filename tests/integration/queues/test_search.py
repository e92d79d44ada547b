"""Searching the queues by reference, the submitter's name or email address, and the child's name."""

import random
from urllib.parse import urlencode

import pytest

from portal.data.database import db
from portal.data.models import CaseChild, Person
from portal.domain.references import new_reference
from portal.domain.types import CaseState, SubmitterRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.queues.conftest import references, soup_of


def search(client, text: str, **args) -> list[str]:
    return references(client.get("/staff/cases?" + urlencode({"q": text, **args})))


@pytest.fixture
def cases(case_factory):
    reference = new_reference(random.Random(5))
    first = case_factory(
        reference=reference,
        submitter=Person(role=SubmitterRole.PARENT, name="Quinn Hartley", email="q.hartley@example.com"),
    )
    first.children.append(CaseChild(name="Riley Hartley"))
    second = case_factory(
        reference="TEST-SECOND",
        submitter=Person(role=SubmitterRole.FOSTER_CARER, name="Sam O'Neill", email="sam@fostering.example"),
        state=CaseState.CLOSED,
    )
    second.children.append(CaseChild(name="Alex Brown"))
    second.children.append(CaseChild(name="Jo Brown"))
    case_factory(reference="TEST-THIRD", submitter=None)
    db.session.commit()
    return reference


@pytest.fixture
def officer(client):
    signed_in_as(client, make_staff())


def test_by_reference_however_it_is_typed(client, cases, officer):
    body = cases.removeprefix("CF-").replace("-", "")
    assert search(client, cases) == [cases]
    assert search(client, body.lower()) == [cases]
    assert search(client, f"cf {body[:3]} {body[3:6]} {body[6:]}".lower()) == [cases]


def test_by_part_of_a_reference(client, cases, officer):
    assert search(client, "test-") == ["TEST-THIRD", "TEST-SECOND"]
    assert search(client, cases[-3:].lower()) == [cases]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quinn", "first"),
        ("hartley", "first"),
        ("QUINN HARTLEY", "first"),
        ("  quinn    hartley ", "first"),
        ("o'neill", "TEST-SECOND"),
    ],
)
def test_by_the_submitters_name_in_any_case(client, cases, officer, text, expected):
    assert search(client, text) == [cases if expected == "first" else expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("q.hartley@example.com", "first"), ("HARTLEY@EXAMPLE", "first"), ("@fostering", "TEST-SECOND")],
)
def test_by_email_address(client, cases, officer, text, expected):
    assert search(client, text) == [cases if expected == "first" else expected]


@pytest.mark.parametrize("text", ["q.hartley@fostering", "sam@example.com", "q.hartley @example.com"])
def test_the_whole_of_an_email_address_must_match_not_just_the_part_before_the_at(client, cases, officer, text):
    assert search(client, text) == []


@pytest.mark.parametrize(
    ("text", "expected"), [("riley", "first"), ("Jo Brown", "TEST-SECOND"), ("BROWN", "TEST-SECOND")]
)
def test_by_the_childs_name(client, cases, officer, text, expected):
    assert search(client, text) == [cases if expected == "first" else expected]


def test_percent_and_underscore_are_taken_literally(client, case_factory, officer):
    case_factory(reference="PERCENT", submitter=Person(role=SubmitterRole.OTHER, name="100% Parent"))
    case_factory(reference="UNDERSCORE", submitter=Person(role=SubmitterRole.OTHER, name="user_name"))
    case_factory(reference="PLAIN", submitter=Person(role=SubmitterRole.OTHER, name="user name 1000"))
    assert search(client, "%") == ["PERCENT"]
    assert search(client, "0%") == ["PERCENT"]
    assert search(client, "_") == ["UNDERSCORE"]
    assert search(client, "r_n") == ["UNDERSCORE"]
    assert search(client, "/") == []


def test_search_works_within_a_queue_and_with_filters(client, cases, officer):
    assert search(client, "brown", queue="to-screen") == []
    assert search(client, "brown", status="closed") == ["TEST-SECOND"]
    assert search(client, "hartley", status="closed") == []


def test_no_match_says_so_and_offers_to_clear(client, cases, officer):
    response = client.get("/staff/cases?q=nobody+at+all&queue=due")
    results = soup_of(response).select_one("#case-results")
    assert "No cases match your search and filters." in results.get_text()
    assert results.select_one("a")["href"] == "/staff/cases?queue=due"


def test_the_search_box_keeps_what_was_searched_for(client, cases, officer):
    field = soup_of(client.get("/staff/cases?q=++quinn+<b>hartley</b>")).select_one("input[name=q]")
    assert field["value"] == "quinn <b>hartley</b>"
    assert field["type"] == "search"


def test_a_very_long_search_is_cut_to_100_characters(client, cases, officer):
    response = client.get("/staff/cases?" + urlencode({"q": "hartley" + "x" * 500}))
    assert response.status_code == 200
    assert len(soup_of(response).select_one("input[name=q]")["value"]) == 100
    assert search(client, "  " + "h" * 300) == []
