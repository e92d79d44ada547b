"""Your Voice pages. Plain POST, redirect, GET: every page works without JavaScript.

Leaving is made safe: "Exit this page" goes through `pages.leave`, which forgets the child's answers in this browser,
and no page is kept in the browser's cache, so pressing Back afterwards shows nothing the child wrote."""

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm

from portal.common import drafts
from portal.common.clock import uk_today
from portal.common.fields import choices_of
from portal.common.journey import CHECK_ANSWERS
from portal.common.page_forms import as_formdata, stored_answers
from portal.data.queries import cases as case_queries
from portal.data.queries.themes import children_theme_choices
from portal.young_people import bp, services
from portal.young_people.check_answers import summary_rows
from portal.young_people.forms import ICONS, NO_CONTACT, NO_CONTACT_ALLOWED, THEME_ICONS
from portal.young_people.journey import JOURNEY, NAME, child_page, progress, question_text, wants_advocate
from portal.young_people.journey import PAGES as PAGES_BY_SLUG

LAST_SENT_KEY = drafts.CHILD_LAST_SENT_KEY
NO_THEMES = ("something_else", "Something else")


drafts.guard_journey_pages(bp)


def _page_url(slug: str, **kwargs) -> str:
    if slug == CHECK_ANSWERS:
        return url_for("young_people.check_answers")
    return url_for("young_people.question", slug=slug, **kwargs)


def _build_form(slug: str, answers: dict, from_request: bool, rechecking: bool = False):
    """The page's form, from what was just posted or from the stored answers.

    When stored answers are checked again there is no posted CSRF token to check, so the check is switched off for
    that form only; it is never rendered or used to save anything.
    """
    page = child_page(slug)
    if from_request:
        form = page.form(draft_answers=answers)
    else:
        options = {"meta": {"csrf": False}} if rechecking else {}
        form = page.form(formdata=as_formdata(page.form, answers), draft_answers=answers, **options)
    if slug == "what-about":
        form.themes.choices = choices_of(_theme_choices())
    return form


def _theme_choices() -> list[tuple[str, str]]:
    """The council's children's themes; if it has switched them all off, one tile so that the page still works."""
    return list(children_theme_choices()) or [NO_THEMES]


def _icons(slug: str, form) -> dict[str, str]:
    """The icon beside each choice on the page, by choice value."""
    if slug == "what-about":
        return {choice.value: THEME_ICONS.get(choice.label, "") for choice in form.themes.choices}
    name = next((name for name in form._fields if name in ICONS), None)
    return ICONS.get(name, {}) if name else {}


def _hide_choices(slug: str, form, answers: dict) -> None:
    """Leaves out choices not offered here: "Please don't contact me" is only for a thank you or an idea. Done after
    the form is checked, so a choice posted anyway gets its own error rather than "not a valid choice"."""
    if slug == "get-in-touch" and answers.get("choice") not in NO_CONTACT_ALLOWED:
        form.contact_method.choices = [choice for choice in form.contact_method.choices if choice.value != NO_CONTACT]


@bp.get("")
def start():
    draft = drafts.current_draft(NAME)
    return render_template(
        "young_people/start.html",
        title="Your Voice",
        first_url=_page_url(JOURNEY.first_page().slug),
        started=bool(draft and draft.answers),
    )


@bp.get("/")
def start_with_slash():
    return redirect(url_for("young_people.start"))


