"""Any message laid out as a letter for post, as a PDF: for staff to print, and for people to download the response
they were sent (portal.tracking)."""

from datetime import date

from flask import Response, render_template

from portal.data.models import Case
from portal.data.queries.settings import council_settings
from portal.notifications.message_templates import Message


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
