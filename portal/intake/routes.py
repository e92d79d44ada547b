"""The adult journeys' pages. Plain POST, redirect, GET: every page works without JavaScript."""

from datetime import date

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from portal.common.clock import uk_today
from portal.common.fields import choices_of, email_field
from portal.common.journey import CHECK_ANSWERS
from portal.data.queries import cases as case_queries
from portal.data.queries.teams import active_teams
from portal.extensions import limiter
from portal.intake import bp, services
from portal.intake.answers import as_formdata, stored_answers
from portal.intake.check_answers import summary_rows
from portal.intake.documents import handle_documents_post
from portal.intake.forms import NOT_KNOWN, DeclarationForm
from portal.intake.journeys import JOURNEYS, AdultJourney

JOURNEY = "<any(complaint, comment, compliment):journey_name>"
TEAM_CHOICE_PAGES = {"team": "I do not know", "who-for": "I'm not sure"}
LAST_SENT_KEY = "last_sent_case"


def _journey(journey_name: str) -> AdultJourney:
    return JOURNEYS[journey_name]


def _page_url(journey: AdultJourney, slug: str, **kwargs) -> str:
    if slug == CHECK_ANSWERS:
        return url_for("intake.check_answers", journey_name=journey.name)
    return url_for("intake.question", journey_name=journey.name, slug=slug, **kwargs)


def _build_form(journey: AdultJourney, slug: str, answers: dict, from_request: bool, rechecking: bool = False):
    question = journey.questions[slug]
    if from_request:
        form = question.form(draft_answers=answers)
    elif rechecking:
        # Stored answers checked again before sending: nothing was posted, so there is no CSRF token to check.
        form = question.form(formdata=as_formdata(question.form, answers), draft_answers=answers, meta={"csrf": False})
    else:
        form = question.form(formdata=as_formdata(question.form, answers), draft_answers=answers)
    if slug in TEAM_CHOICE_PAGES:
        form.team.choices = choices_of(
            [(str(team.id), team.name) for team in active_teams()] + [(NOT_KNOWN, TEAM_CHOICE_PAGES[slug])]
        )
    return form


@bp.get(f"/{JOURNEY}")
def start(journey_name: str):
    journey = _journey(journey_name)
    return redirect(_page_url(journey, journey.journey.first_page().slug))


@bp.route(f"/{JOURNEY}/<slug>", methods=["GET", "POST"])
def question(journey_name: str, slug: str):
    journey = _journey(journey_name)
    if slug not in journey.questions:
        abort(404)
    draft = services.current_draft(journey.name)
    answers = draft.answers if draft else {}
    if not journey.journey.may_visit(slug, answers):
        unanswered = journey.journey.first_unanswered(answers)
        return redirect(_page_url(journey, unanswered.slug if unanswered else journey.journey.first_page().slug))

    form = _build_form(journey, slug, answers, from_request=request.method == "POST")
    changing = request.args.get("change") == "1"
    upload_errors: list[str] = []
    if request.method == "POST":
        draft = draft or services.start_draft(journey.name)
        if slug == "documents":
            upload_errors = handle_documents_post(draft)
            if upload_errors or "upload" in request.form:
                if not upload_errors:
                    return redirect(_page_url(journey, slug, **({"change": "1"} if changing else {})))
        if "save_and_return" in request.form:
            services.save_page(draft, stored_answers(form))
            return redirect(url_for("intake.save_and_return", journey_name=journey.name))
        if not upload_errors and form.validate():
            services.save_page(draft, stored_answers(form))
            if slug == "who-are-you" and form.role.data == "child":
                return redirect("/young-people")
            answers = draft.answers
            next_slug = journey.journey.after_change(answers) if changing else journey.journey.next_slug(slug, answers)
            return redirect(_page_url(journey, next_slug))

    back = journey.journey.previous_slug(slug, answers)
    return render_template(
        journey.questions[slug].template,
        journey=journey,
        slug=slug,
        form=form,
        title=journey.questions[slug].title,
        back_url=_page_url(journey, CHECK_ANSWERS) if changing else (_page_url(journey, back) if back else "/"),
        page_has_errors=bool(form.errors or upload_errors),
        upload_errors=upload_errors,
        extra_errors=[{"text": message, "href": "#documents"} for message in upload_errors],
        draft=draft,
    )


