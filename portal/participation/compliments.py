"""The compliments register (staff) and the published compliments (public).

Staff record compliments however they came, beside those sent through the portal; share them with the team managers
and the staff named; prepare an anonymised version from the system's suggestion; a complaints manager approves it;
and only a compliment whose giver agreed and whose anonymised version is approved is published.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.common.clock import uk_today, utc_now
from portal.common.pagination import govuk_pagination, last_page, page_number
from portal.common.roles import roles_required
from portal.data.queries import compliments as queries
from portal.data.queries.teams import active_teams
from portal.domain.closing_the_loop import reporting_year_of
from portal.domain.compliments import ComplimentSource
from portal.domain.types import Channel
from portal.notifications import outbox
from portal.participation import bp
from portal.participation import compliment_services as services
from portal.participation.compliment_services import APPROVER_ROLES, COMPLIMENT_ROLES, COUNTS_ROLES
from portal.participation.forms_compliments import (
    INTERNAL,
    AnonymisedForm,
    ComplimentForm,
    ConsentForm,
    StaffMemberForm,
    consent_choice,
    consent_value,
)

STAFF = "/staff/compliments"
COMPLIMENT = f"{STAFF}/<int:compliment_id>"
PER_PAGE = 50


def _compliment_or_404(compliment_id: int):
    found = queries.compliment(compliment_id)
    if found is None:
        abort(404)
    return found


def _to_compliment(found, message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("participation.compliment", compliment_id=found.id))


def _outcome(found, problems: list[str], done: str):
    """Back to the compliment, saying what stopped the action or that it was done."""
    return _to_compliment(found, problems[0], "information") if problems else _to_compliment(found, done)


@bp.get(STAFF)
@roles_required(*COMPLIMENT_ROLES)
def compliments():
    number = page_number(request.args.get("page"))
    rows, total = queries.register_page(PER_PAGE, (number - 1) * PER_PAGE)
    last = last_page(total, PER_PAGE)
    if number > last:
        abort(404)
    services.record_register_view(current_user, number)
    return render_template(
        "participation/compliments/register.html",
        title="Compliments",
        rows=rows,
        total=total,
        number=number,
        last=last,
        pagination=govuk_pagination(
            number, last, lambda n: url_for("participation.compliments", page=n), "Pages of compliments"
        ),
    )


@bp.route(f"{STAFF}/new", methods=["GET", "POST"])
@roles_required(*COMPLIMENT_ROLES)
def new_compliment():
    form = ComplimentForm()
    form.teams.choices = [(str(team.id), team.name) for team in active_teams()]
    if form.validate_on_submit():
        staff = [(form.staff_name.data, form.staff_job_title.data or None, form.staff_email.data or None)]
        found = services.record(
            current_user,
            services.NewCompliment(
                received_on=form.received_on.data,
                channel=Channel(form.channel.data),
                source=ComplimentSource(form.source.data),
                internal=form.internal.data == INTERNAL,
                team_ids=[int(value) for value in form.teams.data or []],
                giver_name=form.giver_name.data or None,
                text=form.text.data,
                children_named=form.children_named.data or None,
                others_named=form.others_named.data or None,
                may_share=consent_value(form.may_share.data),
                may_publish=consent_value(form.may_publish.data),
                staff=staff if form.staff_name.data else [],
            ),
        )
        return _to_compliment(found, "Compliment recorded")
    return render_template(
        "participation/compliments/new.html",
        title="Record a compliment",
        form=form,
        page_has_errors=bool(form.errors),
    )


def _render_compliment(found, status: int = 200, **forms):
    services.record_view(current_user, found)
    forms.setdefault("staff_form", StaffMemberForm(formdata=None))
    forms.setdefault(
        "consent_form",
        ConsentForm(
            formdata=None,
            data={"may_share": consent_choice(found.may_share), "may_publish": consent_choice(found.may_publish)},
        ),
    )
    return render_template(
        "participation/compliments/compliment.html",
        title=f"Compliment received on {found.received_on.day} {found.received_on:%B %Y}",
        compliment=found,
        recipients=services.share_recipients(found),
        sharing_problems=services.sharing_problems(found),
        names_left=services.remaining_names(found),
        publication_blockers=services.publication_blockers(found),
        may_approve=current_user.role in APPROVER_ROLES,
        page_has_errors=any(form.errors for form in forms.values()),
        **forms,
    ), status


@bp.get(COMPLIMENT)
@roles_required(*COMPLIMENT_ROLES)
def compliment(compliment_id: int):
    return _render_compliment(_compliment_or_404(compliment_id))


@bp.post(f"{COMPLIMENT}/staff")
@roles_required(*COMPLIMENT_ROLES)
def add_staff_member(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    form = StaffMemberForm()
    if not form.validate():
        return _render_compliment(found, 400, staff_form=form)
    services.add_staff_member(current_user, found, form.name.data, form.job_title.data or None, form.email.data or None)
    return _to_compliment(found, f"{form.name.data} added")


@bp.post(f"{COMPLIMENT}/consent")
@roles_required(*COMPLIMENT_ROLES)
def consent(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    form = ConsentForm()
    if not form.validate():
        return _render_compliment(found, 400, consent_form=form)
    services.set_consent(current_user, found, consent_value(form.may_share.data), consent_value(form.may_publish.data))
    return _to_compliment(found, "What they agreed to is saved")


@bp.post(f"{COMPLIMENT}/share")
@roles_required(*COMPLIMENT_ROLES)
def share(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    problems = services.sharing_problems(found)
    if problems:
        return _to_compliment(found, problems[0], "information")
    message_ids = services.share(current_user, found, utc_now())
    outbox.deliver_now(message_ids)
    return _to_compliment(
        found, f"Shared by email with {len(message_ids)} {'person' if len(message_ids) == 1 else 'people'}"
    )


@bp.route(f"{COMPLIMENT}/anonymise", methods=["GET", "POST"])
@roles_required(*COMPLIMENT_ROLES)
def anonymise(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    suggestion = services.suggestion(found)
    form = AnonymisedForm()
    if request.method == "GET":
        form.anonymised_text.data = found.anonymised_text or suggestion.text
    if form.validate_on_submit():
        services.save_anonymised(current_user, found, form.anonymised_text.data)
        return _to_compliment(found, "Anonymised version saved")
    services.record_view(current_user, found)
    return render_template(
        "participation/compliments/anonymise.html",
        title="Prepare the anonymised version",
        compliment=found,
        suggestion=suggestion,
        form=form,
        page_has_errors=bool(form.errors),
    )


@bp.post(f"{COMPLIMENT}/approve")
@roles_required(*APPROVER_ROLES)
def approve(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    return _outcome(found, services.approve(current_user, found, utc_now()), "Anonymised version approved")


@bp.post(f"{COMPLIMENT}/publish")
@roles_required(*APPROVER_ROLES)
def publish(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    return _outcome(found, services.publish(current_user, found, utc_now()), "Published on the compliments page")


@bp.post(f"{COMPLIMENT}/unpublish")
@roles_required(*APPROVER_ROLES)
def unpublish(compliment_id: int):
    found = _compliment_or_404(compliment_id)
    services.unpublish(current_user, found)
    return _to_compliment(found, "Taken off the compliments page")


@bp.get(f"{STAFF}/counts")
@roles_required(*COUNTS_ROLES)
def compliment_counts():
    this_year = reporting_year_of(uk_today())
    value = request.args.get("year", "")
    year = int(value) if value.isdigit() and this_year - 10 <= int(value) <= this_year else this_year
    counts = services.counts_for_year(year)
    return render_template(
        "participation/compliments/counts.html",
        title="Compliments by team, source and month",
        counts=counts,
        by_source=[(source.label, count) for source, count in counts.by_source],
        by_month=[(f"{month:%B %Y}", count) for month, count in counts.by_month],
        year=year,
        years=list(range(this_year, this_year - 11, -1)),
    )


# Public -------------------------------------------------------------------------------------------------------------


@bp.get("/compliments")
def published_compliments():
    return render_template(
        "participation/compliments/published.html",
        title="What people say about our services",
        compliments=queries.published(),
    )
