"""The work behind the adult journeys: sending resume links, and turning a draft into a case. Drafts themselves are
kept by `portal.common.drafts`, which the children's journey shares."""

import secrets
from dataclasses import dataclass
from datetime import date

from flask import current_app, render_template
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.common import drafts
from portal.common.clock import utc_now
from portal.common.links import external_url
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, CaseChild, Draft, EqualitiesAnswers, Person
from portal.data.queries import cases as case_queries
from portal.data.queries import drafts as draft_queries
from portal.data.queries import outbox as outbox_queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.references import new_reference
from portal.domain.safeguarding import matching_phrases
from portal.domain.types import Channel, FeedbackKind, SubmitterRole
from portal.domain.workflow import acknowledgement_due, response_due
from portal.intake.forms import NOT_KNOWN
from portal.intake.journeys import AdultJourney
from portal.notifications import outbox
from portal.notifications.safeguarding import queue_safeguarding_alert

RESUME_SALT = "resume-draft"

COMPLIMENT_ROLES = {
    "parent": SubmitterRole.PARENT,
    "carer": SubmitterRole.FOSTER_CARER,
    "young_person": SubmitterRole.CHILD,
    "professional": SubmitterRole.PROFESSIONAL,
    "other": SubmitterRole.OTHER,
}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESUME_SALT)


def send_resume_link(draft: Draft, email: str, journey: AdultJourney) -> date:
    """Emails a link that brings back every answer. Returns the last day the link works."""
    nonce = secrets.token_urlsafe(16)
    expires_at = utc_now() + drafts.draft_lifetime()
    draft_queries.set_resume_details(draft, email, nonce, expires_at)
    link = external_url("intake.resume", token=_serializer().dumps([draft.token, nonce]))
    council = council_settings()
    message = outbox.queue_email(
        recipient=email,
        template="resume_link",
        subject=f"Your saved {journey.noun} – {council.name}",
        body=render_template(
            "intake/emails/resume_link.txt", link=link, journey=journey, expires_on=expires_at.date(), council=council
        ),
        personalisation={"link": link},
    )
    transaction.commit()
    outbox.deliver_now([message.id])
    return expires_at.date()


def resume_from_link(token: str) -> Draft | None:
    """Restores the draft a resume link points to, if the link is genuine, current and the latest one sent."""
    try:
        draft_token, nonce = _serializer().loads(token, max_age=int(drafts.draft_lifetime().total_seconds()))
    except (BadSignature, ValueError, TypeError):
        return None
    draft = draft_queries.draft_by_token(draft_token, utc_now())
    if draft is None or draft.submitted_at is not None or not secrets.compare_digest(draft.resume_nonce or "", nonce):
        return None
    drafts.remember(draft)
    return draft


# Submission ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    case: Case
    acknowledge_by: date | None


def submit(draft: Draft, journey: AdultJourney, today: date) -> Case | None:
    """Turns the draft into a case and queues the acknowledgement, all in one transaction, then tries to send it.

    Returns None when the draft was already sent (a double click or the back button): nothing new is created.
    """
    if not draft_queries.claim_for_submission(draft, utc_now()):
        transaction.rollback()
        return None
    answers = journey.journey.relevant_answers(draft.answers)
    council = council_settings()
    case = _build_case(journey, answers, today)
    case.safeguarding_matches = matching_phrases(journey.written_answers(answers), council.safeguarding_phrases or [])
    case.safeguarding_flag = bool(case.safeguarding_matches)
    case.reference = case_queries.unused_reference(lambda: new_reference(secrets.SystemRandom()))
    policy, calendar = timescale_policy(), council_calendar()
    case.acknowledgement_due_on = acknowledgement_due(journey.kind, today, policy, calendar)
    case.response_due_on = response_due(journey.kind, today, policy, calendar)
    draft_queries.move_attachments_to_case(draft, case)
    case_queries.add_case(case)
    draft.submitted_case_id = case.id
    alert = queue_safeguarding_alert(case, council)
    messages = [*([alert] if alert else []), *_queue_acknowledgement(case, journey)]
    transaction.commit()
    outbox.deliver_now([message.id for message in messages])
    return case


def _yes(value) -> bool | None:
    return None if value is None else value == "yes"


