"""The adult journeys' pages. Plain POST, redirect, GET: every page works without JavaScript."""

from datetime import date

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from portal.common import drafts
from portal.common.clock import uk_today
from portal.common.drafts import handle_documents_post
from portal.common.fields import choices_of, email_field
from portal.common.journey import CHECK_ANSWERS
from portal.common.page_cache import same_for_every_new_visitor
from portal.common.page_forms import as_formdata, stored_answers
from portal.data.queries import cases as case_queries
from portal.data.queries.teams import active_team_choices
from portal.extensions import limiter
from portal.intake import bp, services
from portal.intake.check_answers import summary_rows
from portal.intake.forms import NOT_KNOWN, DeclarationForm
from portal.intake.journeys import JOURNEYS, AdultJourney

JOURNEY = "<any(complaint, comment, compliment):journey_name>"
TEAM_CHOICE_PAGES = {"team": "I do not know", "who-for": "I'm not sure"}
LAST_SENT_KEY = drafts.LAST_SENT_KEY


drafts.guard_journey_pages(bp)


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
        form.team.choices = choices_of([*active_team_choices(), (NOT_KNOWN, TEAM_CHOICE_PAGES[slug])])
    return form


@bp.get(f"/{JOURNEY}")
def start(journey_name: str):
    """The way in from the start page: a new form, even if one of this kind was just sent from this browser."""
    journey = _journey(journey_name)
    if _already_sent(journey):
        session.pop(LAST_SENT_KEY, None)
    return redirect(_page_url(journey, journey.journey.first_page().slug))


def _already_sent(journey: AdultJourney):
    """The case this browser last sent on this journey, when there is no draft open: Back after sending, or a second
    tab, then says it was sent rather than showing an empty first question."""
    case_id = session.get(LAST_SENT_KEY)
    case = case_queries.case_by_id(case_id) if case_id else None
    return case if case is not None and case.kind == journey.kind else None


def _already_sent_page(journey: AdultJourney, case):
    return render_template(
        "intake/already_sent.html", journey=journey, case=case, title=f"You have already sent this {journey.noun}"
    )


@bp.route(f"/{JOURNEY}/<slug>", methods=["GET", "POST"])
@same_for_every_new_visitor
def question(journey_name: str, slug: str):
    journey = _journey(journey_name)
    if slug not in journey.questions:
        abort(404)
    draft = drafts.current_draft(journey.name)
    if draft is None and (sent := _already_sent(journey)):
        return _already_sent_page(journey, sent)
    answers = draft.answers if draft else {}
    if not journey.journey.may_visit(slug, answers):
        unanswered = journey.journey.first_unanswered(answers)
        return redirect(_page_url(journey, unanswered.slug if unanswered else journey.journey.first_page().slug))

    form = _build_form(journey, slug, answers, from_request=request.method == "POST")
    changing = request.args.get("change") == "1"
    upload_errors: list[str] = []
    if request.method == "POST":
        draft = draft or drafts.start_draft(journey.name)
        if slug == "documents":
            upload_errors = handle_documents_post(draft)
            if upload_errors or "upload" in request.form:
                if not upload_errors:
                    return redirect(_page_url(journey, slug, **({"change": "1"} if changing else {})))
        if "save_and_return" in request.form:
            # Saved as typed, without checking: the person (or the timeout warning) asked to keep it for later.
            drafts.save_page(draft, stored_answers(form))
            return redirect(url_for("intake.save_and_return", journey_name=journey.name, **{"from": slug}))
        if not upload_errors and form.validate():
            drafts.save_page(draft, stored_answers(form))
            if slug == "who-are-you" and form.role.data == "child":
                return redirect("/young-people")
            return redirect(_next_page_url(journey, slug, draft.answers, changing))

    back = journey.journey.previous_slug(slug, answers)
    return render_template(
        journey.questions[slug].template,
        journey=journey,
        slug=slug,
        form=form,
        title=journey.questions[slug].title,
        back_url=_page_url(journey, CHECK_ANSWERS) if changing else (_page_url(journey, back) if back else "/"),
        opened_by_a_change=changing and request.args.get("new") == "1",
        page_has_errors=bool(form.errors or upload_errors),
        upload_errors=upload_errors,
        extra_errors=[{"text": message, "href": "#documents"} for message in upload_errors],
        draft=draft,
    )


