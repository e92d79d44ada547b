"""Regulation 8: a complaint that would prejudice concurrent proceedings is put on hold, the complainant is told, it
has its own queue tab, and when the hold ends its clock restarts from that day."""

from datetime import timedelta

from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage
from portal.data.queries.settings import timescale_policy
from portal.domain.types import CaseState, MessageChannel, Procedure
from portal.domain.workflow import deadline_for
from tests.integration.screening.conftest import error_messages, parent_complaint, screening_post, soup
from tests.integration.screening.test_acknowledgement import screened_case

REASON = "A police enquiry into the same events is still going on."


def day_parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def hold_url(case) -> str:
    return f"/staff/cases/{case.reference}/hold"


def put_on_hold(client, case, **changes):
    data = {
        "action": "hold",
        "proceedings": ["police"],
        "reason": REASON,
        "review_on": day_parts(uk_today() + timedelta(days=28)),
        "method": "email",
        **changes,
    }
    return client.post(hold_url(case), data=data)


def test_screening_recommends_a_hold_and_goes_on_to_the_hold_page(officer_client):
    case = parent_complaint()
    data = screening_post(case, action="recommend", concurrent_proceedings="yes")
    page = soup(officer_client.post(f"/staff/cases/{case.reference}/screening", data=data))
    assert "on hold" in page.select_one("#recommendation + .govuk-inset-text").get_text(" ", strip=True)
    assert "regulation 8 of the 2006 Regulations" in page.get_text(" ", strip=True)
    data["action"] = "decide"
    data["decision"] = "statutory"
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.headers["Location"] == hold_url(case)


def test_a_complaint_put_on_hold_tells_the_complainant_and_stops_its_clock(officer_client):
    case = screened_case()
    response = put_on_hold(officer_client, case)
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.state is CaseState.ON_HOLD
    assert (case.held_from, case.hold_reason, case.hold_proceedings) == ("stage_1", REASON, ["police"])
    stage_1, hold = sorted(case.stages, key=lambda stage: stage.id)
    assert stage_1.completed_on == uk_today()
    assert (hold.state, hold.started_on, hold.due_on) == (CaseState.ON_HOLD, uk_today(), uk_today() + timedelta(28))
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert (message.channel, message.recipient, message.template) == (
        MessageChannel.EMAIL,
        "sam@example.com",
        "on_hold",
    )
    assert REASON in message.body
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_put_on_hold").order_by(AuditEvent.id))
    assert event.detail["proceedings"] == ["A police enquiry"]
    assert event.detail["changes"]["state"] == ["stage_1", "on_hold"]


def test_a_hold_needs_its_reasons_and_a_review_date_after_today(officer_client):
    case = screened_case()
    response = put_on_hold(officer_client, case, proceedings=[], reason="", review_on=day_parts(uk_today()))
    assert error_messages(response) == [
        "Select the proceedings the complaint would prejudice",
        "Enter why the complaint is on hold",
    ]
    response = put_on_hold(officer_client, case, review_on=day_parts(uk_today()))
    assert error_messages(response)[0].startswith("The review date must be after")
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1


def test_a_letter_is_never_offered_when_letters_are_not_safe(officer_client):
    case = screened_case()
    case.submitter.letters_ok = False
    db.session.commit()
    page = soup(officer_client.get(hold_url(case)))
    assert [radio["value"] for radio in page.select("input[name=method]")] == ["email", "text"]
    assert "Letters are not safe" in page.select_one("#safe-contact").get_text()
    response = put_on_hold(officer_client, case, method="letter")
    assert error_messages(response) == ["Select how to tell the complainant"]
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1


def test_held_complaints_have_their_own_queue_tab_showing_the_review_date(officer_client):
    held, running = screened_case(), screened_case()
    put_on_hold(officer_client, held)
    page = soup(officer_client.get("/staff/cases?queue=on-hold"))
    listed = [link.get_text(strip=True) for link in page.select("#case-results tbody th a")]
    assert listed == [held.reference]
    assert running.reference not in listed
    row = page.select_one("#case-results tbody tr").get_text(" ", strip=True)
    review = uk_today() + timedelta(days=28)
    assert f"{review.day} {review:%B %Y}" in row


def test_a_review_keeps_it_on_hold_to_a_new_date(officer_client):
    case = screened_case()
    put_on_hold(officer_client, case)
    later = uk_today() + timedelta(days=60)
    officer_client.post(hold_url(case), data={"action": "review", "review_on": day_parts(later)})
    db.session.refresh(case)
    assert case.state is CaseState.ON_HOLD
    assert max(case.stages, key=lambda stage: stage.id).due_on == later


def test_when_the_hold_ends_the_clock_restarts_from_that_day_and_the_complainant_is_told(officer_client):
    case = screened_case()
    put_on_hold(officer_client, case)
    ended_on = uk_today()
    response = officer_client.post(
        hold_url(case), data={"action": "end", "ended_on": day_parts(ended_on), "method": "email"}
    )
    assert response.headers["Location"] == f"/staff/cases/{case.reference}"
    db.session.refresh(case)
    assert case.state is CaseState.STAGE_1
    assert (case.hold_reason, case.held_from) == (None, None)
    restarted = max(case.stages, key=lambda stage: stage.id)
    expected = deadline_for(Procedure.STATUTORY, CaseState.STAGE_1, ended_on, timescale_policy(), council_calendar())
    assert (restarted.state, restarted.clock_started_on, restarted.due_on) == (CaseState.STAGE_1, ended_on, expected)
    told = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "hold_ended").order_by(OutboxMessage.id)
    ).one()
    assert f"{expected.day} {expected:%B %Y}" in told.body


def test_a_hold_cannot_end_before_it_began(officer_client):
    case = screened_case()
    put_on_hold(officer_client, case)
    yesterday = uk_today() - timedelta(days=1)
    response = officer_client.post(
        hold_url(case), data={"action": "end", "ended_on": day_parts(yesterday), "method": "email"}
    )
    assert error_messages(response)[0].startswith("The hold cannot end before it started")
    db.session.refresh(case)
    assert case.state is CaseState.ON_HOLD


def test_a_complaint_on_hold_cannot_be_acknowledged_until_the_hold_ends(officer_client):
    case = screened_case()
    put_on_hold(officer_client, case)
    response = officer_client.post(f"/staff/cases/{case.reference}/acknowledgement", data={"method": "email"})
    assert error_messages(response) == ["The complaint is on hold: acknowledge it when the hold ends"]
    summary = soup(officer_client.get(f"/staff/cases/{case.reference}")).get_text(" ", strip=True)
    assert "On hold: review whether the proceedings have ended" in summary
    assert REASON in summary


def test_the_case_lists_due_date_follows_the_hold_its_review_and_its_end(officer_client):
    case = screened_case(acknowledged_on=uk_today())
    assert case.next_due_on == case.stages[0].due_on
    put_on_hold(officer_client, case)
    db.session.refresh(case)
    assert case.next_due_on == uk_today() + timedelta(days=28)
    later = uk_today() + timedelta(days=60)
    officer_client.post(hold_url(case), data={"action": "review", "review_on": day_parts(later)})
    db.session.refresh(case)
    assert case.next_due_on == later
    officer_client.post(hold_url(case), data={"action": "end", "ended_on": day_parts(uk_today()), "method": "email"})
    db.session.refresh(case)
    restarted = max(case.stages, key=lambda stage: stage.id)
    assert case.next_due_on == restarted.due_on
    assert case.next_due_on > uk_today()