@bp.route("/<slug>", methods=["GET", "POST"])
def question(slug: str):
    page = child_page(slug)
    if page is None:
        abort(404)
    draft = drafts.current_draft(NAME)
    answers = draft.answers if draft else {}
    if not JOURNEY.may_visit(slug, answers):
        unanswered = JOURNEY.first_unanswered(answers)
        return redirect(_page_url(unanswered.slug if unanswered else JOURNEY.first_page().slug))

    form = _build_form(slug, answers, from_request=request.method == "POST")
    changing = request.args.get("change") == "1"
    upload_errors: list[str] = []
    if request.method == "POST":
        draft = draft or drafts.start_draft(NAME)
        if "take_a_break" in request.form:
            # The timeout warning sent the page as it was: keep what was typed, unchecked, and say so.
            drafts.save_page(draft, stored_answers(form))
            return redirect(url_for("young_people.took_a_break", **{"from": slug}))
        if slug == "add-a-picture":
            upload_errors = services.add_pictures(draft)
        if not upload_errors and form.validate():
            drafts.save_page(draft, stored_answers(form))
            answers = draft.answers
            if changing:
                # Back to checking, by way of any page the change leaves unanswered or no longer right.
                next_slug = _first_invalid_page(answers) or CHECK_ANSWERS
            else:
                next_slug = JOURNEY.next_slug(slug, answers)
            return redirect(_page_url(next_slug))

    _hide_choices(slug, form, answers)
    back = JOURNEY.previous_slug(slug, answers)
    number, total = progress(slug, answers)
    return render_template(
        page.template,
        slug=slug,
        form=form,
        title=question_text(slug, answers),
        hint=_hint(slug, answers),
        icons=_icons(slug, form),
        field_params=page.field_params,
        extra_errors=[{"text": message, "href": "#picture"} for message in upload_errors],
        answers=answers,
        question_number=number,
        question_total=total,
        back_url=_page_url(CHECK_ANSWERS) if changing else (_page_url(back) if back else url_for("young_people.start")),
        page_has_errors=bool(form.errors or upload_errors),
        upload_errors=upload_errors,
        draft=draft,
    )


def _hint(slug: str, answers: dict) -> str | None:
    if slug == "your-words" and answers.get("choice") == "speak_up":
        return "You can tell us a little, or leave this empty. Your advocate can help you say it."
    return None


@bp.get("/break")
def took_a_break():
    """Where a page goes when the child did nothing for a while: what was kept, for how long, and the way back."""
    draft = drafts.current_draft(NAME)
    answers = draft.answers if draft else {}
    slug = request.args.get("from")
    if slug not in PAGES_BY_SLUG or not JOURNEY.may_visit(slug, answers):
        unanswered = JOURNEY.first_unanswered(answers)
        slug = unanswered.slug if unanswered else CHECK_ANSWERS
    return render_template(
        "young_people/break.html",
        title="You took a break",
        kept=bool(answers),
        carry_on_url=_page_url(slug),
        minutes=current_app.config["PERMANENT_SESSION_LIFETIME"] // 60,
    )


@bp.route("/check-answers", methods=["GET", "POST"])
def check_answers():
    draft = drafts.current_draft(NAME)
    if draft is None:
        return redirect(_page_url(JOURNEY.first_page().slug))
    invalid_slug = _first_invalid_page(draft.answers)
    if invalid_slug:
        return redirect(_page_url(invalid_slug))
    form = FlaskForm()
    if request.method == "POST" and form.validate():
        case = services.submit(draft, uk_today()) or draft.submitted_case
        drafts.forget_draft(NAME)
        session[LAST_SENT_KEY] = case.id if case else None
        return redirect(url_for("young_people.sent"))
    themes = dict(_theme_choices())
    return render_template(
        "young_people/check_answers.html",
        form=form,
        rows=summary_rows(draft.answers, themes),
        attachments=draft.attachments,
        title="Check your answers",
        page_has_errors=bool(form.errors),
        back_url=_page_url(JOURNEY.previous_slug(CHECK_ANSWERS, draft.answers) or JOURNEY.first_page().slug),
    )


def _first_invalid_page(answers: dict) -> str | None:
    """Checks every page that applies again, so a changed answer cannot leave another one wrong."""
    for page in JOURNEY.pages_that_apply(answers):
        if page.optional:
            continue
        form = _build_form(page.slug, answers, from_request=False, rechecking=True)
        if not page.is_answered(answers) or not form.validate():
            return page.slug
    return None


@bp.get("/sent")
def sent():
    case_id = session.get(LAST_SENT_KEY)
    case = case_queries.case_by_id(case_id) if case_id else None
    if case is None or not case.made_by_child:
        return redirect(url_for("young_people.start"))
    return render_template(
        "young_people/sent.html",
        case=case,
        title="Sent",
        get_in_touch=case.answers.get("contact_method") != NO_CONTACT,
        advocate=wants_advocate(case.answers),
    )


@bp.post("/add-a-picture/<int:attachment_id>/remove")
def remove_picture(attachment_id: int):
    draft = drafts.current_draft(NAME)
    if draft is not None:
        drafts.remove_attachment(draft, attachment_id)
    return redirect(_page_url("add-a-picture"))
