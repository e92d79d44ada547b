"""The audit trail pages: complaints managers read every event for a case, or across cases filtered by member of
staff and dates. They are read-only: no route under them takes a POST, and audit rows cannot be changed."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import AuditEvent
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as


@pytest.fixture
def manager(client):
    user = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    signed_in_as(client, user)
    return user


def add_event(actor, action, when, case=None, detail=None) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        case_id=case.id if case else None,
        action=action,
        occurred_at=when,
        detail=detail or {},
    )
    db.session.add(event)
    db.session.commit()
    return event


def table_rows(response) -> list[list[str]]:
    soup = BeautifulSoup(response.data, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select(".app-audit-table tbody tr")
    ]


def test_a_case_audit_trail_lists_every_event_with_its_changes(client, manager, case_factory):
    case, other = case_factory(), case_factory()
    officer = make_staff(name="Casey Marlowe")
    add_event(officer, "case_viewed", datetime(2026, 1, 5, 9, 0, tzinfo=UTC), case, {"section": "summary"})
    add_event(
        officer,
        "case_allocated",
        datetime(2026, 1, 5, 10, 0, tzinfo=UTC),
        case,
        {"changes": {"responding_manager": [None, "Jo Pike"], "team": ["Fostering", "Adoption"]}},
    )
    add_event(officer, "case_viewed", datetime(2026, 1, 5, 11, 0, tzinfo=UTC), other)
    response = client.get(f"/staff/cases/{case.reference}/audit")
    assert response.status_code == 200
    rows = table_rows(response)
    # Newest first, and reading the trail is itself recorded.
    assert [row[2] for row in rows] == ["Read the case's audit trail", "Allocated the case", "Viewed the case"]
    assert rows[1][0] == "5 January 2026 at 10:00am"
    assert rows[1][1] == "Casey Marlowe (Complaints officer)"
    assert "Responding manager: set to Jo Pike" in rows[1][3]
    assert "Team: from Fostering to Adoption" in rows[1][3]
    assert rows[2][3] == "Part of the case: summary"
    assert rows[0][1] == "Morgan Ellery (Complaints manager)"


def test_the_case_audit_trail_comes_100_to_a_page(client, manager, case_factory):
    case = case_factory()
    for minute in range(120):
        add_event(manager, "case_viewed", datetime(2026, 1, 5, 9, minute % 60, tzinfo=UTC), case)
    first = client.get(f"/staff/cases/{case.reference}/audit")
    assert len(table_rows(first)) == 100
    assert "121 events" in first.get_data(as_text=True)
    assert len(table_rows(client.get(f"/staff/cases/{case.reference}/audit?page=2"))) == 22
    assert client.get(f"/staff/cases/{case.reference}/audit?page=9").status_code == 404
    assert client.get(f"/staff/cases/{case.reference}/audit?page=x").status_code == 404


def test_the_audit_trail_across_cases_links_each_case(client, manager, case_factory):
    case = case_factory()
    officer = make_staff(name="Casey Marlowe")
    add_event(officer, "case_viewed", datetime(2026, 1, 5, 9, 0, tzinfo=UTC), case)
    add_event(None, "staff_account_created", datetime(2026, 1, 4, 9, 0, tzinfo=UTC), detail={"role": "investigator"})
    response = client.get("/staff/audit")
    # Newest first: reading the trail is itself recorded, with no case.
    reading, viewed, created = table_rows(response)
    assert [reading[2], viewed[2], created[2]] == ["Read the audit trail", "Viewed the case", "Staff account created"]
    assert (reading[3], viewed[3], created[3]) == ("", case.reference, "")
    assert created[1] == "The system, or someone not signed in"
    assert created[4] == "Role: Investigator"
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.select_one(".app-audit-table tbody a")["href"] == f"/staff/cases/{case.reference}/audit"


def test_the_audit_trail_filters_by_member_of_staff_and_dates(client, manager, case_factory):
    officer = make_staff(name="Casey Marlowe")
    other = make_staff("alex@anytown.example", name="Alex Other")
    add_event(officer, "signed_in", datetime(2026, 1, 3, 23, 59, tzinfo=UTC))
    add_event(officer, "signed_in", datetime(2026, 1, 4, 0, 0, tzinfo=UTC))
    add_event(officer, "signed_out", datetime(2026, 1, 5, 23, 59, tzinfo=UTC))
    add_event(officer, "signed_in", datetime(2026, 1, 6, 0, 0, tzinfo=UTC))
    add_event(other, "signed_in", datetime(2026, 1, 4, 12, 0, tzinfo=UTC))
    query = f"staff={officer.id}&since=4&since=1&since=2026&until=5&until=1&until=2026"
    rows = table_rows(client.get(f"/staff/audit?{query}"))
    assert [(row[0], row[2]) for row in rows] == [
        ("5 January 2026 at 11:59pm", "Signed out"),
        ("4 January 2026 at 12:00am", "Signed in"),
    ]
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "audit_trail_viewed").order_by(AuditEvent.id.desc())
    )
    assert event.detail == {"page": 1, "staff_id": officer.id, "from": "2026-01-04", "to": "2026-01-05"}


def test_dates_are_uk_days_in_summer_time(client, manager):
    officer = make_staff(name="Casey Marlowe")
    # 11:30pm UTC on 1 July is 12:30am on 2 July in the UK.
    add_event(officer, "signed_in", datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    rows = table_rows(client.get(f"/staff/audit?staff={officer.id}&since=2&since=7&since=2026"))
    assert [row[0] for row in rows] == ["2 July 2026 at 12:30am"]
    assert table_rows(client.get(f"/staff/audit?staff={officer.id}&until=1&until=7&until=2026")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=4&since=13&since=2026", "The from date must be a real date"),
        ("until=4&until=&until=2026", "The to date must include a month"),
        ("since=5&since=1&since=2026&until=4&until=1&until=2026", "The to date must be the same as or after the from"),
        ("staff=999999", "Select a member of staff from the list"),
    ],
)
def test_wrong_filters_are_explained(client, manager, query, message):
    response = client.get(f"/staff/audit?{query}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    assert message in soup.select_one(".govuk-error-summary").get_text()
    assert table_rows(response) == []


def test_the_audit_trail_comes_50_to_a_page_and_keeps_its_filters(client, manager):
    officer = make_staff(name="Casey Marlowe")
    for minute in range(55):
        add_event(officer, "signed_in", datetime(2026, 1, 5, 9, minute, tzinfo=UTC))
    first = client.get(f"/staff/audit?staff={officer.id}")
    assert len(table_rows(first)) == 50
    assert "Events 1 to 50 of 55" in first.get_data(as_text=True)
    soup = BeautifulSoup(first.data, "html.parser")
    next_link = soup.select_one(".govuk-pagination__next a")["href"]
    assert f"staff={officer.id}" in next_link and "page=2" in next_link
    assert len(table_rows(client.get(next_link))) == 5
    assert client.get(f"/staff/audit?staff={officer.id}&page=3").status_code == 404


def test_no_audit_route_accepts_a_change(app):
    audit_rules = [rule for rule in app.url_map.iter_rules() if "audit" in rule.rule and rule.rule.startswith("/staff")]
    assert {rule.rule for rule in audit_rules} == {"/staff/audit", "/staff/cases/<reference>/audit"}
    for rule in audit_rules:
        assert rule.methods <= {"GET", "HEAD", "OPTIONS"}


def test_posting_to_the_audit_pages_changes_nothing(client, manager, case_factory):
    case = case_factory()
    add_event(manager, "case_viewed", datetime(2026, 1, 5, tzinfo=UTC), case)
    for path in ("/staff/audit", f"/staff/cases/{case.reference}/audit"):
        assert client.post(path, data={"action": "deleted"}).status_code == 405
        assert client.delete(path).status_code == 405
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 1
