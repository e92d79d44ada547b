"""The words a new council starts with for each message and letter, and the sample values a preview fills in.

Administrators change the words on the templates screen. Placeholders are names in curly brackets, such as
{reference}; `PLACEHOLDERS` says what each one means. The names are the ones casework fills in when it sends a
message (portal/casework: `messaging.common_values`, `placeholder_values`, `letters.decision_message`), so a preview
looks like the real thing.

Casework's own default wording (portal.notifications.message_templates) is used, so a template added here says
exactly what casework would have sent without one.
"""

from dataclasses import dataclass

from portal.admin import placeholders
from portal.notifications import response_templates
from portal.notifications.message_templates import CASEWORK_DEFAULTS


@dataclass(frozen=True)
class DefaultTemplate:
    key: str
    name: str
    subject: str
    body: str


def default_templates() -> list[DefaultTemplate]:
    """The wording casework sends when a council has not changed it, responses and extensions included."""
    casework = (*CASEWORK_DEFAULTS, *response_templates.RESPONSE_TEMPLATES)
    return [DefaultTemplate(item["key"], item["name"], item["subject"], item["body"]) for item in casework]


SAMPLE_ADVOCACY = (
    "You can have free, independent help from an advocate to make your complaint. Children and young people have a "
    "right to an advocate. Ask us to arrange one, or contact:\nAnytown Advocacy Service: advocacy@anytown.example"
)

# What each placeholder means, and the made-up value a preview shows for it (empty: taken from the settings).
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "name": ("The name of the person we are writing to", "Sam Fairweather"),
    "reference": ("The case reference", "CF-7K4-M2Q-XHP"),
    "received_date": ("The date the council received it", "Monday 4 January 2027"),
    "points": (
        "The numbered complaint points",
        "1. Family time was cancelled three times with no notice.\n2. Nobody returned phone calls.",
    ),
    "response_date": ("The date the response is due", "Monday 18 January 2027"),
    "advocacy": ("How to get an advocate", SAMPLE_ADVOCACY),
    "reason": ("Why it was not accepted or was signposted", "The same complaint was investigated in 2026."),
    "signposted_to": ("Where to take it instead", "the school's governing body"),
    "ombudsman": (
        "How to contact the Ombudsman",
        "the Local Government and Social Care Ombudsman (www.lgo.org.uk, 0300 061 0614)",
    ),
    "team": ("The team the case is allocated to", "Fostering"),
    "manager_name": ("The responding manager's name", "Alex Morgan"),
    "outcome": ("The outcome of the stage in one sentence", "I have upheld part of your complaint."),
    "escalate_by": ("The last day to ask for the next stage", "Monday 15 February 2027"),
    "hold_reason": (
        "Why a complaint is on hold",
        "A police enquiry into the same events is still going on.",
    ),
    "review_date": ("When we will check whether a hold can end", "Monday 1 March 2027"),
    **response_templates.PLACEHOLDERS,
    "council_name": ("The council's name", ""),
    "contact_email": ("The council's contact email address", ""),
    "contact_phone": ("The council's contact phone number", ""),
}

# What a template must keep, by law or policy, and why; it cannot be saved without them.
REQUIRED_PLACEHOLDERS: dict[str, dict[str, str]] = {
    # Staffordshire seed 003, "Screening System": told the reason and directed to the Ombudsman.
    "not_accepted": {
        "reason": "the person must be told why their complaint is not accepted",
        "ombudsman": "the person must be told they can go to the Local Government and Social Care Ombudsman",
    },
    # domain.md sections 3, 4 and 7: the defined points to correct, when the response is due, and advocacy (s26A).
    "acknowledgement": {
        "points": "the acknowledgement lists the complaint points so the person can tell us if we got them wrong",
        "response_date": "the acknowledgement says when the response is due",
        "advocacy": "every complainant is told how to get an independent advocate",
    },
    "acknowledgement_sms": {"response_date": "the acknowledgement says when the response is due"},
    **response_templates.REQUIRED,
}


def missing_required(key: str, subject: str, body: str) -> list[str]:
    """What a template with `key` must keep and does not, as one message for the administrator (the error summary
    shows one message a field), or no message."""
    present = set(placeholders.names(f"{subject}\n{body}"))
    missing = [
        f"Keep {{{name}}} in the message: {why}."
        for name, why in REQUIRED_PLACEHOLDERS.get(key, {}).items()
        if name not in present
    ]
    return [" ".join(missing).removesuffix(".")] if missing else []


# Filled in from the council's own settings when a preview is shown.
FROM_SETTINGS = {"council_name": "name", "contact_email": "contact_email", "contact_phone": "contact_phone"}


def sample_values(settings) -> dict[str, str]:
    values = {name: sample for name, (_, sample) in PLACEHOLDERS.items()}
    for name, attribute in FROM_SETTINGS.items():
        values[name] = str(getattr(settings, attribute) or "")
    return values
