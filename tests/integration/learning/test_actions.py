"""The open-actions list across every case, its filters and overdue tags, and completing an action with evidence."""

from datetime import timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.learning_models import LearningAction
from portal.data.models import AuditEvent
from portal.domain.types import LearningActionStatus, StaffRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.learning.conftest import (
    RECORDED_ON,
    add_learning,
    date_parts,
    days_from_today,
    responding_manager,
    upheld_case,
)

LIST = "/staff/learning/actions"


def rows(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [row.th.get_text(" ", strip=True) for row in soup.select("#action-results tbody tr")]


def two_cases_with_actions(owner, other_owner):
    first = upheld_case(reference="CF-AAA-111-AAA", team=make_team("Fostering"))
    second = upheld_case(reference="CF-BBB-222-BBB", team=make_team("Assessment"))
    add_learning(first, actions=[("Remind the team to return calls within a day", owner, days_from_today(10))])
    add_learning(
        second,
        "Provide training",
        actions=[
            ("Training on sharing assessments with families", other_owner, days_from_today(-3)),
            ("Update the assessment guidance", owner, days_from_today(20), LearningActionStatus.IN_PROGRESS),
            ("Already finished", owner, days_from_today(-30), LearningActionStatus.DONE),
        ],
    )
    return first, second


def test_actions_from_two_cases_appear_and_completing_one_with_evidence_removes_it(client, categories, lead, officer):
    two_cases_with_actions(lead, officer)
    signed_in_as(client, lead)

    listed = client.get(LIST)
    assert listed.status_code == 200
    # The earliest due first; the done action is not listed.
    assert rows(listed) == [
        "Training on sharing assessments with families",
        "Remind the team to return calls within a day",
        "Update the assessment guidance",
    ]
    text = listed.get_data(as_text=True)
    assert "CF-AAA-111-AAA" in text and "CF-BBB-222-BBB" in text
    soup = BeautifulSoup(text, "html.parser")
    overdue_row = soup.select("#action-results tbody tr")[0]
    assert overdue_row.select_one(".govuk-tag--red").get_text(strip=True).startswith("Overdue")
    assert not soup.select("#action-results tbody tr")[1].select(".govuk-tag--red")

    action = db.session.scalar(select(LearningAction).where(LearningAction.description.startswith("Remind")))
    done = client.post(
        f"/staff/learning/actions/{action.id}/complete",
        data={
            "evidence": "Team meeting on 3 March: all 8 workers reminded; the minutes are on the team drive.",
            "completed_on": date_parts(days_from_today(0)),
        },
    )
    assert done.status_code == 302 and done.headers["Location"] == LIST
    db.session.refresh(action)
    assert action.status is LearningActionStatus.DONE
    assert action.evidence.startswith("Team meeting on 3 March")
    assert (action.completed_on, action.completed_by_id) == (days_from_today(0), lead.id)
    assert rows(client.get(LIST)) == ["Training on sharing assessments with families", "Update the assessment guidance"]

    completed = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "learning_action_completed").order_by(AuditEvent.id)
    )
    assert completed.actor_id == lead.id and completed.case_id == action.record.case_id
    assert completed.detail["changes"]["action_status"] == ["open", "done"]


