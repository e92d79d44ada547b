"""The safeguarding alert: one email to the council's safeguarding contact for every flagged case, whatever its channel.

The alert holds the case reference and a link to the case, and nothing else: no name, no words from the message, no
contact details, so that an email read on a phone or forwarded by mistake gives nothing away. Staff sign in to see
the case, which checks who they are and audits the view.
"""

import logging

from flask import render_template

from portal.common.links import external_url
from portal.data.models import Case, CouncilSettings, OutboxMessage
from portal.data.queries import outbox as outbox_queries
from portal.notifications import outbox

logger = logging.getLogger(__name__)

ALERT_TEMPLATE = "safeguarding_alert"


def queue_safeguarding_alert(case: Case, council: CouncilSettings) -> OutboxMessage | None:
    """Queues the case's alert in the caller's transaction, once: None when the case is not flagged, was alerted
    before, or the council has no safeguarding contact (logged as an error, since the flag still shows to staff)."""
    if not case.safeguarding_flag or outbox_queries.has_message_for_case(case.id, ALERT_TEMPLATE):
        return None
    recipient = (council.safeguarding_contact_email or "").strip()
    if not recipient:
        logger.error("No safeguarding contact is set: case %s was flagged but nobody was emailed", case.reference)
        return None
    link = external_url("casework.case_detail", reference=case.reference)
    return outbox.queue_email(
        recipient=recipient,
        template=ALERT_TEMPLATE,
        subject=f"Possible safeguarding concern: {case.reference}",
        body=render_template("notifications/emails/safeguarding_alert.txt", case=case, link=link, council=council),
        personalisation={"reference": case.reference, "link": link},
        case_id=case.id,
    )
