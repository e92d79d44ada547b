"""The words a new council starts with for each message and letter, and the sample values a preview fills in.

Administrators change the words on the templates screen. Placeholders are names in curly brackets, such as
{reference}; `PLACEHOLDERS` says what each one means.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultTemplate:
    key: str
    name: str
    subject: str
    body: str


OWN_ACKNOWLEDGEMENT = """Dear {name}

Thank you for your complaint, which we received on {received_on}. Your reference is {reference}.

We understand your complaint to be about:

{complaint_points}

If we have got any of this wrong, or missed something out, please tell us as soon as you can by replying to this \
message or contacting us on {contact_phone}.

We will send you our response by {response_due_on}.

You can have an advocate to help you. An advocate is someone who helps you say what you think and makes sure you \
are listened to. {advocacy}

Yours sincerely

Complaints Team
{council_name}
{contact_email}
"""

ALLOCATION = """Dear {manager_name}

Complaint {reference} has been allocated to you ({team}).

The complaint points are:

{complaint_points}

The response is due by {response_due_on}. Open the case in the staff portal to see the details.

Complaints Team
{council_name}
"""

NOT_ACCEPTED = """Dear {name}

Thank you for contacting us on {received_on}. Your reference is {reference}.

We have looked carefully at what you told us and we cannot accept it as a complaint under our complaints procedure. \
This is because {reason}

If you are unhappy with this decision you can ask the Local Government and Social Care Ombudsman to look at it. \
You can contact the Ombudsman at www.lgo.org.uk or on 0300 061 0614.

Yours sincerely

Complaints Team
{council_name}
{contact_email}
"""

OUTCOME = """Dear {name}

We have finished looking into your complaint, reference {reference}.

{outcome}

If you are not happy with our response, you can ask for your complaint to go to the next stage. Contact us on \
{contact_phone} or at {contact_email} by {escalate_by}.

Yours sincerely

{manager_name}
{council_name}
"""


def _acknowledgement_body() -> str:
    """The casework team's acknowledgement wording when it exists, so both start from the same words."""
    try:
        from portal.casework.screening import DEFAULT_ACKNOWLEDGEMENT  # type: ignore[attr-defined]
    except ImportError:
        return OWN_ACKNOWLEDGEMENT
    return DEFAULT_ACKNOWLEDGEMENT if isinstance(DEFAULT_ACKNOWLEDGEMENT, str) else OWN_ACKNOWLEDGEMENT


def default_templates() -> list[DefaultTemplate]:
    return [
        DefaultTemplate(
            "acknowledgement",
            "Acknowledgement of a complaint",
            "We have received your complaint – {reference}",
            _acknowledgement_body(),
        ),
        DefaultTemplate(
            "allocation",
            "Complaint allocated to a responding manager",
            "Complaint {reference} allocated to you",
            ALLOCATION,
        ),
        DefaultTemplate("not_accepted", "Complaint not accepted", "Your complaint – {reference}", NOT_ACCEPTED),
        DefaultTemplate("outcome", "Outcome of a complaint", "Our response to your complaint – {reference}", OUTCOME),
    ]


# What each placeholder means, and the made-up value a preview shows for it.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "name": ("The name of the person we are writing to", "Sam Fairweather"),
    "reference": ("The case reference", "CF-7K4-M2Q-XHP"),
    "received_on": ("The date the council received it", "4 January 2027"),
    "complaint_points": (
        "The numbered complaint points",
        "1. Family time was cancelled three times with no notice.\n2. Nobody returned phone calls.",
    ),
    "response_due_on": ("The date the response is due", "18 January 2027"),
    "advocacy": (
        "How to get an advocate",
        "Contact Anytown Advocacy Service on advocacy@anytown.example to ask for one.",
    ),
    "team": ("The team the case is allocated to", "Fostering"),
    "manager_name": ("The responding manager's name", "Alex Morgan"),
    "reason": ("Why it was not accepted", "the same complaint was investigated in 2026."),
    "outcome": ("What we found and what we will do", "We upheld your complaint and will apologise in writing."),
    "escalate_by": ("The last day to ask for the next stage", "15 February 2027"),
    "council_name": ("The council's name", ""),
    "service_name": ("The service's name", ""),
    "contact_email": ("The council's contact email address", ""),
    "contact_phone": ("The council's contact phone number", ""),
}

# Filled in from the council's own settings when a preview is shown, so the preview looks like the real thing.
FROM_SETTINGS = {
    "council_name": "name",
    "service_name": "service_name",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
}


def sample_values(settings) -> dict[str, str]:
    values = {name: sample for name, (_, sample) in PLACEHOLDERS.items()}
    for name, attribute in FROM_SETTINGS.items():
        values[name] = str(getattr(settings, attribute) or "")
    return values
