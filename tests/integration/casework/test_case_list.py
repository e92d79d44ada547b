"""The staff case list: who may see it, which cases each person sees, in what order, and the audit trail."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.casework import services
from portal.data.database import db
from portal.data.models import AuditEvent, Person
from portal.domain.types import FeedbackKind, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as

ALLOWED = {
    StaffRole.COMPLAINTS_OFFICER,
    StaffRole.COMPLAINTS_MANAGER,
    StaffRole.RESPONDING_MANAGER,
    StaffRole.INVESTIGATOR,
    StaffRole.PARTICIPATION_OFFICER,
}


def rows(response) -> list[dict[str, str]]:
    """Each row of the table as {column heading: text}."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    headings = [heading.get_text(" ", strip=True).rstrip(" ▲▼") for heading in soup.select("table thead th")]
    return [
        dict(zip(headings, (cell.get_text(" ", strip=True) for cell in row.select("th, td")), strict=True))
        for row in soup.select("table.govuk-table tbody tr")
    ]


def references(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [link.get_text(strip=True) for link in soup.select("table tbody th a")]


@pytest.mark.parametrize("role", list(StaffRole), ids=lambda role: role.value)
def test_each_role_is_let_in_or_refused(client, case_factory, role):
    case_factory()
    signed_in_as(client, make_staff(role=role))
    response = client.get("/staff/cases")
    assert response.status_code == (200 if role in ALLOWED else 403)


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/staff/cases")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")


def test_the_list_shows_each_case(client, case_factory):
    team = make_team("Fostering")
    case_factory(
        reference="ABC123",
        kind=FeedbackKind.COMMENT,
        received_on=date(2027, 1, 6),
        summary="Training dates clash with school holidays",
        team=team,
        submitter=Person(role=SubmitterRole.FOSTER_CARER, name="Quinn Hartley"),
    )
    signed_in_as(client, make_staff())
    [row] = rows(client.get("/staff/cases"))
    assert row == {
        "Reference": "ABC123 Comment",
        "Stage": "Received",
        "Received": "6 January 2027",
        "Due": "None",
        "From": "Quinn Hartley",
        "Summary": "Training dates clash with school holidays",
    }


def test_people_without_a_name_are_anonymous(client, case_factory):
    case_factory(submitter=None)
    case_factory(submitter=Person(role=SubmitterRole.OTHER, name=None))
    signed_in_as(client, make_staff())
    assert [row["From"] for row in rows(client.get("/staff/cases"))] == ["Anonymous", "Anonymous"]


def test_long_summaries_are_cut_short(client, case_factory):
    case_factory(summary="word " * 39)
    signed_in_as(client, make_staff())
    summary = rows(client.get("/staff/cases"))[0]["Summary"]
    assert len(summary) <= 81
    assert summary.endswith("…")


def test_possible_safeguarding_concerns_come_first_then_the_newest(client, case_factory):
    case_factory(reference="OLD", received_on=date(2027, 1, 1))
    case_factory(reference="NEW", received_on=date(2027, 1, 8))
    case_factory(reference="FLAGGED", received_on=date(2026, 12, 1), safeguarding_flag=True)
    signed_in_as(client, make_staff())
    response = client.get("/staff/cases")
    assert references(response) == ["FLAGGED", "NEW", "OLD"]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    tags = soup.select("tbody .govuk-tag--red")
    assert [tag.get_text(strip=True) for tag in tags] == ["Possible safeguarding concern"]
    assert tags[0].find_parent("tr").select_one("a").get_text() == "FLAGGED"


def test_responding_managers_see_only_cases_allocated_to_them_or_their_team(client, case_factory):
    own_team, other_team = make_team("Children in Care"), make_team("Fostering")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=own_team)
    colleague = make_staff("sol@anytown.example", StaffRole.RESPONDING_MANAGER, team=other_team)
    teammate = make_staff("ash@anytown.example", StaffRole.RESPONDING_MANAGER, team=own_team)
    case_factory(reference="MINE", team=other_team, responding_manager=manager)
    case_factory(reference="MYTEAM", team=own_team, responding_manager=teammate)
    # The team the public chose is only a suggestion until the Complaints Team allocates the case.
    case_factory(reference="SUGGESTED", team=own_team)
    case_factory(reference="THEIRS", team=other_team, responding_manager=colleague)
    case_factory(reference="NOTEAM")
    signed_in_as(client, manager)
    response = client.get("/staff/cases")
    assert sorted(references(response)) == ["MINE", "MYTEAM"]
    assert "allocated to you or your team" in response.get_data(as_text=True)


def test_a_responding_manager_with_no_team_sees_only_their_own_cases(client, case_factory):
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER)
    case_factory(reference="MINE", responding_manager=manager)
    case_factory(reference="NOTEAM")
    signed_in_as(client, manager)
    assert references(client.get("/staff/cases")) == ["MINE"]


