"""Closing the loop, the staff side: the follow-ups waiting, sending the one-time survey link by text or email,
recording answers given on a call, marking advocate-run checks, and the results by question and quarter."""

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from portal.common.clock import uk_today, utc_now
from portal.common.roles import roles_required
from portal.data.queries import participation as queries
from portal.domain.closing_the_loop import (
    OPEN_FOLLOW_UP_STATUSES,
    QUESTIONS,
    Answer,
    AnswerMethod,
    Audience,
    Feeling,
    FollowUpStatus,
    reporting_year_of,
)
from portal.domain.types import MessageChannel
from portal.notifications import outbox
from portal.participation import bp, services
from portal.participation.forms import (
    EMAIL,
    FEELING_FACES,
    SMS,
    AdvocateCheckForm,
    NotAnsweredForm,
    SendSurveyForm,
    survey_form,
)
from portal.participation.services import PARTICIPATION_ROLES, RESULTS_ROLES
from portal.participation.workspace import CASE, STAFF, childrens_case_or_404, render_workspace

FOLLOW_UP = f"{CASE}/follow-ups/<int:follow_up_id>"
FINISHED_SHOWN = 50


@bp.get(f"{STAFF}/follow-ups")
@roles_required(*PARTICIPATION_ROLES)
def follow_up_list():
    to_do = queries.childrens_follow_ups(current_user, [FollowUpStatus.TO_DO])
    waiting = queries.childrens_follow_ups(current_user, [FollowUpStatus.SENT])
    finished = queries.childrens_follow_ups(
        current_user, [FollowUpStatus.ANSWERED, FollowUpStatus.ADVOCATE_CHECK, FollowUpStatus.NOT_ANSWERED]
    )
    services.record_list_view(current_user, "follow_ups")
    return render_workspace(
        "participation/follow_up_list.html",
        title="Follow-ups",
        to_do=to_do,
        waiting=waiting,
        finished=finished[-FINISHED_SHOWN:][::-1],
        child_name=services.child_name,
    )


def _follow_up_or_404(reference: str, follow_up_id: int):
    case = childrens_case_or_404(reference)
    follow_up = queries.follow_up_of(case, follow_up_id, Audience.CHILD)
    if follow_up is None:
        abort(404)
    return case, follow_up


def _render_follow_up(case, follow_up, send_form=None, advocate_form=None, not_answered_form=None):
    services.record_case_view(current_user, case, "follow-up")
    person = case.submitter
    if send_form is None:
        send_form = SendSurveyForm(
            formdata=None,
            data={
                "channel": SMS if person and person.phone else EMAIL if person and person.email else None,
                "phone": person.phone if person else None,
                "email": person.email if person else None,
                "remind": ["yes"],
            },
        )
    if advocate_form is None:
        latest = max(case.advocacy_referrals, key=lambda referral: referral.requested_on, default=None)
        advocate_form = AdvocateCheckForm(formdata=None, data={"provider": latest.provider if latest else None})
    forms = (send_form, advocate_form, not_answered_form or NotAnsweredForm(formdata=None))
    return render_workspace(
        "participation/follow_up.html",
        title=f"Follow-up for {case.reference}",
        case=case,
        child=services.child_name(case),
        follow_up=follow_up,
        is_open=follow_up.status in OPEN_FOLLOW_UP_STATUSES,
        send_form=send_form,
        advocate_form=advocate_form,
        not_answered_form=forms[2],
        questions=QUESTIONS[Audience.CHILD],
        answers=Answer,
        feelings=Feeling,
        faces=FEELING_FACES,
        reminder_days=current_app.config["SURVEY_REMINDER_DAYS"],
        now=utc_now(),
        page_has_errors=any(form.errors for form in forms),
    ), (200 if not any(form.errors for form in forms) else 400)


@bp.get(FOLLOW_UP)
@roles_required(*PARTICIPATION_ROLES)
def follow_up(reference: str, follow_up_id: int):
    case, found = _follow_up_or_404(reference, follow_up_id)
    return _render_follow_up(case, found)


def _closed_already(case, follow_up):
    flash("This follow-up is finished already", "information")
    return redirect(url_for("participation.follow_up", reference=case.reference, follow_up_id=follow_up.id))


