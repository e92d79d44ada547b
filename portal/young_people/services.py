"""The work behind Your Voice: pictures on the draft, and turning the draft into a case with its messages.

Drafts are the adult journeys' server-side drafts (`portal.intake.services`), kept under the journey name
"young-people". A child's submission is one transaction: the draft is claimed, the case is built (with its advocate
referral and safeguarding flag), and the messages to staff are queued; then the messages are sent at once.

No message goes to the child automatically: they told us how and when it is safe to reach them, and a text arriving
at the wrong moment could put them at risk. The Participation Team gets in touch the way the child chose.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from flask import render_template

from portal.common.clock import utc_now
from portal.common.drafts import handle_documents_post
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import AdvocacyReferral, Case, CaseChild, CouncilSettings, Draft, Person
from portal.data.queries import cases as case_queries
from portal.data.queries import drafts as draft_queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.queries.themes import themes_by_ids
from portal.domain.calendar import WorkingCalendar
from portal.domain.references import new_reference
from portal.domain.safeguarding import matching_phrases
from portal.domain.types import AdvocacyStatus, Channel, ChildStatus, FeedbackKind, SubmitterRole
from portal.domain.workflow import acknowledgement_due, response_due
from portal.notifications import outbox
from portal.notifications.safeguarding import queue_safeguarding_alert
from portal.young_people import forms
from portal.young_people.journey import JOURNEY, kind_of, wants_advocate

logger = logging.getLogger(__name__)

# A child who is neither in care nor a care leaver may still be a child in need: screening finds out.
CARE_STATUSES = {
    forms.IN_CARE: ChildStatus.LOOKED_AFTER,
    "care_leaver": ChildStatus.CARE_LEAVER,
    "neither": ChildStatus.UNKNOWN,
    "dont_know": ChildStatus.UNKNOWN,
}
# The adult journeys' words for the same ways of getting in touch, so staff see one vocabulary.
PERSON_CONTACT_METHODS = {forms.TEXT: "text", forms.CALL: "phone", forms.EMAIL: "email"}


# Pictures -----------------------------------------------------------------------------------------------------------


def add_pictures(draft: Draft) -> list[str]:
    """Stores the drawings or photos chosen on the picture page. Returns one message for each file refused."""
    return handle_documents_post(draft, field_name="picture")


# Submission ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a submission needs from the database, read before the transaction that claims the draft."""

    council: CouncilSettings
    today: date
    calendar: WorkingCalendar


def submit(draft: Draft, today: date) -> Case | None:
    """Turns the child's draft into a case, with its messages to staff, in one transaction; then sends them.

    Returns None when the draft was sent already (a double tap or the back button): nothing new is created.
    """
    context = Context(council=council_settings(), today=today, calendar=council_calendar())
    policy = timescale_policy()
    if not draft_queries.claim_for_submission(draft, utc_now()):
        transaction.rollback()
        return None
    answers = JOURNEY.relevant_answers(draft.answers)
    case = build_case(answers, context)
    case.reference = case_queries.unused_reference(lambda: new_reference(secrets.SystemRandom()))
    case.acknowledgement_due_on = acknowledgement_due(case.kind, today, policy, context.calendar)
    case.response_due_on = response_due(case.kind, today, policy, context.calendar)
    draft_queries.move_attachments_to_case(draft, case)
    case_queries.add_case(case)
    draft.submitted_case_id = case.id
    messages = queue_messages(case, answers, context.council)
    transaction.commit()
    outbox.deliver_now([message.id for message in messages])
    return case


def child_texts(answers: dict) -> list[str]:
    """Everything the child wrote in their own words."""
    return [answers[name] for name in forms.TEXT_FIELDS if isinstance(answers.get(name), str)]


