"""The four work queues: what each holds, in what order, and the deadline tags."""

from datetime import date, timedelta

import pytest

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import CaseAssignment, StageRecord
from portal.domain.types import CaseState, StaffRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.queues.conftest import deadline_tags, references, rows, soup_of

QUEUES = ["", "to-screen", "mine", "due"]


def test_to_screen_holds_received_and_screening_cases_oldest_first(client, case_factory):
    case_factory(reference="NEWER", received_on=date(2027, 1, 8))
    case_factory(reference="OLDER", received_on=date(2027, 1, 4), state=CaseState.SCREENING)
    case_factory(reference="STAGE1", state=CaseState.STAGE_1)
    case_factory(reference="CLOSED", state=CaseState.CLOSED)
    case_factory(reference="FLAGGED", received_on=date(2027, 1, 9), safeguarding_flag=True)
    signed_in_as(client, make_staff())
    assert references(client.get("/staff/cases?queue=to-screen")) == ["FLAGGED", "OLDER", "NEWER"]


def test_my_cases_are_those_allocated_assigned_or_screened_by_me(client, case_factory):
    me, colleague = make_staff(), make_staff("sol@anytown.example")
    case_factory(reference="MANAGING", responding_manager=me)
    assigned = case_factory(reference="ASSIGNED")
    db.session.add(CaseAssignment(case_id=assigned.id, staff_user_id=me.id))
    case_factory(reference="SCREENED", screened_by=me)
    case_factory(reference="THEIRS", responding_manager=colleague, screened_by=colleague)
    other = case_factory(reference="OTHER")
    db.session.add(CaseAssignment(case_id=other.id, staff_user_id=colleague.id))
    db.session.commit()
    signed_in_as(client, me)
    assert sorted(references(client.get("/staff/cases?queue=mine"))) == ["ASSIGNED", "MANAGING", "SCREENED"]


def test_due_soon_and_overdue_holds_open_cases_within_two_working_days_or_past_their_date(client, case_factory):
    today = uk_today()
    case_factory(reference="OVERDUE", acknowledgement_due_on=today - timedelta(days=30))
    case_factory(reference="TODAY", acknowledgement_due_on=today)
    case_factory(reference="LATER", acknowledgement_due_on=today + timedelta(days=60))
    case_factory(reference="CLOSED", acknowledgement_due_on=today - timedelta(days=30), state=CaseState.CLOSED)
    case_factory(reference="NODATE")
    acknowledged = case_factory(
        reference="STAGE", acknowledgement_due_on=today - timedelta(days=30), acknowledged_on=today - timedelta(days=31)
    )
    acknowledged.stages.append(
        StageRecord(state=CaseState.STAGE_1, started_on=today, due_on=today + timedelta(days=60))
    )
    db.session.commit()
    signed_in_as(client, make_staff())

    due = client.get("/staff/cases?queue=due")
    assert references(due) == ["OVERDUE", "TODAY"]
    tags = deadline_tags(due)
    assert tags["OVERDUE"][0] == "govuk-tag--red"
    assert tags["OVERDUE"][1].startswith("Overdue by ")
    assert tags["TODAY"] == ("govuk-tag--yellow", "Due today")

    every = deadline_tags(client.get("/staff/cases"))
    assert set(every) == {"OVERDUE", "TODAY", "LATER", "STAGE"}
    assert every["LATER"][0] == "govuk-tag--green"
    assert every["LATER"][1].endswith(" working days left")
    assert every["STAGE"][0] == "govuk-tag--green"


def test_the_due_column_shows_the_date_and_its_tag(client, case_factory):
    due = uk_today() - timedelta(days=30)
    case_factory(reference="OVERDUE", acknowledgement_due_on=due)
    signed_in_as(client, make_staff())
    [row] = rows(client.get("/staff/cases"))
    assert row["Due"].startswith(f"{due.day} {due:%B %Y} Overdue by ")