def test_a_responding_manager_with_nothing_allocated_is_told_so(client, case_factory):
    case_factory()
    signed_in_as(client, make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER))
    response = client.get("/staff/cases")
    assert rows(response) == []
    assert "No cases are allocated to you or your team yet." in response.get_data(as_text=True)


def test_complaints_officers_see_every_case(client, case_factory):
    team = make_team()
    case_factory(reference="A", team=team)
    case_factory(reference="B")
    signed_in_as(client, make_staff())
    assert sorted(references(client.get("/staff/cases"))) == ["A", "B"]


def test_an_empty_list_says_so(client):
    signed_in_as(client, make_staff())
    response = client.get("/staff/cases")
    assert response.status_code == 200
    assert "There are no cases yet." in response.get_data(as_text=True)


def test_cases_come_50_to_a_page(client, case_factory):
    for number in range(51):
        case_factory(reference=f"C{number:03d}", received_on=date(2027, 1, 1), summary="Same day")
    signed_in_as(client, make_staff())
    first = client.get("/staff/cases")
    assert len(rows(first)) == 50
    assert "Showing 1 to 50 of 51 cases" in first.get_data(as_text=True)
    soup = BeautifulSoup(first.get_data(as_text=True), "html.parser")
    assert soup.select_one(".govuk-pagination__next a")["href"] == "/staff/cases?page=2"
    second = client.get("/staff/cases?page=2")
    assert references(second) == ["C000"]
    assert "Showing 51 to 51 of 51 cases" in second.get_data(as_text=True)
    assert not set(references(first)) & set(references(second))


def test_a_long_list_is_counted_only_a_little_past_each_page_and_every_page_stays_reachable(
    client, case_factory, monkeypatch
):
    monkeypatch.setattr(services, "CASES_COUNTED_AHEAD", 50)
    for number in range(101):
        case_factory(reference=f"C{number:03d}", received_on=date(2027, 1, 1), summary="Same day")
    signed_in_as(client, make_staff())

    first = client.get("/staff/cases")
    assert "Showing 1 to 50 of more than 50 cases" in first.get_data(as_text=True)
    soup = BeautifulSoup(first.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("All cases (page 1 of more than 1)")
    assert soup.select_one(".govuk-pagination__next a")["href"] == "/staff/cases?page=2"
    assert soup.select(".govuk-pagination__item--ellipsis")

    second = client.get("/staff/cases?page=2")
    assert "Showing 51 to 100 of more than 100 cases" in second.get_data(as_text=True)
    third = client.get("/staff/cases?page=3")
    assert "Showing 101 to 101 of 101 cases" in third.get_data(as_text=True)
    assert BeautifulSoup(third.get_data(as_text=True), "html.parser").select_one(".govuk-pagination__next") is None
    assert client.get("/staff/cases?page=4").status_code == 404
    listed = [*references(first), *references(second), *references(third)]
    assert sorted(listed) == [f"C{number:03d}" for number in range(101)]


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", "", "3", "99999999999999999999", "²", "٣"])
def test_pages_that_do_not_exist_are_not_found(client, case_factory, page):
    for _ in range(51):
        case_factory()
    signed_in_as(client, make_staff())
    assert client.get(f"/staff/cases?page={page}").status_code == 404


def test_page_one_of_an_empty_list_exists(client):
    signed_in_as(client, make_staff())
    assert client.get("/staff/cases?page=1").status_code == 200
    assert client.get("/staff/cases?page=2").status_code == 404


def test_every_view_of_the_list_is_audited(client, case_factory):
    for _ in range(51):
        case_factory()
    user = make_staff()
    signed_in_as(client, user)
    client.get("/staff/cases")
    client.get("/staff/cases?page=2")
    client.get("/staff/cases?page=2")
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_list_viewed").order_by(AuditEvent.id)
    ).all()
    detail = {"queue": "all", "filters": {}, "sort": "received", "direction": "desc"}
    assert [(event.actor_id, event.detail, event.case_id) for event in events] == [
        (user.id, {**detail, "page": 1}, None),
        (user.id, {**detail, "page": 2}, None),
        (user.id, {**detail, "page": 2}, None),
    ]


def test_refused_views_are_not_audited_as_views(client, case_factory):
    case_factory()
    signed_in_as(client, make_staff(role=StaffRole.REPORT_VIEWER))
    client.get("/staff/cases")
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_list_viewed").order_by(AuditEvent.id))
        is None
    )


def test_text_from_the_public_is_escaped(client, case_factory):
    case_factory(
        summary="<script>alert('summary')</script>",
        submitter=Person(role=SubmitterRole.OTHER, name="<b>Bold</b> <img src=x onerror=alert(1)>"),
    )
    signed_in_as(client, make_staff())
    html = client.get("/staff/cases").get_data(as_text=True)
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
