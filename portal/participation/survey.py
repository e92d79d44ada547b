"""Closing the loop, the public side: the one-time survey link a child (or an adult) was sent.

The child's page is in the Your Voice style, with the exit and help now on it; an adult's is a plain GOV.UK page.
Nothing is kept in the browser: the answers go straight to the server when sent, the pages are never cached, and
the link works once, until it expires. Unknown links are rate-limited like every public look-up.
"""

from flask import redirect, render_template, session, url_for

from portal.common.clock import utc_now
from portal.domain.closing_the_loop import Audience
from portal.extensions import limiter
from portal.participation import bp, services
from portal.participation.forms import FEELING_FACES, survey_form
from portal.participation.services import LinkState

SURVEY = "/survey"
DONE_KEY = "survey_done"
TEMPLATES = {Audience.CHILD: "participation/survey/child", Audience.ADULT: "participation/survey/adult"}


@bp.after_request
def never_store(response):
    """A survey page may hold what someone is writing about their case: never keep it in the browser's cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route(f"{SURVEY}/<token>", methods=["GET", "POST"])
@limiter.limit("60 per hour")
def survey(token: str):
    link, state = services.survey_link(token, utc_now())
    audience = link.follow_up.audience if link else Audience.CHILD
    if state is not LinkState.OPEN:
        return _link_not_working(audience, answered=state is LinkState.ANSWERED)
    form = survey_form(audience, child_words=audience is Audience.CHILD)
    if form.validate_on_submit():
        if not services.answer_online(link, form.answers(), utc_now()):
            return _link_not_working(audience, answered=True)
        session[DONE_KEY] = audience.value
        return redirect(url_for("participation.survey_done"))
    return render_template(
        f"{TEMPLATES[audience]}/survey.html",
        form=form,
        faces=FEELING_FACES,
        title="How did it go?" if audience is Audience.CHILD else "How did we handle your complaint?",
        page_has_errors=bool(form.errors),
    )


def _link_not_working(audience: Audience, answered: bool):
    template = "answered.html" if answered else "not_working.html"
    title = "You have already answered" if answered else "This link does not work now"
    return render_template(f"{TEMPLATES[audience]}/{template}", title=title), 410


@bp.get(f"{SURVEY}/thank-you")
def survey_done():
    audience = session.pop(DONE_KEY, None)
    if audience not in Audience._value2member_map_:
        return redirect(url_for("pages.start"))
    return render_template(f"{TEMPLATES[Audience(audience)]}/thank_you.html", title="Thank you")
