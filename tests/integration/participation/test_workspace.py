"""The Participation workspace: who sees which children's cases, the advocacy board, the contact log, informal
feedback and the weekly list, each view and change in the audit trail."""

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, Person, Theme
from portal.data.participation_models import ContactLogEntry, FollowUp
from portal.domain.closing_the_loop import ContactMethod, FollowUpStatus
from portal.domain.types import AdvocacyStatus, CaseState, Channel, StaffRole, SubmitterRole, ThemeScope
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.participation.conftest import (
    CHILD_NAME,
    add_referral,
    adult_complaint,
    child_comment,
    child_complaint,
)

WORKSPACE = "/staff/participation"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def errors(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-error-summary__list li")]


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_participation_officer_sees_childrens_cases_and_referrals_but_not_adults_cases(client, officer):
    childs = child_complaint()
    about_a_child = adult_complaint(on_behalf_of_child=True, children=[CaseChild(name="Riley", knows_and_agrees="yes")])
    via_advocate = adult_complaint(channel=Channel.VIA_ADVOCATE)
    with_advocate = adult_complaint()
    referral = add_referral(with_advocate, AdvocacyStatus.REFERRED, referred_on=date(2027, 1, 6))
    adults = adult_complaint(on_behalf_of_child=True, children=[CaseChild(name="Ash", knows_and_agrees="no")])
    signed_in_as(client, officer)

    listed = client.get(f"{WORKSPACE}?show=all").get_data(as_text=True)
    for case in (childs, about_a_child, via_advocate, with_advocate):
        assert case.reference in listed
    assert adults.reference not in listed and "Morgan Hollins" not in listed
    board = client.get(f"{WORKSPACE}/advocacy").get_data(as_text=True)
    assert with_advocate.reference in board and "Anytown Advocacy Service" in board

    for path in (
        f"/staff/cases/{adults.reference}",
        f"{WORKSPACE}/cases/{adults.reference}/contacts",
        f"{WORKSPACE}/cases/{adults.reference}/advocacy/new",
        f"{WORKSPACE}/cases/{adults.reference}/advocacy/{referral.id}",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/staff/cases/{childs.reference}").status_code == 200
    assert client.get(f"{WORKSPACE}/cases/{with_advocate.reference}/advocacy/{referral.id}").status_code == 200


@pytest.mark.parametrize("role", [StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER])
def test_the_complaints_team_uses_the_workspace_too(client, role):
    case = child_complaint()
    adult = adult_complaint()
    signed_in_as(client, make_staff(role=role))
    listed = client.get(WORKSPACE).get_data(as_text=True)
    assert case.reference in listed and adult.reference not in listed


@pytest.mark.parametrize(
    "role", [StaffRole.RESPONDING_MANAGER, StaffRole.INVESTIGATOR, StaffRole.ADMINISTRATOR, StaffRole.REPORT_VIEWER]
)
def test_other_roles_may_not(client, role):
    child_complaint()
    signed_in_as(client, make_staff(role=role))
    assert client.get(WORKSPACE).status_code == 403
    assert client.get(f"{WORKSPACE}/weekly-list.csv").status_code == 403


def test_the_list_shows_open_or_closed_cases_and_is_audited(client, officer):
    open_case = child_complaint()
    closed_case = child_complaint(state=CaseState.CLOSED, closed_on=date(2027, 2, 1))
    signed_in_as(client, officer)
    shown = client.get(WORKSPACE).get_data(as_text=True)
    assert open_case.reference in shown and closed_case.reference not in shown
    closed = client.get(f"{WORKSPACE}?show=closed").get_data(as_text=True)
    assert closed_case.reference in closed and open_case.reference not in closed
    assert client.get(f"{WORKSPACE}?show=<script>").status_code == 200
    events = list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "participation_list_viewed").order_by(AuditEvent.id)
        )
    )
    assert [event.detail for event in events] == [
        {"page": "childrens_cases", "show": "open"},
        {"page": "childrens_cases", "show": "closed"},
        {"page": "childrens_cases", "show": "open"},
    ]


def test_the_contact_log_records_calls_visits_and_messages_with_what_was_explained(client, officer):
    case = child_complaint()
    signed_in_as(client, officer)
    url = f"{WORKSPACE}/cases/{case.reference}/contacts"
    page = client.get(url)
    assert CHILD_NAME in page.get_data(as_text=True)
    today = uk_today()
    added = client.post(
        url,
        data={
            "contacted_on": [str(today.day), str(today.month), str(today.year)],
            "method": "visit",
            "explained": ["rights", "process"],
            "notes": "Met at school.\nExplained how an advocate can help.",
        },
    )
    assert added.status_code == 302
    entry = db.session.scalar(select(ContactLogEntry))
    assert (entry.method, entry.rights_explained, entry.process_explained, entry.staff_user_id) == (
        ContactMethod.VISIT,
        True,
        True,
        officer.id,
    )
    shown = client.get(url).get_data(as_text=True)
    assert "Visit, " in shown and "Rights explained" in shown and "Met at school.<br>Explained" in shown
    assert client.get(WORKSPACE).get_data(as_text=True).count("Rights explained") == 1
    actions = audit_actions()
    assert "contact_logged" in actions and actions.count("case_viewed") == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"method": "call"}, "Enter the date of the contact"),
        ({"method": "call", "contacted_on": ["31", "2", "2027"]}, "The date of the contact must be a real date"),
        (
            {"method": "call", "contacted_on": ["1", "1", "2999"]},
            "The date of the contact must be today or in the past",
        ),
        ({"contacted_on": ["1", "1", "2027"]}, "Select how you were in touch"),
        ({"method": "fax", "contacted_on": ["1", "1", "2027"]}, "Not a valid choice."),
    ],
)
def test_a_contact_needs_a_real_date_and_a_way(client, officer, data, message):
    case = child_complaint()
    signed_in_as(client, officer)
    response = client.post(f"{WORKSPACE}/cases/{case.reference}/contacts", data=data)
    assert response.status_code == 200
    assert message in errors(response)
    assert db.session.scalar(select(ContactLogEntry)) is None