@bp.post(f"{FOLLOW_UP}/send")
@roles_required(*PARTICIPATION_ROLES)
def send_survey(reference: str, follow_up_id: int):
    case, found = _follow_up_or_404(reference, follow_up_id)
    if found.status not in OPEN_FOLLOW_UP_STATUSES:
        return _closed_already(case, found)
    form = SendSurveyForm()
    if not form.validate():
        return _render_follow_up(case, found, send_form=form)
    channel = MessageChannel(form.channel.data)
    message_id = services.send_survey(
        found, current_user, channel, form.recipient, "yes" in (form.remind.data or []), uk_today(), utc_now()
    )
    report = outbox.deliver_now([message_id])
    services.forget_sent_links()
    if report.sent:
        flash(f"Survey sent by {channel.label.lower()}", "success")
    else:
        flash(f"The survey is waiting to go by {channel.label.lower()}: the portal keeps trying", "information")
    return redirect(url_for("participation.follow_up", reference=case.reference, follow_up_id=found.id))


@bp.route(f"{FOLLOW_UP}/answers", methods=["GET", "POST"])
@roles_required(*PARTICIPATION_ROLES)
def record_answers(reference: str, follow_up_id: int):
    case, found = _follow_up_or_404(reference, follow_up_id)
    if found.status not in OPEN_FOLLOW_UP_STATUSES:
        return _closed_already(case, found)
    form = survey_form(Audience.CHILD, child_words=False, with_method=True)
    if form.validate_on_submit():
        saved = services.record_answers(
            found, current_user, form.answers(), AnswerMethod(form.method.data), uk_today(), utc_now()
        )
        flash(
            "Answers saved" if saved else "The answers came in another way first, so these were not saved",
            "success" if saved else "information",
        )
        return redirect(url_for("participation.follow_up", reference=case.reference, follow_up_id=found.id))
    services.record_case_view(current_user, case, "follow-up answers")
    return render_workspace(
        "participation/record_answers.html",
        title=f"Record answers for {case.reference}",
        case=case,
        child=services.child_name(case),
        follow_up=found,
        form=form,
        faces=FEELING_FACES,
        page_has_errors=bool(form.errors),
    )


@bp.post(f"{FOLLOW_UP}/advocate")
@roles_required(*PARTICIPATION_ROLES)
def advocate_check(reference: str, follow_up_id: int):
    case, found = _follow_up_or_404(reference, follow_up_id)
    if found.status not in OPEN_FOLLOW_UP_STATUSES:
        return _closed_already(case, found)
    form = AdvocateCheckForm()
    if not form.validate():
        return _render_follow_up(case, found, advocate_form=form)
    services.mark_advocate_check(found, current_user, form.provider.data, uk_today())
    flash("Marked: the advocate checks whether the child is satisfied", "success")
    return redirect(url_for("participation.follow_up", reference=case.reference, follow_up_id=found.id))


@bp.post(f"{FOLLOW_UP}/not-answered")
@roles_required(*PARTICIPATION_ROLES)
def not_answered(reference: str, follow_up_id: int):
    case, found = _follow_up_or_404(reference, follow_up_id)
    if found.status not in OPEN_FOLLOW_UP_STATUSES:
        return _closed_already(case, found)
    form = NotAnsweredForm()
    if not form.validate():
        return _render_follow_up(case, found, not_answered_form=form)
    services.mark_not_answered(found, current_user, form.note.data, uk_today())
    flash("Marked as not answered", "success")
    return redirect(url_for("participation.follow_up", reference=case.reference, follow_up_id=found.id))


# Results ----------------------------------------------------------------------------------------------------------


@bp.get(f"{STAFF}/survey-results")
@roles_required(*RESULTS_ROLES)
def survey_results():
    this_year = reporting_year_of(uk_today())
    first = queries.first_counted_day(Audience.CHILD)
    first_year = min(reporting_year_of(first), this_year) if first else this_year
    value = request.args.get("year", "")
    year = int(value) if value.isdigit() and first_year <= int(value) <= this_year else this_year
    child_quarters, child_year = services.survey_results(Audience.CHILD, year)
    adult_quarters, adult_year = services.survey_results(Audience.ADULT, year)
    services.record_list_view(current_user, "survey_results", year=year)
    return render_workspace(
        "participation/survey_results.html",
        title="Closing the loop: survey results",
        year=year,
        years=list(range(this_year, first_year - 1, -1)),
        child=(child_quarters, child_year),
        adult=(adult_quarters, adult_year),
        adult_on=current_app.config["ADULT_SURVEY"],
        questions=QUESTIONS,
        audiences=Audience,
        answers=Answer,
        feelings=Feeling,
    )
