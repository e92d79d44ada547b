"""Letters for post: the words of a screening decision's letter, and any message laid out as a PDF to print."""

import re
from datetime import date

from flask import Response, render_template

from portal.casework.messaging import common_values
from portal.data.models import Case
from portal.data.queries.settings import council_settings
from portal.domain.types import Procedure
from portal.notifications.message_templates import (
    DEFAULT_NOT_ACCEPTED,
    DEFAULT_SIGNPOSTED,
    Message,
    message_from_template,
)


def letter_pdf(case: Case, message: Message, today: date) -> bytes:
    """A letter for post: the council's address, the person's, the date and the message, as a PDF."""
    paragraphs = [paragraph.strip() for paragraph in message.body.split("\n\n") if paragraph.strip()]
    html = render_template(
        "casework/letters/letter.html",
        council=council_settings(),
        person=case.submitter,
        case=case,
        message=message,
        paragraphs=paragraphs,
        today=today,
    )
    # Imported here, not at the top: WeasyPrint and its fonts take about 30 MB, and most app workers never print.
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


def pdf_download(pdf: bytes, filename: str) -> Response:
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


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