def test_the_advocacy_board_has_four_columns_and_referrals_move_along_it(client, officer):
    case = child_complaint()
    requested = add_referral(case)
    add_referral(child_complaint(), AdvocacyStatus.ACCEPTED, referred_on=date(2027, 1, 6))
    add_referral(child_complaint(), AdvocacyStatus.DECLINED, ended_on=date(2027, 1, 7))
    signed_in_as(client, officer)
    board = soup(client.get(f"{WORKSPACE}/advocacy"))
    assert [heading.get_text(strip=True) for heading in board.select(".app-board__column h2")] == [
        "Requested (1)",
        "Referred (0)",
        "Active (1)",
        "Ended (1)",
    ]
    url = f"{WORKSPACE}/cases/{case.reference}/advocacy/{requested.id}"
    refused = client.post(url, data={"status": "referred", "provider": "Anytown Advocacy Service"})
    assert errors(refused) == ["Enter the date referred"]
    moved = client.post(
        url,
        data={"status": "referred", "provider": "Voices Advocacy", "referred_on": ["8", "1", "2026"]},
    )
    assert moved.status_code == 302
    db.session.refresh(requested)
    assert (requested.status, requested.provider, requested.referred_on) == (
        AdvocacyStatus.REFERRED,
        "Voices Advocacy",
        date(2026, 1, 8),
    )
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "advocacy_referral_updated").order_by(AuditEvent.id)
    )
    assert event.detail["changes"]["status"] == ["requested", "referred"]
    ended = client.post(
        url,
        data={
            "status": "ended",
            "provider": "Voices Advocacy",
            "referred_on": ["8", "1", "2026"],
            "ended_on": ["7", "1", "2026"],
        },
    )
    assert errors(ended) == ["The date it ended must be on or after the date referred"]


def test_a_referral_can_be_added_from_the_contact_log(client, officer):
    case = child_complaint()
    signed_in_as(client, officer)
    form = soup(client.get(f"{WORKSPACE}/cases/{case.reference}/advocacy/new"))
    assert form.select_one("input[name=provider]")["value"] == "Anytown Advocacy Service"
    response = client.post(
        f"{WORKSPACE}/cases/{case.reference}/advocacy/new",
        data={"provider": "Anytown Advocacy Service", "requested_on": ["4", "1", "2026"]},
    )
    assert response.status_code == 302
    assert [referral.status for referral in case.advocacy_referrals] == [AdvocacyStatus.REQUESTED]


def test_informal_feedback_shows_the_childrens_themes_and_closes_with_a_follow_up(client, officer):
    year = uk_today().year if uk_today().month >= 4 else uk_today().year - 1
    lonely = Theme(scope=ThemeScope.CHILDREN, name="Not feeling listened to")
    school = Theme(scope=ThemeScope.CHILDREN, name="School")
    db.session.add_all([lonely, school])
    first = child_comment(received_on=date(year, 4, 2), themes=[lonely])
    child_comment(received_on=date(year, 5, 2), themes=[lonely, school])
    not_a_comment = child_complaint(received_on=date(year, 5, 3))
    signed_in_as(client, officer)
    page = soup(client.get(f"{WORKSPACE}/informal-feedback?year={year}"))
    themes = page.select("table")[0]
    assert [row.get_text(" ", strip=True) for row in themes.select("tbody tr")] == [
        "Not feeling listened to 2",
        "School 1",
    ]
    assert not_a_comment.reference not in page.get_text()

    closed = client.post(f"{WORKSPACE}/cases/{first.reference}/informal-feedback/answered")
    assert closed.status_code == 302
    db.session.refresh(first)
    assert first.state is CaseState.CLOSED
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.case_id == first.id))
    assert follow_up.status is FollowUpStatus.TO_DO
    again = client.post(f"{WORKSPACE}/cases/{first.reference}/informal-feedback/answered", follow_redirects=True)
    assert "is already closed" in again.get_data(as_text=True)
    assert client.post(f"{WORKSPACE}/cases/{not_a_comment.reference}/informal-feedback/answered").status_code == 404


def test_the_weekly_list_and_its_csv(client, officer):
    today = uk_today()
    tricky = child_complaint(
        submitter=Person(role=SubmitterRole.CHILD, name="=HYPERLINK(1)"),
        children=[CaseChild(name="=cmd|' /C calc'!A0")],
    )
    closed_long_ago = child_complaint(state=CaseState.CLOSED, closed_on=date(2020, 1, 1))
    adult = adult_complaint()
    signed_in_as(client, officer)
    page = client.get(f"{WORKSPACE}/weekly-list").get_data(as_text=True)
    assert tricky.reference in page and closed_long_ago.reference not in page and adult.reference not in page

    response = client.get(f"{WORKSPACE}/weekly-list.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="weekly-list-{today.isoformat()}.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["Reference", "Received", "Child"]
    [row] = rows[1:]
    assert row[0] == tricky.reference
    assert row[2] == "'=cmd|' /C calc'!A0"  # a spreadsheet would run it as a formula otherwise
    assert row[6] == "2027-01-18"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "participation_list_viewed").order_by(AuditEvent.id)
    ).all()[-1]
    assert event.detail == {"page": "weekly_list", "exported": "csv", "cases": 1}
