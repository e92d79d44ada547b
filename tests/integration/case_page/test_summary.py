"""The case summary: what the case is, where it stands, and its acknowledgement deadline in red, amber or green."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.casework.case_page import acknowledgement_status
from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, ComplaintPoint, Person
from portal.domain.calendar import add_working_days, subtract_working_days
from portal.domain.types import CaseState, Channel, FeedbackKind, Procedure, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as

NO_HOLIDAYS: frozenset[date] = frozenset()
FRIDAY = date(2027, 1, 8)
MONDAY = date(2027, 1, 11)


@pytest.mark.parametrize(
    ("due", "acknowledged", "today", "tag", "colour", "words"),
    [
        (None, None, MONDAY, "Not needed", "grey", "no acknowledgement timescale"),
        (MONDAY, MONDAY, MONDAY, "Acknowledged", "green", "On 11 January 2027, due by 11 January 2027."),
        (FRIDAY, MONDAY, MONDAY, "Acknowledged late", "orange", "1 working day after 8 January 2027"),
        (FRIDAY, None, MONDAY, "Overdue", "red", "It was due by 8 January 2027, 1 working day ago."),
        # The Saturday after a Friday deadline: overdue, though no working day has passed.
        (FRIDAY, None, FRIDAY + timedelta(days=1), "Overdue", "red", "It was due by 8 January 2027."),
        (MONDAY, None, MONDAY, "Due soon", "yellow", "Due by 11 January 2027: today."),
        # Friday to Tuesday is 2 working days: amber.
        (MONDAY + timedelta(days=1), None, FRIDAY, "Due soon", "yellow", "in 2 working days"),
        (MONDAY + timedelta(days=2), None, FRIDAY, "On time", "green", "3 working days left"),
    ],
)
def test_acknowledgement_status(due, acknowledged, today, tag, colour, words):
    status = acknowledgement_status(due, acknowledged, today, NO_HOLIDAYS)
    assert (status.tag, status.colour) == (tag, colour)
    assert words in status.explanation


def test_a_bank_holiday_is_not_a_working_day_left():
    # Due Tuesday 4 May 2027 seen on Thursday 29 April: Friday and Tuesday are working days, Monday 3 May is not.
    status = acknowledgement_status(date(2027, 5, 4), None, date(2027, 4, 29), frozenset({date(2027, 5, 3)}))
    assert status.tag == "Due soon"
    assert status.explanation == "Due by 4 May 2027: in 2 working days."


def working_days_ago(count: int) -> date:
    return subtract_working_days(uk_today(), count, council_calendar().bank_holidays)


def rows(response) -> dict[str, str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in soup.select(".govuk-summary-list__row")
    }


def test_the_summary_says_what_the_case_is_and_where_it_stands(client, case_factory):
    team = make_team("Fostering")
    manager = make_staff("jo@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jo Pike")
    case = case_factory(
        kind=FeedbackKind.COMPLAINT,
        procedure=Procedure.STATUTORY,
        state=CaseState.STAGE_1,
        channel=Channel.LETTER,
        received_on=date(2027, 1, 4),
        team=team,
        responding_manager=manager,
        made_by_child=True,
    )
    case.children.append(CaseChild(name="Riley"))
    case.points.extend([ComplaintPoint(number=2, text="Second point"), ComplaintPoint(number=1, text="First point")])
    db.session.commit()
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}")
    values = rows(response)
    assert values["Kind"] == "Complaint"
    assert values["Procedure"] == "Statutory children's complaints procedure"
    assert values["Status"] == "Stage 1: response being prepared"
    assert values["How it came in"] == "Letter"
    assert values["Received"] == "4 January 2027"
    assert values["Team"] == "Fostering"
    assert values["Responding manager"] == "Jo Pike"
    assert values["About a child"] == "Riley"
    assert "Made by a child or young person themselves" in values["From"]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert [item.get_text(strip=True) for item in soup.select("#points + ol li")] == ["First point", "Second point"]
    current = soup.select_one(".moj-sub-navigation__link[aria-current=page]")
    assert current.get_text(strip=True) == "Summary"


def test_a_complaint_received_by_letter_10_working_days_ago_is_overdue(client, case_factory):
    received = working_days_ago(10)
    holidays = council_calendar().bank_holidays
    case = case_factory(channel=Channel.LETTER, received_on=received)
    case.acknowledgement_due_on = add_working_days(received, 3, holidays)
    db.session.commit()
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}")
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    tag = soup.select_one("#summary ~ .govuk-summary-list .govuk-summary-list__value .govuk-tag")
    assert tag.get_text(strip=True) == "Overdue"
    assert "govuk-tag--red" in tag["class"]
    assert "7 working days ago" in rows(response)["Acknowledgement"]


def test_an_acknowledged_case_is_green(client, case_factory):
    case = case_factory(acknowledgement_due_on=date(2027, 1, 7), acknowledged_on=date(2027, 1, 6))
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases/{case.reference}")
    assert rows(response)["Acknowledgement"].startswith("Acknowledged On 6 January 2027")


def test_each_section_view_is_audited_with_its_name(client, case_factory):
    case = case_factory()
    user = make_staff()
    signed_in_as(client, user)
    for page in ["", "/documents", "/notes", "/messages", "/timeline"]:
        assert client.get(f"/staff/cases/{case.reference}{page}").status_code == 200
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(event.actor_id, event.case_id, event.action) for event in events] == [
        (user.id, case.id, "case_viewed")
    ] * 5
    assert [event.detail["section"] for event in events] == ["summary", "documents", "notes", "messages", "timeline"]


@pytest.mark.parametrize(
    ("role", "shown"), [(StaffRole.COMPLAINTS_MANAGER, True), (StaffRole.COMPLAINTS_OFFICER, False)]
)
def test_only_complaints_managers_see_the_audit_trail_link(client, case_factory, role, shown):
    case = case_factory()
    signed_in_as(client, make_staff(role=role))
    soup = BeautifulSoup(client.get(f"/staff/cases/{case.reference}").data, "html.parser")
    links = [link.get_text(strip=True) for link in soup.select(".moj-sub-navigation__link")]
    assert ("Audit trail" in links) is shown
    assert links[:5] == ["Summary", "Documents (0)", "Notes (0)", "Messages (0)", "Timeline"]


def test_names_in_the_summary_are_escaped(client, case_factory):
    case = case_factory(submitter=Person(role=SubmitterRole.PARENT, name="<i>Sam</i>"), made_by_child=True)
    case.children.append(CaseChild(name="<b>Riley</b>"))
    db.session.commit()
    signed_in_as(client, make_staff())
    html = client.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    assert "<i>Sam</i>" not in html and "&lt;i&gt;Sam&lt;/i&gt;, parent" in html
    assert "<b>Riley</b>" not in html
