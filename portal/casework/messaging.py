"""Sending the person who made a case a message or letter: the ways that are safe for them, the outbox, and the
placeholder values every message about a case can use.

A message goes by email or text message through the outbox, or as a letter staff print and post. A letter is never
offered when the person said letters are not safe, because the person hurting them may open the post (domain.md
section 7); the pages that send something show the person's safe-contact warnings beside the choice.
"""

from flask import flash, redirect, url_for

from portal.data.models import Case, OutboxMessage
from portal.data.queries.settings import council_settings
from portal.domain.workflow import format_date
from portal.notifications import outbox

EMAIL, TEXT, LETTER = "email", "text", "letter"
METHOD_LABELS = {EMAIL: "Email", TEXT: "Text message", LETTER: "Letter by post (a PDF to print)"}
# A person's ways of being contacted (intake's words) and the method each allows.
_PREFERRED = {"email": EMAIL, "text": TEXT, "post": LETTER}
OMBUDSMAN = "the Local Government and Social Care Ombudsman (www.lgo.org.uk, 0300 061 0614)"


def letters_are_safe(case: Case) -> bool:
    """Whether a letter may be posted to the person: not when they said letters are not safe."""
    return case.submitter is None or case.submitter.letters_ok is not False


def methods_for(case: Case) -> list[tuple[str, str]]:
    """How this person can be sent a message, their own preferences first: email or text when they gave the
    details, and a letter unless they said letters are not safe. Empty when there is no safe way in writing."""
    person = case.submitter
    available = []
    if person is not None and person.email:
        available.append(EMAIL)
    if person is not None and person.phone and "text" in (person.contact_methods or []):
        available.append(TEXT)
    if letters_are_safe(case):
        available.append(LETTER)
    wanted = (person.contact_methods if person else None) or []
    preferred = [_PREFERRED[method] for method in wanted if method in _PREFERRED]
    ordered = [method for method in preferred if method in available]
    ordered += [method for method in available if method not in ordered]
    return [(method, METHOD_LABELS[method]) for method in ordered]


def letters_not_safe(case: Case, back_to: str):
    """The answer to a request for a letter to someone who said letters are not safe: nothing is made, and staff
    go back to the page they came from with the reason."""
    flash("Letters are not safe for this person, so no letter was made: send it by email or text message", "important")
    return redirect(url_for(back_to, reference=case.reference))


def queue_message(
    case: Case, method: str, template: str, subject: str, body: str, text_body: str
) -> list[OutboxMessage]:
    """Queues the message to the person by `method` (email or text; a letter is printed, so nothing is queued).
    Refuses a method not safe or possible for them, which only a forged form could ask for."""
    if method not in dict(methods_for(case)):
        raise ValueError(f"{method} is not a safe way to contact this person")
    person = case.submitter
    if method == EMAIL:
        return [
            outbox.queue_email(
                recipient=person.email,
                template=template,
                subject=subject,
                body=body,
                personalisation={"reference": case.reference},
                case_id=case.id,
            )
        ]
    if method == TEXT:
        return [
            outbox.queue_sms(
                recipient=person.phone,
                template=f"{template}_sms",
                body=text_body,
                personalisation={"reference": case.reference},
                case_id=case.id,
            )
        ]
    return []


def common_values(case: Case) -> dict[str, str]:
    """The placeholders every message about a case can use: who it is to, the case and how to reach the council."""
    council = council_settings()
    person = case.submitter
    return {
        "name": (person.name if person else None) or "Sir or Madam",
        "reference": case.reference,
        "received_date": format_date(case.received_on),
        "council_name": council.name,
        "contact_email": council.contact_email,
        "contact_phone": council.contact_phone,
        "ombudsman": OMBUDSMAN,
    }
