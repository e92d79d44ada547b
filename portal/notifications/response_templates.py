"""The words councils start with for the responses to a complaint or comment, and for telling someone that a response
will take longer (issue 11). Administrators change them on the message templates screen; what each must keep is in
`REQUIRED`, because the law or the Complaint Handling Code needs the person to be told it.

Placeholders a letter fills in when it is drafted: the usual ones (name, reference, received_date, council_name,
contact_email, contact_phone, ombudsman), findings, outcome, remedies, manager_name and team. Those filled in only
when it is sent, because they depend on the day it goes: escalate_by (the last day to ask for the next stage,
portal.domain.clocks' complainant's window counted from the day the response is sent). A placeholder a draft keeps
that the portal cannot fill, such as {answer} in a comment's reply, is one staff must replace with their own words.
"""

# How each stage's response begins: the outcome, each point's finding and what will be put right.
_FINDINGS = (
    "Dear {name},\n\n"
    "Thank you for your complaint, which we received on {received_date}. I have looked into each point you raised. "
    "{outcome}\n\n"
    "{findings}\n\n"
    "{remedies}\n\n"
)

STAGE_1_RESPONSE = {
    "key": "stage_1_response",
    "name": "Stage 1 response (children's complaints procedure)",
    "subject": "Our response to your complaint {reference}",
    "body": (
        _FINDINGS + "If you are not happy with this response, you can ask for Stage 2 of the children's complaints "
        "procedure. "
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
        _FINDINGS
        + "If you are not happy with this response, you can ask for Stage 2. Someone who did not deal with your "
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

STAGE_2_ADJUDICATION = {
    "key": "stage_2_adjudication",
    "name": "Stage 2 adjudication (children's complaints procedure)",
    "subject": "Our response to the Stage 2 investigation of your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "An investigating officer and an independent person have looked into your complaint at Stage 2 of the "
        "children's complaints procedure. I have read their reports, and this letter gives the council's response. "
        "{outcome}\n\n"
        "{findings}\n\n"
        "{recommendations}\n\n"
        "{remedies}\n\n"
        "If you are not happy with this response, you can ask for a review panel (Stage 3). Three people who are "
        "independent of the council will look at how your complaint was dealt with.\n\n"
        "To ask for a review panel, contact us by {escalate_by} at {contact_email} or on {contact_phone}. Quote "
        "{reference}. Children and young people can have free help from an advocate to do this: ask us and we will "
        "arrange it. You can also ask {ombudsman} to look at your complaint.\n\n"
        "Yours sincerely,\n\n"
        "{adjudicating_officer}\n"
        "Adjudicating Officer\n"
        "{council_name}"
    ),
}

STAGE_3_RESPONSE = {
    "key": "stage_3_response",
    "name": "Response to the review panel (children's complaints procedure)",
    "subject": "Our response to the review panel's findings on your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "The review panel met on {panel_date} to look at your complaint and sent its findings to you and to us. This "
        "letter gives the council's response to what the panel found and recommended. {outcome}\n\n"
        "{findings}\n\n"
        "{recommendations}\n\n"
        "{remedies}\n\n"
        "This is the end of the children's complaints procedure. If you are still not happy, you can ask "
        "{ombudsman} to look at your complaint.\n\n"
        "Yours sincerely,\n\n"
        "{manager_name}\n"
        "{council_name}"
    ),
}

CORPORATE_STAGE_2_ACKNOWLEDGEMENT = {
    "key": "corporate_stage_2_acknowledgement",
    "name": "Stage 2 review accepted (corporate complaints procedure)",
    "subject": "We will review your complaint {reference} at Stage 2",
    "body": (
        "Dear {name},\n\n"
        "Thank you for asking us to look again at your complaint. We have accepted your request for a Stage 2 "
        "review. {reviewer}, who did not deal with your complaint at Stage 1, will review it.\n\n"
        "We will send you our response by {response_date}. If we need more time, we will tell you why and by "
        "when.\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}, quoting {reference}.\n\n"
        "Yours sincerely,\n\n"
        "Complaints Team\n"
        "{council_name}"
    ),
}

