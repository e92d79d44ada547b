"""The person's cases, each case's page, their answer about the complaint points, and the letters sent to them."""

from flask import abort, flash, redirect, url_for

from portal.common.clock import uk_today
from portal.data.queries import tracking as queries
from portal.domain.contacts import ContactChannel
from portal.notifications import outbox
from portal.notifications.letters import letter_pdf, pdf_download
from portal.notifications.message_templates import Message
from portal.tracking import bp, services
from portal.tracking.access import child_pages, contact, persons_case, record_view, render, signed_in
from portal.tracking.case_view import case_view
from portal.tracking.forms import PointsForm


@bp.get("/cases")
@signed_in
def your_cases():
    """Every case given with the address the person proved: a repeat complainant sees them all."""
    today = uk_today()
    views = [case_view(case, today) for case in queries.cases_given_with(contact())]
    for view in views:
        record_view(view.case, "your cases")
    child = bool(views) and all(view.child for view in views) or (not views and child_pages())
    return render(
        "tracking/your_cases.html",
        child=child,
        views=views,
        by_email=contact().channel is ContactChannel.EMAIL,
        title="Your cases",
    )


def _case_page(reference: str, form: PointsForm):
    case = persons_case(reference)
    view = case_view(case, uk_today())
    record_view(case, "case")
    return render(
        "tracking/case.html",
        child=view.child,
        view=view,
        form=form,
        title=f"Your {view.noun} {case.reference}",
        page_has_errors=bool(form.errors),
    )


@bp.get("/cases/<reference>")
@signed_in
def case_page(reference: str):
    return _case_page(reference, PointsForm(formdata=None))


@bp.post("/cases/<reference>/points")
@signed_in
def answer_points(reference: str):
    """ "Tell us if we have got this wrong": the person's confirmation or correction goes to staff."""
    case = persons_case(reference)
    view = case_view(case, uk_today())
    if not view.may_check_points:
        abort(404)
    form = PointsForm()
    if not form.validate_on_submit():
        return _case_page(reference, form)
    right = form.answer.data == "right"
    outbox.deliver_now(services.answer_points(case, right, form.correction.data, uk_today()))
    flash(
        "Thank you. We have told the team." if right else "Thank you. We have sent what you told us to the team.",
        "success",
    )
    return redirect(url_for("tracking.case_page", reference=case.reference))


@bp.get("/cases/<reference>/letters/<int:letter_id>")
@signed_in
def letter(reference: str, letter_id: int):
    """A response letter sent to the person, as a PDF to keep. Only letters already sent, and only when the case
    shows its response (see portal.tracking.case_view)."""
    case = persons_case(reference)
    view = case_view(case, uk_today())
    found = next((entry.letter for entry in view.timeline if entry.letter and entry.letter.id == letter_id), None)
    if found is None:
        abort(404)
    record_view(case, f"letter {found.id}")
    pdf = letter_pdf(case, Message(subject=found.subject, body=found.sent_body or found.body), found.sent_on)
    return pdf_download(pdf, f"{case.reference}-response.pdf")
