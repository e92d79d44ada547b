"""The words of the messages and letters the portal sends, and how a council's own wording replaces them.

Each default below is what a council starts with; administrators change the words on the message templates screen
(portal.admin), and casework fills in the placeholders when it sends (`message_from_template`). Placeholders are names
in curly brackets, such as {reference}.
"""

import re
from dataclasses import dataclass

from portal.data.queries.screening import message_template

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replaces each {name} with its value. Unknown names and stray braces are left as they are, so a mistake in
    a template edited by an administrator shows in the message rather than breaking the page."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def placeholders_in(text: str) -> list[str]:
    """The placeholder names left in ``text``, each once, in order."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def message_from_template(default: dict, values: dict[str, str]) -> Message:
    """The council's template with `default["key"]`, or the default text when there is no such template."""
    template = message_template(default["key"])
    subject = template.subject if template is not None else default["subject"]
    body = template.body if template is not None else default["body"]
    return Message(subject=fill_placeholders(subject, values), body=fill_placeholders(body, values))


# Acknowledgement of a complaint (domain.md section 4) -----------------------------------------------------------------

DEFAULT_ACKNOWLEDGEMENT = {
    "key": "acknowledgement",
    "name": "Acknowledgement of a complaint",
    "subject": "Your complaint {reference}: what happens next",
    "body": (
        "Dear {name},\n\n"
        "Thank you for your complaint, which we received on {received_date}. Your reference is {reference}.\n\n"
        "We understand that you would like us to look into these points:\n\n"
        "{points}\n\n"
        "Please tell us if we have got this wrong, or if we have missed something out. Contact us at "
        "{contact_email} or on {contact_phone}, quoting {reference}.\n\n"
        "We will send you our response by {response_date}. If we need more time, we will tell you why and when "
        "you can expect it.\n\n"
        "{advocacy}\n\n"
        "Yours sincerely,\n\n"
        "Complaints Team\n"
        "{council_name}"
    ),
}
DEFAULT_ACKNOWLEDGEMENT_SMS = {
    "key": "acknowledgement_sms",
    "name": "Acknowledgement of a complaint by text message",
    "subject": "",
    "body": (
        "{council_name}: we are looking into your complaint {reference} and will respond by {response_date}. "
        "Call {contact_phone} to hear the points we will look at, to tell us if we have got them wrong, or to get "
        "an advocate."
    ),
}


# Screening decisions that close the case: not accepted (with the Ombudsman) or signposted -----------------------------

DEFAULT_NOT_ACCEPTED = {
    "key": "not_accepted",
    "name": "Complaint not accepted",
    "subject": "Your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for contacting us on {received_date}. We have looked carefully at what you told us, and we cannot "
        "consider it under our complaints procedures.\n\n"
        "{reason}\n\n"
        "If you are unhappy with this decision, you can ask {ombudsman} to look at it.\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}.\n\n"
        "Yours sincerely,\n\nComplaints Team\n{council_name}"
    ),
}
DEFAULT_SIGNPOSTED = {
    "key": "signposted",
    "name": "Signposted elsewhere",
    "subject": "Your enquiry {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for contacting us on {received_date}. What you have raised is not something our children's "
        "services complaints procedures can look at, but it can be raised with: {signposted_to}.\n\n"
        "{reason}\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}.\n\n"
        "Yours sincerely,\n\nComplaints Team\n{council_name}"
    ),
}


# Holds (regulation 8 of the 2006 Regulations) -------------------------------------------------------------------------

DEFAULT_ON_HOLD = {
    "key": "on_hold",
    "name": "Complaint on hold",
    "subject": "Your complaint {reference} is on hold",
    "body": (
        "Dear {name},\n\n"
        "We have put your complaint, reference {reference}, on hold. {hold_reason}\n\n"
        "Looking into your complaint now could affect other proceedings that are still going on, so the law lets us "
        "wait until they have finished. We will check again by {review_date} and write to you when we start again.\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}.\n\n"
        "Yours sincerely,\n\nComplaints Team\n{council_name}"
    ),
}
DEFAULT_ON_HOLD_SMS = {
    "key": "on_hold_sms",
    "name": "Complaint on hold, by text message",
    "subject": "",
    "body": (
        "{council_name}: your complaint {reference} is on hold while other proceedings finish. We will check again "
        "by {review_date}. Questions: {contact_phone}"
    ),
}
DEFAULT_HOLD_ENDED = {
    "key": "hold_ended",
    "name": "Complaint no longer on hold",
    "subject": "Your complaint {reference} is no longer on hold",
    "body": (
        "Dear {name},\n\n"
        "Your complaint, reference {reference}, is no longer on hold, and we have started looking into it again. "
        "We will send you our response by {response_date}.\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}.\n\n"
        "Yours sincerely,\n\nComplaints Team\n{council_name}"
    ),
}
DEFAULT_HOLD_ENDED_SMS = {
    "key": "hold_ended_sms",
    "name": "Complaint no longer on hold, by text message",
    "subject": "",
    "body": (
        "{council_name}: your complaint {reference} is no longer on hold. We will respond by {response_date}. "
        "Questions: {contact_phone}"
    ),
}

# Every default, in the order the templates screen lists them.
CASEWORK_DEFAULTS = (
    DEFAULT_ACKNOWLEDGEMENT,
    DEFAULT_ACKNOWLEDGEMENT_SMS,
    DEFAULT_NOT_ACCEPTED,
    DEFAULT_SIGNPOSTED,
    DEFAULT_ON_HOLD,
    DEFAULT_ON_HOLD_SMS,
    DEFAULT_HOLD_ENDED,
    DEFAULT_HOLD_ENDED_SMS,
)