def test_all_cases_holds_every_case_newest_first(client, case_factory):
    case_factory(reference="OLD", received_on=date(2027, 1, 1), state=CaseState.CLOSED)
    case_factory(reference="NEW", received_on=date(2027, 1, 8), state=CaseState.STAGE_1)
    signed_in_as(client, make_staff())
    assert references(client.get("/staff/cases")) == ["NEW", "OLD"]
    assert references(client.get("/staff/cases?queue=all")) == ["NEW", "OLD"]


@pytest.mark.parametrize("queue", QUEUES)
def test_possible_safeguarding_concerns_come_first_in_every_queue(client, case_factory, queue):
    me = make_staff()
    overdue = uk_today() - timedelta(days=30)
    for number in range(3):
        case_factory(
            reference=f"PLAIN{number}",
            received_on=date(2027, 1, 4) + timedelta(days=number),
            acknowledgement_due_on=overdue - timedelta(days=number),
            responding_manager=me,
        )
    case_factory(
        reference="FLAGGED",
        received_on=date(2027, 1, 4) + timedelta(days=1),
        acknowledgement_due_on=overdue + timedelta(days=1),
        responding_manager=me,
        safeguarding_flag=True,
    )
    signed_in_as(client, me)
    response = client.get(f"/staff/cases?queue={queue}")
    listed = references(response)
    assert listed[0] == "FLAGGED"
    assert sorted(listed) == ["FLAGGED", "PLAIN0", "PLAIN1", "PLAIN2"]
    first = soup_of(response).select_one("#case-results tbody tr")
    assert first.select_one(".govuk-tag--red").get_text(strip=True) == "Possible safeguarding concern"
    assert len(soup_of(response).select("#case-results tbody th .govuk-tag--red")) == 1


@pytest.mark.parametrize(
    ("queue", "name"),
    [
        ("", "All cases"),
        ("to-screen", "To screen"),
        ("mine", "My cases"),
        ("due", "Due soon and overdue"),
        ("on-hold", "On hold"),
    ],
)
def test_sub_navigation_marks_the_current_queue(client, queue, name):
    signed_in_as(client, make_staff())
    soup = soup_of(client.get(f"/staff/cases?queue={queue}" if queue else "/staff/cases"))
    links = soup.select("nav.moj-sub-navigation a")
    assert [link.get_text(strip=True) for link in links] == [
        "All cases",
        "To screen",
        "My cases",
        "Due soon and overdue",
        "On hold",
    ]
    assert [link["href"] for link in links] == [
        "/staff/cases",
        "/staff/cases?queue=to-screen",
        "/staff/cases?queue=mine",
        "/staff/cases?queue=due",
        "/staff/cases?queue=on-hold",
    ]
    assert [link.get_text(strip=True) for link in links if link.get("aria-current") == "page"] == [name]
    assert soup.title.get_text().startswith(f"{name} –")


@pytest.mark.parametrize(
    ("queue", "message"),
    [
        ("to-screen", "There are no cases waiting to be screened."),
        ("mine", "There are no cases allocated to you, assigned to you or screened by you."),
        ("due", "No open cases are due in the next 2 working days or overdue."),
    ],
)
def test_empty_queues_say_so(client, case_factory, queue, message):
    case_factory(state=CaseState.CLOSED)
    signed_in_as(client, make_staff())
    response = client.get(f"/staff/cases?queue={queue}")
    assert message in soup_of(response).select_one("#case-results").get_text()


@pytest.mark.parametrize("queue", ["nonsense", "ALL", "to_screen", "", " mine"])
def test_unknown_queues_are_not_found(client, queue):
    signed_in_as(client, make_staff())
    expected = 200 if queue == "" else 404
    assert client.get(f"/staff/cases?queue={queue}").status_code == expected


def test_a_responding_manager_sees_their_team_in_all_cases_but_only_their_own_in_my_cases(client, case_factory):
    team = make_team("Fostering")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    teammate = make_staff("ash@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    case_factory(reference="MINE", team=team, responding_manager=manager)
    case_factory(reference="TEAM", team=team, responding_manager=teammate)
    case_factory(reference="SUGGESTED", team=team)
    signed_in_as(client, manager)
    assert sorted(references(client.get("/staff/cases"))) == ["MINE", "TEAM"]
    assert references(client.get("/staff/cases?queue=mine")) == ["MINE"]