@bp.route(f"/{JOURNEY}/check-answers", methods=["GET", "POST"])
def check_answers(journey_name: str):
    journey = _journey(journey_name)
    draft = services.current_draft(journey.name)
    if draft is None:
        return redirect(_page_url(journey, journey.journey.first_page().slug))
    invalid_slug = _first_invalid_page(journey, draft.answers)
    if invalid_slug:
        return redirect(_page_url(journey, invalid_slug))
    form = DeclarationForm() if journey.name == "complaint" else FlaskForm()
    if request.method == "POST" and form.validate():
        case = services.submit(draft, journey, uk_today())
        case = case or draft.submitted_case
        services.forget_draft(journey.name)
        session[LAST_SENT_KEY] = case.id if case else None
        return redirect(url_for("intake.sent", journey_name=journey.name))
    return render_template(
        "intake/check_answers.html",
        journey=journey,
        form=form,
        rows=summary_rows(journey, draft.answers, {str(team.id): team.name for team in active_teams()}),
        attachments=draft.attachments,
        title=f"Check your answers before sending your {journey.noun}",
        page_has_errors=bool(form.errors),
        back_url=_page_url(journey, journey.journey.previous_slug(CHECK_ANSWERS, draft.answers) or "/"),
    )


def _first_invalid_page(journey: AdultJourney, answers: dict) -> str | None:
    """Checks every page that applies again, so answers saved part-way ("save and come back later") are complete."""
    for page in journey.journey.pages_that_apply(answers):
        if page.slug == "documents":
            continue
        form = _build_form(journey, page.slug, answers, from_request=False, rechecking=True)
        if not page.is_answered(answers) or not form.validate():
            return page.slug
    return None


@bp.get(f"/{JOURNEY}/sent")
def sent(journey_name: str):
    journey = _journey(journey_name)
    case_id = session.get(LAST_SENT_KEY)
    case = case_queries.case_by_id(case_id) if case_id else None
    if case is None or case.kind != journey.kind:
        return redirect(url_for("pages.start"))
    return render_template(
        "intake/sent.html",
        journey=journey,
        case=case,
        title=f"{journey.noun.capitalize()} sent",
    )


class SaveAndReturnForm(FlaskForm):
    email = email_field(required=True)


@bp.route(f"/{JOURNEY}/save-and-return", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def save_and_return(journey_name: str):
    journey = _journey(journey_name)
    draft = services.current_draft(journey.name)
    if draft is None:
        return redirect(_page_url(journey, journey.journey.first_page().slug))
    form = SaveAndReturnForm(data={"email": draft.resume_email or draft.answers.get("email")})
    if request.method == "POST":
        form = SaveAndReturnForm()
        if form.validate():
            expires_on = services.send_resume_link(draft, form.email.data, journey)
            session["resume_sent"] = {"email": form.email.data, "expires_on": expires_on.isoformat()}
            return redirect(url_for("intake.saved", journey_name=journey.name))
    return render_template(
        "intake/save_and_return.html",
        journey=journey,
        form=form,
        title="Save and come back later",
        page_has_errors=bool(form.errors),
        back_url=_page_url(journey, journey.journey.first_page().slug),
        lifetime_days=current_app.config["DRAFT_EXPIRY_DAYS"],
    )


@bp.get(f"/{JOURNEY}/saved")
def saved(journey_name: str):
    journey = _journey(journey_name)
    sent_to = session.get("resume_sent")
    if not sent_to:
        return redirect(_page_url(journey, journey.journey.first_page().slug))
    return render_template(
        "intake/saved.html",
        journey=journey,
        email=sent_to["email"],
        expires_on=date.fromisoformat(sent_to["expires_on"]),
        title="Your answers have been saved",
    )


@bp.get("/resume/<token>")
@limiter.limit("30 per hour")
def resume(token: str):
    draft = services.resume_from_link(token)
    if draft is None:
        return render_template("intake/resume_expired.html", title="This link has expired"), 410
    journey = _journey(draft.journey)
    unanswered = journey.journey.first_unanswered(draft.answers)
    return redirect(_page_url(journey, unanswered.slug if unanswered else CHECK_ANSWERS))


@bp.post(f"/{JOURNEY}/documents/<int:attachment_id>/remove")
def remove_document(journey_name: str, attachment_id: int):
    journey = _journey(journey_name)
    draft = services.current_draft(journey.name)
    if draft is not None:
        services.remove_attachment(draft, attachment_id)
    return redirect(_page_url(journey, "documents"))
