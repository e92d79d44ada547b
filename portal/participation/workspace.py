"""The Participation workspace: children's cases, their informal feedback, the advocacy board, the contact log for each
child and the weekly list for the meeting with the Complaints Team (issue 14; seed 004, section 5).

Every page lists only cases the member of staff may see (`case_access.visible_to`) that involve a child, and every
view and change is recorded in the audit trail.
"""

from collections import Counter

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.case_moves.closing import close_case, closing_event
from portal.common.clock import uk_today
from portal.common.roles import roles_required
from portal.common.staff_menu import may_open
from portal.data.queries import participation as queries
from portal.data.queries.settings import council_settings
from portal.domain.closing_the_loop import ContactMethod, reporting_year_of
from portal.domain.types import CaseState, Closure, Procedure, ThemeScope
from portal.domain.workflow import InvalidTransition
from portal.participation import bp, services
from portal.participation.forms import EXPLAINED, ContactForm, NewReferralForm, ReferralForm
from portal.participation.services import PARTICIPATION_ROLES

STAFF = "/staff/participation"
CASE = f"{STAFF}/cases/<reference>"

SECTIONS = (
    ("participation.childrens_cases", "Children's cases"),
    ("participation.informal_feedback", "Informal feedback"),
    ("participation.advocacy_board", "Advocacy"),
    ("participation.follow_up_list", "Follow-ups"),
    ("participation.weekly_list", "Weekly list"),
    ("participation.survey_results", "Survey results"),
)
SHOW = {"open": True, "closed": False, "all": None}


def sections() -> list[dict]:
    """The workspace's sub-navigation, for the pages this member of staff may open."""
    return [
        {"href": url_for(endpoint), "text": text, "current": request.endpoint == endpoint}
        for endpoint, text in SECTIONS
        if may_open(current_user, endpoint)
    ]


def render_workspace(template: str, **context):
    return render_template(template, sections=sections(), **context)


def childrens_case_or_404(reference: str):
    case = queries.childrens_case(reference, current_user)
    if case is None:
        abort(404)
    return case


# Lists ------------------------------------------------------------------------------------------------------------


@bp.get(STAFF)
@roles_required(*PARTICIPATION_ROLES)
def childrens_cases():
    show = request.args.get("show", "open")
    if show not in SHOW:
        show = "open"
    rows = services.childrens_case_rows(current_user, SHOW[show])
    services.record_list_view(current_user, "childrens_cases", show=show)
    return render_workspace(
        "participation/childrens_cases.html", title="Children's cases", rows=rows, show=show, filters=SHOW
    )


@bp.get(f"{STAFF}/informal-feedback")
@roles_required(*PARTICIPATION_ROLES)
def informal_feedback():
    year = _year_from(request.args.get("year"))
    rows = services.informal_feedback_rows(current_user, year)
    themes = Counter(
        theme.name for row in rows for theme in row.case.themes if theme.scope is ThemeScope.CHILDREN
    ).most_common()
    services.record_list_view(current_user, "informal_feedback", year=year)
    return render_workspace(
        "participation/informal_feedback.html",
        title="Informal feedback from children",
        rows=rows,
        themes=themes,
        year=year,
        this_year=reporting_year_of(uk_today()),
        awaiting=CaseState.AWAITING_RESPONSE,
    )


def _year_from(value: str | None) -> int:
    this_year = reporting_year_of(uk_today())
    if value and value.isdigit() and 2000 <= int(value) <= this_year:
        return int(value)
    return this_year


@bp.post(f"{CASE}/informal-feedback/answered")
@roles_required(*PARTICIPATION_ROLES)
def informal_feedback_answered(reference: str):
    """The manager has answered the child's informal feedback: it closes, and its follow-up is added."""
    case = childrens_case_or_404(reference)
    if case.procedure is not Procedure.COMMENT:
        abort(404)
    try:
        close_case(case, current_user, Closure.RESOLVED, uk_today(), event=closing_event(case, Closure.RESOLVED))
    except InvalidTransition:
        flash(f"{case.reference} is already closed", "information")
    else:
        flash(f"{case.reference} is closed. Its follow-up is ready to send.", "success")
    return redirect(url_for("participation.informal_feedback"))


