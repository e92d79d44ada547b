"""What the person can do next (issue 12, item 3), one page each: add information or files, ask for an advocate, ask
for the next stage, answer an offer of mediation, withdraw. Each page shows its last date; each request goes to
portal.tracking.services, which records it for staff, tells them, and moves the case only through the case-moving
service. A page for something the case does not offer now goes back to the case page, saying so."""

from collections.abc import Callable

from flask import current_app, flash, redirect, request, url_for

from portal.common.clock import uk_today
from portal.common.drafts import file_storage
from portal.data.models import Case
from portal.domain.tracking import WINDOWS, Action
from portal.domain.types import Procedure
from portal.notifications import outbox
from portal.tracking import bp, services
from portal.tracking.access import persons_case, record_view, render, signed_in
from portal.tracking.case_view import CaseView, case_view
from portal.tracking.forms import AdvocateForm, InformationForm, MediationForm, RequestForm, WithdrawForm
from portal.uploads import UploadPolicy, accept_uploads, attachment_for, discard_stored

NOT_NOW = "You cannot do that now. The page shows what you can do."


def _action_page(
    reference: str,
    action: Action,
    form,
    template: str,
    title: Callable[[CaseView], str],
    send: Callable[[Case, object], tuple[list[int], str] | None],
):
    """The page for one action: shown while the case offers it, its form checked and sent on a POST."""
    case = persons_case(reference)
    view = case_view(case, uk_today())
    offer = view.offer(action)
    if offer is None:
        flash(NOT_NOW, "information")
        return redirect(url_for("tracking.case_page", reference=case.reference))
    errors: list[dict] = []
    if request.method == "POST" and not offer.late and form.validate_on_submit():
        try:
            sent = send(case, form)
        except services.RequestRefused as refused:
            errors.append({"text": str(refused), "href": "#main-content"})
        else:
            if sent is not None:
                message_ids, done = sent
                outbox.deliver_now(message_ids)
                flash(done, "success")
                return redirect(url_for("tracking.case_page", reference=case.reference))
    record_view(case, action.value)
    return render(
        template,
        child=view.child,
        view=view,
        offer=offer,
        form=form,
        title=title(view),
        extra_errors=errors,
        page_has_errors=bool(form.errors) or bool(errors),
    )


def _child_or_adult(adult: str, child: str) -> Callable[[CaseView], str]:
    return lambda view: child if view.child else adult


# Add information or files --------------------------------------------------------------------------------------------


def _add_information(case: Case, form: InformationForm):
    storage = file_storage()
    outcome = accept_uploads(
        request.files.getlist("documents"),
        storage,
        UploadPolicy.from_config(current_app.config),
        already_added=[attachment.sha256 for attachment in case.attachments],
    )
    if outcome.errors:
        discard_stored(outcome.stored, storage)
        form.documents.errors = list(outcome.errors)
        return None
    if not form.information.data and not outcome.stored:
        form.information.errors.append("Enter what you would like to tell us, or choose a file to send")
        return None
    try:
        message_ids = services.add_information(
            case, form.information.data, [attachment_for(stored) for stored in outcome.stored], uk_today()
        )
    except Exception:
        discard_stored(outcome.stored, storage)
        raise
    return message_ids, "Thank you. We have sent what you added to the team."


@bp.route("/cases/<reference>/add-information", methods=["GET", "POST"])
@signed_in
def add_information(reference: str):
    return _action_page(
        reference,
        Action.ADD_INFORMATION,
        InformationForm(),
        "tracking/add_information.html",
        _child_or_adult("Add information or files", "Tell us more"),
        _add_information,
    )


# Ask for an advocate --------------------------------------------------------------------------------------------------


@bp.route("/cases/<reference>/advocate", methods=["GET", "POST"])
@signed_in
def ask_for_advocate(reference: str):
    def send(case: Case, form: AdvocateForm):
        message_ids = services.ask_for_advocate(case, form.details.data, uk_today())
        return message_ids, "Thank you. We will arrange an advocate and contact you."

    return _action_page(
        reference,
        Action.ASK_FOR_ADVOCATE,
        AdvocateForm(),
        "tracking/advocate.html",
        _child_or_adult("Ask for an advocate", "Get someone to help you"),
        send,
    )


# Ask for the next stage -----------------------------------------------------------------------------------------------


def _next_stage_title(view: CaseView) -> str:
    window = WINDOWS.get(view.case.state)
    if window is not None and window[1] is Action.ASK_FOR_STAGE_3:
        return "Ask for the last step" if view.child else "Ask for a review panel (Stage 3)"
    if view.child:
        return "Ask for the next step"
    return "Ask us to review your complaint" if view.case.procedure is Procedure.CORPORATE else "Ask for Stage 2"


@bp.route("/cases/<reference>/next-stage", methods=["GET", "POST"])
@signed_in
def ask_for_next_stage(reference: str):
    case = persons_case(reference)
    window = WINDOWS.get(case.state)
    action = window[1] if window is not None else Action.ASK_FOR_STAGE_2

    def send(case: Case, form: RequestForm):
        message_ids = services.ask_for_next_stage(case, action, form.reason.data, uk_today())
        return message_ids, "Thank you. We have your request and will write to you about what happens next."

    return _action_page(reference, action, RequestForm(), "tracking/next_stage.html", _next_stage_title, send)


# Mediation ------------------------------------------------------------------------------------------------------------


@bp.route("/cases/<reference>/mediation", methods=["GET", "POST"])
@signed_in
def answer_mediation(reference: str):
    def send(case: Case, form: MediationForm):
        accept = form.answer.data == "yes"
        message_ids = services.answer_mediation(case, accept, uk_today())
        done = (
            "Thank you. We will contact you to arrange mediation."
            if accept
            else "Thank you. Your Stage 2 request goes ahead."
        )
        return message_ids, done

    return _action_page(
        reference,
        Action.ANSWER_MEDIATION,
        MediationForm(),
        "tracking/mediation.html",
        _child_or_adult("Mediation", "Meet and talk"),
        send,
    )


# Withdraw -------------------------------------------------------------------------------------------------------------


@bp.route("/cases/<reference>/withdraw", methods=["GET", "POST"])
@signed_in
def withdraw(reference: str):
    def send(case: Case, form: WithdrawForm):
        if form.confirm.data != "yes":
            return [], "Your complaint is still going ahead."
        message_ids = services.withdraw(case, form.reason.data, uk_today())
        return message_ids, "You have withdrawn your complaint. We have told the team."

    return _action_page(
        reference,
        Action.WITHDRAW,
        WithdrawForm(),
        "tracking/withdraw.html",
        _child_or_adult("Withdraw your complaint", "Stop your complaint"),
        send,
    )