def _person(answers: dict, role: SubmitterRole) -> Person:
    return Person(
        role=role,
        name=answers.get("full_name") or None,
        organisation=answers.get("organisation") or None,
        email=answers.get("email") or None,
        phone=answers.get("phone") or None,
        address=answers.get("address") or None,
        postcode=answers.get("postcode") or None,
        contact_methods=answers.get("contact_methods") or [],
        safe_contact_times=answers.get("safe_contact_times") or None,
        voicemail_ok=_yes(answers.get("voicemail_ok")),
        letters_ok=_yes(answers.get("letters_ok")),
        support_needs={
            "needs": answers.get("support_needs") or [],
            "interpreter_language": answers.get("interpreter_language") or None,
            "other": answers.get("other_support") or None,
        },
    )


def _team_id(answers: dict) -> int | None:
    value = answers.get("team")
    return int(value) if value and value.isdigit() else None


def _summary(text: str) -> str:
    first_line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "..."


def _build_case(journey: AdultJourney, answers: dict, today: date) -> Case:
    case = Case(kind=journey.kind, channel=Channel.ONLINE, received_on=today, answers=answers)
    if journey.kind == FeedbackKind.COMPLAINT:
        case.submitter = _person(answers, SubmitterRole(answers["role"]))
        case.on_behalf_of_child = answers.get("about_child") == "yes" and answers.get("on_behalf_of_child") == "yes"
        case.description = answers["what_happened"]
        case.summary = _summary(answers["what_happened"])
        case.desired_outcome = answers.get("desired_outcome")
        case.happened_on = date.fromisoformat(answers["happened_on"]) if answers.get("happened_on") else None
        case.happened_when_text = answers.get("happened_when") or None
        case.worker_name = answers.get("worker_name") or None
        case.raised_before = _yes(answers.get("raised_before"))
        case.previous_reference = answers.get("previous_reference") or None
        case.wants_advocacy_information = _yes(answers.get("wants_advocacy_information"))
        if answers.get("about_child") == "yes":
            case.children.append(
                CaseChild(
                    name=answers.get("child_name"),
                    date_of_birth=date.fromisoformat(answers["child_date_of_birth"])
                    if answers.get("child_date_of_birth")
                    else None,
                    age=answers.get("child_age"),
                    knows_and_agrees=answers.get("child_agrees"),
                )
            )
    elif journey.kind == FeedbackKind.COMMENT:
        case.summary = _summary(answers["comment_subject"])
        case.description = answers["comment_text"]
        if answers.get("wants_reply") == "yes":
            case.submitter = _person(answers, SubmitterRole.OTHER)
    else:
        role = COMPLIMENT_ROLES[answers["compliment_role"]]
        case.submitter = _person(answers, role)
        case.made_by_child = role == SubmitterRole.CHILD
        case.description = answers["compliment_text"]
        case.summary = _summary(answers["compliment_text"])
        case.worker_name = answers.get("worker_name") or None
    case.team_id = _team_id(answers) if answers.get("team") != NOT_KNOWN else None
    equalities = {name: answers.get(name) for name in ("ethnicity", "gender", "disability") if answers.get(name)}
    if equalities:
        case.equalities = EqualitiesAnswers(**equalities)
    return case


def receipt_sent_to(case: Case, journey: AdultJourney) -> str | None:
    """What the confirmation page says about the receipt: only what was really queued, or None when nothing was."""
    if not outbox_queries.has_message_for_case(case.id, _receipt_template(journey)):
        return None
    if case.submitter.email:
        return f"We have sent a copy of your {journey.noun} to {case.submitter.email}."
    return f"We have sent your reference number by text message to {case.submitter.phone}."


def _receipt_template(journey: AdultJourney) -> str:
    return f"{journey.name}_acknowledgement"


def _queue_acknowledgement(case: Case, journey: AdultJourney) -> list:
    person = case.submitter
    if person is None or not (person.email or (person.phone and "text" in (person.contact_methods or []))):
        return []
    council = council_settings()
    context = {"case": case, "journey": journey, "council": council}
    if person.email:
        message = outbox.queue_email(
            recipient=person.email,
            template=_receipt_template(journey),
            subject=f"We have received your {journey.noun}: {case.reference}",
            body=render_template("intake/emails/acknowledgement.txt", **context),
            personalisation={"reference": case.reference},
            case_id=case.id,
        )
    else:
        message = outbox.queue_sms(
            recipient=person.phone,
            template=_receipt_template(journey),
            body=render_template("intake/emails/acknowledgement.sms.txt", **context),
            personalisation={"reference": case.reference},
            case_id=case.id,
        )
    return [message]
