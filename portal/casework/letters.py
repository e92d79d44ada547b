"""The words of a screening decision's letter (laid out for post by portal.notifications.letters)."""

import re

from portal.casework.messaging import common_values
from portal.data.models import Case
from portal.domain.types import Procedure
from portal.notifications.message_templates import (
    DEFAULT_NOT_ACCEPTED,
    DEFAULT_SIGNPOSTED,
    Message,
    message_from_template,
)


def decision_message(case: Case) -> Message | None:
    """The letter or email telling the person a complaint is not accepted (with the Ombudsman) or signposted."""
    decision = (case.screening or {}).get("decision") or {}
    if case.procedure is None or not decision:
        return None
    return letter_for(case, case.procedure, decision.get("reason"), decision.get("signposted_to"))


def letter_for(case: Case, procedure: Procedure, reason: str | None, signposted_to: str | None) -> Message | None:
    """The words of the not-accepted or signposting letter, from the council's template, or None for any other
    decision."""
    default = {Procedure.NOT_ACCEPTED: DEFAULT_NOT_ACCEPTED, Procedure.OUTSIDE_PROCEDURES: DEFAULT_SIGNPOSTED}
    if procedure not in default:
        return None
    values = {**common_values(case), "reason": reason or "", "signposted_to": signposted_to or ""}
    message = message_from_template(default[procedure], values)
    return Message(subject=message.subject, body=re.sub(r"\n{3,}", "\n\n", message.body))