def build_case(answers: dict, context: Context) -> Case:
    kind = kind_of(answers)
    words = answers.get("words") or ""
    matches = matching_phrases(child_texts(answers), context.council.safeguarding_phrases or [])
    case = Case(
        kind=kind,
        channel=Channel.ONLINE,
        received_on=context.today,
        made_by_child=True,
        answers=answers,
        description=words,
        summary=_summary(words) or _default_summary(kind),
        desired_outcome=answers.get("better") or None,
        worker_name=answers.get("worker") or None,
        wants_advocacy_information=wants_advocate(answers),
        safeguarding_flag=bool(matches),
        safeguarding_matches=matches,
        submitter=_child_as_person(answers),
    )
    case.children.append(
        CaseChild(
            name=answers.get("nickname") or None,
            age=answers.get("age"),
            care_status=CARE_STATUSES[answers["care"]].value if answers.get("care") in CARE_STATUSES else None,
        )
    )
    case.themes.extend(themes_by_ids([int(value) for value in answers.get("themes") or [] if str(value).isdigit()]))
    if wants_advocate(answers):
        case.advocacy_referrals.append(
            AdvocacyReferral(
                provider=context.council.advocacy_provider_name,
                status=AdvocacyStatus.REQUESTED,
                requested_on=context.today,
            )
        )
    return case


def _child_as_person(answers: dict) -> Person:
    method = answers.get("contact_method")
    phone = answers.get("phone") if method in (forms.TEXT, forms.CALL) else None
    email = answers.get("email") if method == forms.EMAIL else None
    return Person(
        role=SubmitterRole.CHILD,
        name=answers.get("nickname") or None,
        phone=phone or None,
        email=email or None,
        contact_methods=[] if method in (None, forms.NO_CONTACT) else [PERSON_CONTACT_METHODS.get(method, method)],
        safe_contact_times=(answers.get("safe_times") or None) if phone or email else None,
        support_needs={},
    )


def _summary(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    return first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "..."


def _default_summary(kind: FeedbackKind) -> str:
    return "Asked for an advocate" if kind == FeedbackKind.ADVOCACY_REQUEST else f"{kind.label} from a young person"


# Messages to staff --------------------------------------------------------------------------------------------------


def queue_messages(case: Case, answers: dict, council: CouncilSettings) -> list:
    """The safeguarding contact first (when the case is flagged), then the Participation Team, then the advocacy
    provider (when an advocate was asked for). Queued in the caller's transaction."""
    details = message_details(case, answers)
    alert = queue_safeguarding_alert(case, council)
    wanted = [
        (
            council.participation_team_email,
            "young_people_participation",
            f"A young person has used Your Voice: {case.reference}",
            "young_people/emails/participation.txt",
        )
    ]
    if case.advocacy_referrals:
        wanted.append(
            (
                council.advocacy_provider_email,
                "young_people_advocacy_request",
                f"A young person would like an advocate: {case.reference}",
                "young_people/emails/advocacy_request.txt",
            )
        )
    messages = [alert] if alert else []
    for recipient, template, subject, body_template in wanted:
        if not (recipient or "").strip():
            logger.error("No address is set for %s: case %s was not sent to them", template, case.reference)
            continue
        body = render_template(body_template, case=case, council=council, **details)
        messages.append(
            outbox.queue_email(
                recipient=recipient,
                template=template,
                subject=subject,
                body=body,
                personalisation={"reference": case.reference},
                case_id=case.id,
            )
        )
    return messages


def message_details(case: Case, answers: dict) -> dict:
    """The facts the staff messages give, in words rather than codes. None of them is a link."""
    labels = {
        "choice": dict(forms.CHOICES),
        "care": dict(forms.CARE),
        "contact_method": dict(forms.CONTACT_METHODS),
        "feeling": dict(forms.FEELINGS),
    }
    return {
        "chose": labels["choice"].get(answers.get("choice"), ""),
        "themes": ", ".join(theme.name for theme in case.themes) or "Not given",
        "age": answers.get("age"),
        "care": labels["care"].get(answers.get("care"), "Not given"),
        "contact": labels["contact_method"].get(answers.get("contact_method"), "Not given"),
        "feeling": labels["feeling"].get(answers.get("feeling")),
        "advocate": bool(case.advocacy_referrals),
    }