@bp.get(f"{STAFF}/advocacy")
@roles_required(*PARTICIPATION_ROLES)
def advocacy_board():
    columns = services.advocacy_board(current_user)
    services.record_list_view(current_user, "advocacy_board")
    return render_workspace("participation/advocacy_board.html", title="Advocacy referrals", columns=columns)


@bp.get(f"{STAFF}/weekly-list")
@roles_required(*PARTICIPATION_ROLES)
def weekly_list():
    today = uk_today()
    rows = services.weekly_list(current_user, today)
    services.record_list_view(current_user, "weekly_list")
    return render_workspace(
        "participation/weekly_list.html",
        title="Weekly list",
        rows=rows,
        today=today,
        days=services.WEEKLY_LIST_DAYS,
    )


@bp.get(f"{STAFF}/weekly-list.csv")
@roles_required(*PARTICIPATION_ROLES)
def weekly_list_csv():
    today = uk_today()
    rows = services.weekly_list(current_user, today)
    services.record_list_view(current_user, "weekly_list", exported="csv", cases=len(rows))
    return Response(
        services.weekly_csv(rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="weekly-list-{today.isoformat()}.csv"',
            "Cache-Control": "no-store",
        },
    )


# One child's case -----------------------------------------------------------------------------------------------


@bp.route(f"{CASE}/contacts", methods=["GET", "POST"])
@roles_required(*PARTICIPATION_ROLES)
def contact_log(reference: str):
    case = childrens_case_or_404(reference)
    form = ContactForm()
    if form.validate_on_submit():
        explained = form.explained.data or []
        services.add_contact(
            case,
            current_user,
            form.contacted_on.data,
            ContactMethod(form.method.data),
            rights_explained="rights" in explained,
            process_explained="process" in explained,
            notes=form.notes.data or None,
        )
        flash("Contact added", "success")
        return redirect(url_for("participation.contact_log", reference=case.reference))
    services.record_case_view(current_user, case, "contact log")
    return render_workspace(
        "participation/contact_log.html",
        title=f"Contact log for {case.reference}",
        case=case,
        child=services.child_name(case),
        entries=queries.contact_log(case.id),
        form=form,
        explained=dict(EXPLAINED),
        page_has_errors=bool(form.errors),
    )


@bp.route(f"{CASE}/advocacy/new", methods=["GET", "POST"])
@roles_required(*PARTICIPATION_ROLES)
def new_referral(reference: str):
    case = childrens_case_or_404(reference)
    form = NewReferralForm()
    if request.method == "GET":
        form.provider.data = council_settings().advocacy_provider_name
        form.requested_on.data = uk_today()
    if form.validate_on_submit():
        services.add_referral(case, current_user, form.provider.data, form.requested_on.data)
        flash("Advocacy referral added", "success")
        return redirect(url_for("participation.advocacy_board"))
    services.record_case_view(current_user, case, "new advocacy referral")
    return render_workspace(
        "participation/referral_new.html",
        title=f"Add an advocacy referral for {case.reference}",
        case=case,
        child=services.child_name(case),
        form=form,
        page_has_errors=bool(form.errors),
    )


@bp.route(f"{CASE}/advocacy/<int:referral_id>", methods=["GET", "POST"])
@roles_required(*PARTICIPATION_ROLES)
def referral(reference: str, referral_id: int):
    case = childrens_case_or_404(reference)
    found = queries.referral_of(case, referral_id)
    if found is None:
        abort(404)
    if request.method == "GET":
        form = ReferralForm(obj=found)
        form.status.data = found.status.value
    else:
        form = ReferralForm()
    if form.validate_on_submit():
        services.update_referral(case, current_user, found, form.values())
        flash("Advocacy referral updated", "success")
        return redirect(url_for("participation.advocacy_board"))
    services.record_case_view(current_user, case, "advocacy referral")
    return render_workspace(
        "participation/referral.html",
        title=f"Advocacy referral for {case.reference}",
        case=case,
        referral=found,
        child=services.child_name(case),
        form=form,
        page_has_errors=bool(form.errors),
    )