def _next_page_url(journey: AdultJourney, slug: str, answers: dict, changing: bool) -> str:
    if not changing:
        return _page_url(journey, journey.journey.next_slug(slug, answers))
    next_slug = journey.journey.after_change(answers)
    if next_slug == CHECK_ANSWERS:
        return _page_url(journey, CHECK_ANSWERS)
    # The change opened a question not answered yet: that page says so, then comes back to checking.
    return _page_url(journey, next_slug, change="1", new="1")


@bp.route(f"/{JOURNEY}/check-answers", methods=["GET", "POST"])
def check_answers(journey_name: str):
    journey = _journey(journey_name)
    draft = drafts.current_draft(journey.name)
    if draft is None:
        sent = _already_sent(journey)
        if sent:
            return _already_sent_page(journey, sent)
        return redirect(_page_url(journey, journey.journey.first_page().slug))
    invalid_slug = _first_invalid_page(journey, draft.answers)
    if invalid_slug:
        return redirect(_page_url(journey, invalid_slug))
    form = DeclarationForm() if journey.name == "complaint" else FlaskForm()
    if request.method == "POST" and form.validate():
        case = services.submit(draft, journey, uk_today())
        case = case or draft.submitted_case
        drafts.forget_draft(journey.name)
        session[LAST_SENT_KEY] = case.id if case else None
        return redirect(url_for("intake.sent", journey_name=journey.name))
    return render_template(
        "intake/check_answers.html",
        journey=journey,
        form=form,
        rows=summary_rows(journey, draft.answers, dict(active_team_choices())),
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
        receipt_sent_to=services.receipt_sent_to(case, journey),
        title=f"{journey.noun.capitalize()} sent",
    )


class SaveAndReturnForm(FlaskForm):
    email = email_field(required=True)


@bp.route(f"/{JOURNEY}/save-and-return", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def save_and_return(journey_name: str):
    journey = _journey(journey_name)
    draft = drafts.current_draft(journey.name)
    if draft is None:
        return redirect(_page_url(journey, journey.journey.first_page().slug))
    form = SaveAndReturnForm(data={"email": draft.resume_email or draft.answers.get("email")})
    if request.method == "POST":
        form = SaveAndReturnForm()
        if form.validate():
            expires_on = services.send_resume_link(draft, form.email.data, journey)
            session[drafts.RESUME_SENT_KEY] = {"email": form.email.data, "expires_on": expires_on.isoformat()}
            return redirect(url_for("intake.saved", journey_name=journey.name))
    return render_template(
        "intake/save_and_return.html",
        journey=journey,
        form=form,
        title="Save and come back later",
        page_has_errors=bool(form.errors),
        back_url=_page_url(journey, _came_from(journey) or journey.journey.first_page().slug),
        lifetime_days=current_app.config["DRAFT_EXPIRY_DAYS"],
    )


def _came_from(journey: AdultJourney) -> str | None:
    """The question page that sent the person here, so that Back returns them to it with what they typed."""
    slug = request.args.get("from")
    return slug if slug in journey.questions else None


@bp.get(f"/{JOURNEY}/saved")
def saved(journey_name: str):
    journey = _journey(journey_name)
    sent_to = session.get(drafts.RESUME_SENT_KEY)
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
    draft = drafts.current_draft(journey.name)
    if draft is not None:
        drafts.remove_attachment(draft, attachment_id)
    return redirect(_page_url(journey, "documents"))