CORPORATE_STAGE_2_REFUSAL = {
    "key": "corporate_stage_2_refusal",
    "name": "Stage 2 review refused (corporate complaints procedure)",
    "subject": "Your request for a Stage 2 review of your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "Thank you for asking us to look again at your complaint. We have considered your request carefully, and "
        "we will not carry out a Stage 2 review. This is why:\n\n"
        "{reason}\n\n"
        "This is the end of our complaints procedure. If you are not happy with this decision, you can ask "
        "{ombudsman} to look at your complaint.\n\n"
        "If you have any questions, contact us at {contact_email} or on {contact_phone}, quoting {reference}.\n\n"
        "Yours sincerely,\n\n"
        "Complaints Team\n"
        "{council_name}"
    ),
}

CORPORATE_STAGE_2_RESPONSE = {
    "key": "corporate_stage_2_response",
    "name": "Stage 2 review response (corporate complaints procedure)",
    "subject": "Our Stage 2 response to your complaint {reference}",
    "body": (
        "Dear {name},\n\n"
        "You asked us to look again at your complaint at Stage 2. I did not deal with it at Stage 1, and I have "
        "reviewed it. {outcome}\n\n"
        "{findings}\n\n"
        "{remedies}\n\n"
        "This is the end of our complaints procedure. If you are still not happy, you can ask {ombudsman} to look "
        "at your complaint.\n\n"
        "Yours sincerely,\n\n"
        "{reviewer}\n"
        "{council_name}"
    ),
}

RESPONSE_TEMPLATES = (
    STAGE_1_RESPONSE,
    CORPORATE_STAGE_1_RESPONSE,
    COMMENT_RESPONSE,
    EXTENSION,
    EXTENSION_SMS,
    STAGE_2_ADJUDICATION,
    STAGE_3_RESPONSE,
    CORPORATE_STAGE_2_ACKNOWLEDGEMENT,
    CORPORATE_STAGE_2_REFUSAL,
    CORPORATE_STAGE_2_RESPONSE,
)

_NEXT_STAGE = {
    "findings": "the response gives the finding on each complaint point",
    "escalate_by": "the response says by when the person can ask for the next stage",
}

_LAST_STAGE = {
    "findings": "the response gives the finding on each complaint point",
    "ombudsman": "the last response tells the person how to ask the Ombudsman to look at their complaint",
}

# What each template must keep, and why (domain.md sections 4 and 5; issue 11).
REQUIRED: dict[str, dict[str, str]] = {
    "stage_1_response": _NEXT_STAGE,
    "corporate_stage_1_response": _NEXT_STAGE,
    "stage_2_adjudication": _NEXT_STAGE,
    "stage_3_response": _LAST_STAGE,
    "corporate_stage_2_response": _LAST_STAGE,
    "corporate_stage_2_acknowledgement": {
        "response_date": "the Complaint Handling Code asks that the person is told when to expect the response"
    },
    "corporate_stage_2_refusal": {
        "reason": "a refusal says why (seed 003)",
        "ombudsman": "a refusal points to the Ombudsman (seed 003)",
    },
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
    "recommendations": (
        "The recommendations and what the council will do about each",
        "The investigation recommended:\n- Managers check that visits are covered when staff are away. We accept "
        "this: the team manager will set up a cover rota by 1 March 2027.",
    ),
    "adjudicating_officer": ("The Adjudicating Officer's name", "Jordan Ashdown"),
    "reviewer": ("The name of the person who reviews the complaint at Stage 2", "Robin Feltham"),
    "panel_date": ("The day the review panel met", "Monday 12 April 2027"),
    "new_date": ("The new date the response is due", "Monday 1 February 2027"),
    "previous_date": ("The date the response was due before", "Monday 18 January 2027"),
}
