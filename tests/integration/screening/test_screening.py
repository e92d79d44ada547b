"""Screening: the submission, earlier cases, the checklist, the recommendation, and the decision with its
transitions, first stage, messages and audit."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import Attachment, AuditEvent, CaseChild, OutboxMessage, Person, StageRecord
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.types import CaseState, ChildStatus, Closure, FeedbackKind, Procedure, SubmitterRole
from portal.domain.workflow import acknowledgement_due, deadline_for
from tests.integration.screening.conftest import (
    error_messages,
    make_case,
    parent_complaint,
    screening_post,
    soup,
)


def recommended(response) -> str:
    return soup(response).select_one("#recommendation + .govuk-inset-text strong").get_text(strip=True)


def flags(response) -> list[str]:
    return [
        item.get_text(" ", strip=True).removeprefix("! Check").strip()
        for item in soup(response).select(".govuk-warning-text")
    ]


def audit_actions(case) -> list[str]:
    return list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id))
    )


# The page ---------------------------------------------------------------------------------------------------------


def test_the_page_shows_the_submission_and_its_files(officer_client):
    case = parent_complaint(answers={"what_happened": "Family time was cancelled", "contact_methods": ["email"]})
    case.attachments.append(
        Attachment(
            filename="letter-from-school.pdf",
            content_type="application/pdf",
            size_bytes=2048,
            sha256="0" * 64,
            storage_key="key-1",
        )
    )
    db.session.commit()
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    assert "Family time with my son was cancelled three times." in text
    assert "sam@example.com" in text
    assert "letter-from-school.pdf (application/pdf, 2 KB)" in text
    assert "What happened Family time was cancelled" in text
    assert "Riley Fairweather, born 4 May 2016" in text
    assert audit_actions(case) == ["case_viewed"]


def test_earlier_cases_from_the_same_person_or_about_the_same_child_are_linked(officer_client):
    case = parent_complaint()
    same_email = make_case(
        received_on=date(2025, 3, 1), submitter=Person(role=SubmitterRole.PARENT, email="SAM@example.com")
    )
    same_phone = make_case(
        received_on=date(2025, 4, 1), submitter=Person(role=SubmitterRole.PARENT, phone="+44 7700 900982")
    )
    same_child = make_case(received_on=date(2024, 1, 1), submitter=Person(role=SubmitterRole.RELATIVE, name="Gran"))
    same_child.children.append(CaseChild(name="riley fairweather", date_of_birth=date(2016, 5, 4)))
    other_child = make_case(submitter=Person(role=SubmitterRole.PARENT, name="Someone"))
    other_child.children.append(CaseChild(name="Riley Fairweather", date_of_birth=date(2012, 1, 1)))
    stranger = make_case(submitter=Person(role=SubmitterRole.PARENT, email="other@example.com", phone="07700 900 000"))
    db.session.commit()

    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    rows = soup(response).select("#earlier-cases + table tbody tr")
    found = {row.select_one("a").get_text(strip=True): row.select("td")[-1].get_text(strip=True) for row in rows}
    assert found == {
        same_email.reference: "Same email",
        same_phone.reference: "Same phone number",
        same_child.reference: "Same child",
    }
    links = [row.select_one("a")["href"] for row in rows]
    assert links == [f"/staff/cases/{other.reference}" for other in (same_phone, same_email, same_child)]
    assert other_child.reference not in found and stranger.reference not in found


def test_a_child_with_only_an_age_matches_an_earlier_case_with_an_age_that_fits(officer_client):
    case = make_case(received_on=date(2026, 11, 2), made_by_child=True, submitter=None)
    case.children.append(CaseChild(name="Jo", age=14))
    last_year = make_case(received_on=date(2025, 10, 1), made_by_child=True, submitter=None)
    last_year.children.append(CaseChild(name="Jo", age=13))
    too_old = make_case(received_on=date(2025, 10, 1), made_by_child=True, submitter=None)
    too_old.children.append(CaseChild(name="Jo", age=17))
    db.session.commit()
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    references = [link.get_text(strip=True) for link in soup(response).select("#earlier-cases + table tbody a")]
    assert references == [last_year.reference]


# Recommendations ----------------------------------------------------------------------------------------------------


def test_a_parent_of_a_child_in_need_is_recommended_the_statutory_procedure(officer_client):
    case = parent_complaint()
    case.children[0].care_status = ChildStatus.IN_NEED.value
    db.session.commit()
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert recommended(response) == Procedure.STATUTORY.label
    assert "A parent or person with parental responsibility for a child who is a child in need" in response.get_data(
        as_text=True
    )


def test_a_looked_after_young_person_is_statutory_and_offered_an_advocate(officer_client):
    case = make_case(made_by_child=True, submitter=Person(role=SubmitterRole.CHILD, name="Jo"))
    case.children.append(CaseChild(name="Jo", age=15, care_status=ChildStatus.LOOKED_AFTER.value))
    db.session.commit()
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert recommended(response) == Procedure.STATUTORY.label
    assert "Offer the child an independent advocate (Children Act 1989, section 26A)." in flags(response)


@pytest.mark.parametrize(
    ("answers", "procedure"),
    [
        ({"submitter_role": "relative", "contact_dispute": "yes", "has_parental_responsibility": "no"}, "corporate"),
        ({"about_school": "yes"}, "outside_procedures"),
        ({"repeat_of_investigated_case": "yes"}, "not_accepted"),
        ({"submitter_role": "other", "party_to_proceedings": "yes"}, "statutory"),
        ({"child_status": "looked_after"}, "statutory"),
    ],
    ids=["grandparent-contact", "school", "repeat", "sufficient-interest", "looked-after"],
)
def test_the_recommendation_follows_the_answers(officer_client, answers, procedure):
    case = parent_complaint()
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="recommend", **answers)
    )
    assert response.status_code == 200
    assert recommended(response) == Procedure(procedure).label
    assert "Updated from your answers." in response.get_data(as_text=True)


def test_a_compliment_is_recommended_as_a_compliment(officer_client):
    case = make_case(kind=FeedbackKind.COMPLIMENT)
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert recommended(response) == Procedure.COMPLIMENT.label


def test_the_consent_age_comes_from_the_council_settings(officer_client):
    case = parent_complaint(on_behalf_of_child=True)
    case.children[0].age = 13
    db.session.commit()
    consent_flag = "The child is aged 12 or over: confirm the child's consent"
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert any(flag.startswith(consent_flag) for flag in flags(response))
    assert "Children aged 12 or over should agree" in response.get_data(as_text=True)

    council_settings().child_consent_age = 14
    db.session.commit()
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert not any("confirm the child's consent" in flag for flag in flags(response))
    assert "Children aged 14 or over should agree" in response.get_data(as_text=True)


def test_updating_the_recommendation_keeps_the_answers_and_starts_screening(officer_client, officer):
    case = parent_complaint()
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening",
        data=screening_post(case, action="recommend", child_status="in_need"),
    )
    assert response.status_code == 200
    db.session.refresh(case)
    assert case.state is CaseState.SCREENING
    assert case.procedure is None
    assert case.screening["answers"]["child_status"] == "in_need"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "screening_answers_saved").order_by(AuditEvent.id)
    )
    assert event.actor_id == officer.id
    assert event.detail["changes"]["state"] == ["received", "screening"]
    assert event.detail["changes"]["answers.child_status"] == [None, "in_need"]
    # The saved answers are where the page starts next time.
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert soup(response).select_one("input[name=child_status][value=in_need]").has_attr("checked")
    assert recommended(response) == Procedure.STATUTORY.label


# Decisions -------------------------------------------------------------------------------------------------------


def test_screening_into_the_statutory_procedure(officer_client, officer):
    case = parent_complaint()
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening",
        data=screening_post(case, action="decide", child_status="in_need", decision="statutory"),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/points"
    db.session.refresh(case)
    policy, calendar = timescale_policy(), council_calendar()
    assert case.procedure is Procedure.STATUTORY
    assert case.state is CaseState.STAGE_1
    assert case.screened_by_id == officer.id
    assert case.screened_at is not None
    assert case.acknowledgement_due_on == acknowledgement_due(Procedure.STATUTORY, case.received_on, policy, calendar)
    assert case.screening["recommendation"]["procedure"] == "statutory"
    assert case.screening["decision"]["differs_from_recommendation"] is False
    assert case.screening["facts"]["child_status"] == "in_need"
    (stage,) = case.stages
    assert stage.state is CaseState.STAGE_1
    assert stage.started_on == stage.clock_started_on == case.received_on
    assert stage.due_on == deadline_for(Procedure.STATUTORY, CaseState.STAGE_1, case.received_on, policy, calendar)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_screened").order_by(AuditEvent.id))
    assert event.actor_id == officer.id
    assert event.detail["changes"]["procedure"] == [None, "statutory"]
    assert event.detail["changes"]["state"] == ["received", "stage_1"]
    assert event.detail["recommended"] == "statutory"
    assert event.detail["stage"] == {"state": "stage_1", "due_on": stage.due_on.isoformat()}


def test_choosing_differently_from_the_recommendation_needs_a_reason(officer_client):
    case = parent_complaint()
    data = screening_post(case, action="decide", decision="statutory", child_status="other")
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 200
    assert error_messages(response) == [
        "Enter why you chose differently from the recommendation (Corporate complaints procedure)"
    ]
    assert soup(response).title.get_text().startswith("Error: ")
    db.session.refresh(case)
    assert case.procedure is None

    data["reason"] = "The records show the child is in need; the form did not say so."
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.procedure is Procedure.STATUTORY
    assert case.screening_reason == data["reason"]
    assert case.screening["decision"]["differs_from_recommendation"] is True


def test_a_decision_must_be_chosen(officer_client):
    case = parent_complaint()
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide")
    )
    assert error_messages(response) == ["Select what happens to this case"]


def test_a_corporate_complaint_starts_stage_1_with_its_clock_waiting_for_the_acknowledgement(officer_client):
    case = parent_complaint()
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening",
        data=screening_post(case, action="decide", decision="corporate", child_status="other"),
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.procedure, case.state) == (Procedure.CORPORATE, CaseState.STAGE_1)
    (stage,) = case.stages
    assert (stage.clock_started_on, stage.due_on) == (None, None)
    assert case.acknowledgement_due_on == acknowledgement_due(
        Procedure.CORPORATE, case.received_on, timescale_policy(), council_calendar()
    )


def test_a_comment_waits_for_a_response(officer_client):
    case = make_case(kind=FeedbackKind.COMMENT)
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide", decision="comment")
    )
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/screening"
    db.session.refresh(case)
    assert case.state is CaseState.AWAITING_RESPONSE
    assert case.stages[0].due_on == deadline_for(
        Procedure.COMMENT, CaseState.AWAITING_RESPONSE, case.received_on, timescale_policy(), council_calendar()
    )


def test_a_compliment_is_closed(officer_client):
    case = make_case(kind=FeedbackKind.COMPLIMENT)
    officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide", decision="compliment")
    )
    db.session.refresh(case)
    assert (case.state, case.closed_on, case.stages) == (CaseState.CLOSED, uk_today(), [])


def test_not_accepted_needs_a_reason_and_tells_the_person_about_the_ombudsman(officer_client, app_sends_by_smtp):
    case = parent_complaint()
    data = screening_post(case, action="decide", decision="not_accepted", repeat_of_investigated_case="yes")
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert error_messages(response) == ["Enter why the complaint is not accepted: we tell the person the reason"]

    data["reason"] = "We investigated and answered the same complaint in March (CF-123)."
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    # The letter is shown for checking before anything is sent.
    assert response.headers["Location"] == f"/staff/cases/{case.reference}/screening/not-accepted"
    assert app_sends_by_smtp.messages == []
    response = officer_client.post(f"/staff/cases/{case.reference}/screening/not-accepted", data={"action": "send"})
    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.procedure, case.state, case.closure) == (
        Procedure.NOT_ACCEPTED,
        CaseState.CLOSED,
        Closure.NOT_ACCEPTED,
    )
    (email,) = app_sends_by_smtp.messages
    assert email["To"] == "sam@example.com"
    body = email.get_content()
    assert data["reason"] in body
    assert "Local Government and Social Care Ombudsman" in body

    response = officer_client.get(f"/staff/cases/{case.reference}/screening/letter")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{case.reference}-not-accepted.pdf"'
    assert "no-store" in response.headers["Cache-Control"]
    assert audit_actions(case)[-1] == "letter_produced"


def test_outside_the_procedures_needs_where_the_person_was_signposted(officer_client):
    case = parent_complaint()
    data = screening_post(case, action="decide", decision="outside_procedures", about_school="yes")
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert error_messages(response) == ["Enter where you signposted the person, for example the school"]

    data["signposted_to"] = "Anytown Primary School's complaints procedure"
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.state, case.closure) == (CaseState.CLOSED, Closure.SIGNPOSTED)
    assert case.screening["decision"]["signposted_to"] == data["signposted_to"]
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert "Anytown Primary School's complaints procedure" in message.body


def test_the_letter_is_only_for_complaints_not_accepted_or_signposted(officer_client):
    case = parent_complaint()
    assert officer_client.get(f"/staff/cases/{case.reference}/screening/letter").status_code == 404


def test_a_complaint_over_a_year_late_needs_a_discretion_reason_to_be_accepted(officer_client):
    case = parent_complaint(happened_on=date(2025, 6, 1))
    data = screening_post(case, action="decide", child_status="in_need", decision="statutory")
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert "More than one year since the grounds arose" in response.get_data(as_text=True)
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert error_messages(response) == [
        "Enter why the complaint is accepted although it was made more than one year after the grounds arose"
    ]
    data["discretion_reason"] = "She was in hospital for most of the year; the records are complete."
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.screening["decision"]["discretion_reason"] == data["discretion_reason"]


def test_field_errors_use_gov_uk_messages(officer_client):
    case = parent_complaint()
    data = screening_post(case, action="recommend", grounds_arose_on=None)
    data["grounds_arose_on"] = ["31", "2", "2026"]
    data.pop("about_school")
    data["child_age"] = "40"
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 200
    assert error_messages(response) == [
        "Select yes if the complaint is about a school",
        "The date the grounds arose must be a real date",
        "Child's age must be between 0 and 25",
    ]
    db.session.refresh(case)
    assert case.state is CaseState.RECEIVED


def test_a_future_date_is_refused(officer_client):
    case = parent_complaint()
    tomorrow = uk_today() + timedelta(days=1)
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening",
        data=screening_post(case, action="recommend", grounds_arose_on=tomorrow.isoformat()),
    )
    assert error_messages(response) == ["The date the grounds arose must be today or in the past"]


def test_a_closed_case_cannot_be_screened_again_and_says_why(officer_client):
    case = make_case(kind=FeedbackKind.COMPLIMENT, procedure=Procedure.COMPLIMENT, state=CaseState.CLOSED)
    response = officer_client.get(f"/staff/cases/{case.reference}/screening")
    assert "This case cannot be screened again from “Closed”." in response.get_data(as_text=True)
    assert soup(response).select_one("form[action$='/screening']") is None
    response = officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide", decision="statutory")
    )
    assert response.status_code == 200
    assert error_messages(response) == [
        'This case cannot be screened again. Compliment: a case cannot move from "Closed" to "Screening".'
    ]
    db.session.refresh(case)
    assert case.procedure is Procedure.COMPLIMENT


def test_a_case_can_be_screened_again_from_stage_1(officer_client):
    case = parent_complaint()
    data = screening_post(case, action="decide", child_status="in_need", decision="statutory")
    officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    data = screening_post(case, action="decide", decision="corporate", about_statutory_function="no")
    response = officer_client.post(f"/staff/cases/{case.reference}/screening", data=data)
    assert response.status_code == 302, error_messages(response)
    db.session.refresh(case)
    assert case.procedure is Procedure.CORPORATE
    stages = db.session.scalars(select(StageRecord).order_by(StageRecord.id)).all()
    assert [(stage.state, stage.completed_on) for stage in stages] == [
        (CaseState.STAGE_1, uk_today()),
        (CaseState.STAGE_1, None),
    ]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_screened").order_by(AuditEvent.id)
    ).all()
    assert events[-1].detail["changes"]["procedure"] == ["statutory", "corporate"]


def test_a_page_shown_again_with_errors_is_an_audited_view(officer_client, officer):
    case = parent_complaint()
    officer_client.post(f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide"))
    officer_client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="recommend", about_school="yes")
    )
    assert audit_actions(case) == ["case_viewed", "screening_answers_saved"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_viewed").order_by(AuditEvent.id))
    assert (event.actor_id, event.detail) == (officer.id, {"page": "screening"})


def test_what_was_sent_is_escaped_and_keeps_its_lines(officer_client):
    case = parent_complaint(
        description="First line <b>bold</b>\nSecond line", answers={"what_happened": "<script>x</script>\nMore"}
    )
    html = officer_client.get(f"/staff/cases/{case.reference}/screening").get_data(as_text=True)
    assert "First line &lt;b&gt;bold&lt;/b&gt;<br>Second line" in html
    assert "&lt;script&gt;x&lt;/script&gt;<br>More" in html
    assert "<script>x" not in html
