"""The words councils start with for the responses to a complaint or comment, and for telling someone that a response
will take longer (issue 11). Administrators change them on the message templates screen; what each must keep is in
`REQUIRED`, because the law or the Complaint Handling Code needs the person to be told it.

Placeholders a letter fills in when it is drafted: the usual ones (name, reference, received_date, council_name,
contact_email, contact_phone, ombudsman), findings, outcome, remedies, manager_name and team. Those filled in only
when it is sent, because they depend on the day it goes: escalate_by (the last day to ask for the next stage,
portal.domain.clocks' complainant's window counted from the day the response is sent). A placeholder a draft keeps
that the portal cannot fill, such as {answer} in a comment's reply, is one staff must replace with their own words.
"""

STAGE_1_RESPONSE = {
    "key": "stage_1_response",
    "name": "Stage 1 response (children's complaints procedure)",
    "subject": "Our response to your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for your complaint, which we received on {received_date}. I have looked into each point you "
        "raised. {outcome}\n\n"
        "{findings}\n\n"
        "{remedies}\n\n"
        "If you are not happy with this response, you can ask for Stage 2 of the children's complaints procedure. "
        "An investigating officer from outside the service you complained about will look into your complaint, with "
        "an independent person. We may offer you a meeting with a mediator first.\n\n"
        "To ask for Stage 2, contact us by {escalate_by} at {contact_email} or on {contact_phone}. Quote {reference} "
        "and tell us what you are still unhappy about. Children and young people can have free help from an advocate "
        "to do this: ask us and we will arrange it.\n\n"
        "Yours sincerely,\n\n"
        "{manager_name}\n"
        "{council_name}"
    ),
}

CORPORATE_STAGE_1_RESPONSE = {
    "key": "corporate_stage_1_response",
    "name": "Stage 1 response (corporate complaints procedure)",
    "subject": "Our response to your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for your complaint, which we received on {received_date}. I have looked into each point you "
        "raised. {outcome}\n\n"
        "{findings}\n\n"
        "{remedies}\n\n"
        "If you are not happy with this response, you can ask for Stage 2. Someone who did not deal with your "
        "complaint at Stage 1 will look at it again.\n\n"
        "To ask for Stage 2, contact us by {escalate_by} at {contact_email} or on {contact_phone}. Quote {reference} "
        "and tell us what you are still unhappy about. If you are still unhappy after Stage 2, you can ask "
        "{ombudsman} to look at your complaint.\n\n"
        "Yours sincerely,\n\n"
        "{manager_name}\n"
        "{council_name}"
    ),
}

COMMENT_RESPONSE = {
    "key": "comment_response",
    "name": "Reply to a comment",
    "subject": "Our reply to your comment {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for your comment, which we received on {received_date}. We passed it to the {team} team, "
        "and this is their reply.\n\n"
        "{answer}\n\n"
        "If you want to make a complaint about this, contact us at {contact_email} or on {contact_phone}, quoting "
        "{reference}.\n\n"
        "Yours sincerely,\n\n"
        "{manager_name}\n"
        "{council_name}"
    ),
}

EXTENSION = {
    "key": "extension",
    "name": "More time needed for a response",
    "subject": "We need more time to respond to your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "We are sorry, but we need more time to respond to your complaint, reference {reference}.\n\n"
        "{extension_reason}\n\n"
        "We will now send you our response by {new_date}, instead of {previous_date}.\n\n"
        "If you are unhappy about this, contact us at {contact_email} or on {contact_phone}. You can also ask "
        "{ombudsman} to look at your complaint.\n\n"
        "Yours sincerely,\n\n"
        "Complaints Team\n"
        "{council_name}"
    ),
}

EXTENSION_SMS = {
    "key": "extension_sms",
    "name": "More time needed for a response, by text message",
    "subject": "",
    "body": (
        "{council_name}: we need more time to respond to your complaint {reference}. We will respond by "
        "{new_date}. Questions: {contact_phone}"
    ),
}

RESPONSE_TEMPLATES = (STAGE_1_RESPONSE, CORPORATE_STAGE_1_RESPONSE, COMMENT_RESPONSE, EXTENSION, EXTENSION_SMS)

_NEXT_STAGE = {
    "findings": "the response gives the finding on each complaint point",
    "escalate_by": "the response says by when the person can ask for the next stage",
}

# What each template must keep, and why (domain.md sections 4 and 5; issue 11).
REQUIRED: dict[str, dict[str, str]] = {
    "stage_1_response": _NEXT_STAGE,
    "corporate_stage_1_response": _NEXT_STAGE,
    "comment_response": {"answer": "the reply gives the manager's answer"},
    "extension": {
        "extension_reason": "the person must be told why the response will take longer",
        "new_date": "the person must be told the new date",
    },
    "extension_sms": {"new_date": "the person must be told the new date"},
}

# What each placeholder means, and the made-up value a preview of the templates shows for it.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "findings": (
        "The finding on each complaint point, with what was found",
        "1. Family time was cancelled three times with no notice.\nOur finding: upheld. The team did not have "
        "enough staff to cover the visits.",
    ),
    "remedies": (
        "What we will do to put things right",
        "To put things right, we will:\n- apologise in writing\n- make a payment of £50.00",
    ),
    "answer": ("The manager's answer to a comment: staff write it in", "We have changed the visiting times."),
    "extension_reason": (
        "Why the response will take longer",
        "We are waiting for records from another council.",
    ),
    "new_date": ("The new date the response is due", "Monday 1 February 2027"),
    "previous_date": ("The date the response was due before", "Monday 18 January 2027"),
}