def test_completing_without_evidence_shows_the_error_and_changes_nothing(client, categories, lead):
    case = upheld_case()
    record = add_learning(case, actions=[("Write to the family", lead, days_from_today(5))])
    action = record.actions[0]
    signed_in_as(client, lead)

    response = client.post(
        f"/staff/learning/actions/{action.id}/complete",
        data={"evidence": "   ", "completed_on": date_parts(days_from_today(0))},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    assert "Enter the evidence that the action is done" in soup.select_one(".govuk-error-summary").get_text()
    db.session.refresh(action)
    assert (action.status, action.evidence, action.completed_on) == (LearningActionStatus.OPEN, None, None)


def test_the_day_it_was_done_cannot_be_in_the_future_or_before_the_action(client, categories, lead):
    record = add_learning(upheld_case(), actions=[("Write to the family", lead, days_from_today(5))])
    action = record.actions[0]
    signed_in_as(client, lead)
    tomorrow = days_from_today(1)
    response = client.post(
        f"/staff/learning/actions/{action.id}/complete",
        data={
            "evidence": "Letter sent",
            "completed_on": date_parts(tomorrow),
        },
    )
    assert "The date it was done must be today or in the past" in response.get_data(as_text=True)
    before = RECORDED_ON - timedelta(days=1)
    response = client.post(
        f"/staff/learning/actions/{action.id}/complete",
        data={
            "evidence": "Letter sent",
            "completed_on": date_parts(before),
        },
    )
    recorded = f"{RECORDED_ON.day} {RECORDED_ON:%B %Y}"
    assert f"must be the same as or after {recorded}, when the action was recorded" in response.get_data(as_text=True)
    db.session.refresh(action)
    assert action.status is LearningActionStatus.OPEN


def test_filters_by_owner_team_and_status(client, categories, lead, officer):
    two_cases_with_actions(lead, officer)
    fostering = db.session.scalar(select(LearningAction).where(LearningAction.description.startswith("Remind")))
    signed_in_as(client, lead)

    assert rows(client.get(f"{LIST}?owner={officer.id}")) == ["Training on sharing assessments with families"]
    assert rows(client.get(f"{LIST}?team={fostering.record.case.team_id}")) == [
        "Remind the team to return calls within a day"
    ]
    assert rows(client.get(f"{LIST}?status=in_progress")) == ["Update the assessment guidance"]
    assert rows(client.get(f"{LIST}?status=overdue")) == ["Training on sharing assessments with families"]
    assert rows(client.get(f"{LIST}?owner={lead.id}&status=open")) == ["Remind the team to return calls within a day"]
    # Filters that are not among the choices are ignored, as on the work queues.
    assert len(rows(client.get(f"{LIST}?owner=999999&team=nonsense&status=done"))) == 3
    assert "No open actions match the filters" in client.get(f"{LIST}?owner={lead.id}&status=overdue").get_data(
        as_text=True
    )


def test_the_list_answers_htmx_with_only_its_results(client, categories, lead):
    two_cases_with_actions(lead, lead)
    signed_in_as(client, lead)
    fragment = client.get(f"{LIST}?status=overdue", headers={"HX-Request": "true"})
    page = client.get(f"{LIST}?status=overdue")
    for response in (fragment, page):
        assert response.status_code == 200
        assert "HX-Request" in response.headers["Vary"]
    assert "<html" not in fragment.get_data(as_text=True)
    assert fragment.get_data(as_text=True).lstrip().startswith('<div id="action-results"')
    assert "<html" in page.get_data(as_text=True)


def test_a_page_past_the_last_is_not_found(client, categories, lead):
    signed_in_as(client, lead)
    assert client.get(f"{LIST}?page=1").status_code == 200
    assert client.get(f"{LIST}?page=2").status_code == 404
    assert client.get(f"{LIST}?page=²").status_code == 404


def test_adding_an_action_needs_an_owner_from_the_list_and_a_date_not_in_the_past(client, categories, officer):
    record = add_learning(upheld_case())
    owner = responding_manager()
    outsider = make_staff("frankie@anytown.example", StaffRole.REPORT_VIEWER)
    signed_in_as(client, officer)
    url = f"/staff/learning/records/{record.id}/actions/new"
    page = client.get(url)
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    offered = [option.get_text() for option in soup.select("select[name=owner] option")]
    assert "Jamie Thistle (Responding manager)" in offered and not any("frankie" in item.lower() for item in offered)

    yesterday = days_from_today(-1)
    refused = client.post(
        url,
        data={
            "description": "Training",
            "owner": str(outsider.id),
            "due_on": date_parts(yesterday),
        },
    )
    text = refused.get_data(as_text=True)
    assert "Select who owns the action from the list" in text
    refused = client.post(
        url,
        data={
            "description": "Training",
            "owner": str(owner.id),
            "due_on": date_parts(yesterday),
        },
    )
    assert "The due date must be today or in the future" in refused.get_data(as_text=True)
    assert db.session.scalar(select(LearningAction)) is None

    due = days_from_today(14)
    added = client.post(
        url,
        data={
            "description": "Training on safe sleep advice for the team",
            "owner": str(owner.id),
            "due_on": date_parts(due),
        },
    )
    assert added.status_code == 302
    action = db.session.scalar(select(LearningAction))
    assert (action.owner_id, action.due_on, action.status) == (owner.id, due, LearningActionStatus.OPEN)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "learning_action_added").order_by(AuditEvent.id)
    )
    assert event.detail["changes"]["owner"] == [None, "Jamie Thistle"]


def test_changing_an_action_can_start_it_but_never_mark_it_done(client, categories, officer):
    record = add_learning(upheld_case(), actions=[("Write to the family", officer, days_from_today(-2))])
    action = record.actions[0]
    signed_in_as(client, officer)
    url = f"/staff/learning/actions/{action.id}/change"
    due = action.due_on
    form = {
        "description": "Write to the family with the new plan",
        "owner": str(officer.id),
        "due_on": date_parts(due),
    }
    # Done is not offered: the evidence is needed for that.
    refused = client.post(url, data={**form, "status": "done"})
    assert "Select open or in progress: to mark the action as done, record its evidence" in refused.get_data(
        as_text=True
    )
    db.session.refresh(action)
    assert action.status is LearningActionStatus.OPEN
    # An overdue action keeps its past due date when other things change.
    saved = client.post(url, data={**form, "status": "in_progress"})
    assert saved.status_code == 302
    db.session.refresh(action)
    assert (action.status, action.description) == (LearningActionStatus.IN_PROGRESS, form["description"])
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "learning_action_changed").order_by(AuditEvent.id)
    )
    assert event.detail["changes"]["action_status"] == ["open", "in_progress"]

    action.status = LearningActionStatus.DONE
    db.session.commit()
    assert client.get(url).status_code == 403
