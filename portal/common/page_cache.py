"""Public pages that are the same for every new visitor, rendered once per app process rather than on every request.

A first visit to the start page or to a question nobody has answered yet gets the same page whoever asks, but for one
value: the CSRF token of the visitor's session, on pages with a form. Such a page is kept with the token taken out,
and each later request gets it with a CSRF token signed for its own session put back. (The content security policy
allows the page's one inline script by its hash, so there is no nonce to change.) Pages are kept beside the council's
settings they were made with (portal.data.settings_cache), so an administrator's change of name, colours or teams
shows on them as on any page.

Only a plain GET is served this way: no query string, not from htmx, and from a visitor whose session holds nothing
but a CSRF token (no drafts, nothing sent, nobody signed in). Anything else, and any answer but a 200, is rendered
as usual. A page is kept for the day it was made, so no date on it goes stale.

A kept page with no CSRF token in it is the same response for every new visitor, headers and all: such a request is
marked for portal.common.kept_responses, which keeps the whole response and answers later ones before Flask.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Flask, Response, current_app, g, request
from flask_wtf.csrf import generate_csrf

from portal.common import kept_responses
from portal.common.clock import uk_today
from portal.common.drafts import something_to_forget
from portal.data.settings_cache import settings_cache

CSRF_TOKEN = "\x00csrf-token\x00"
KEPT = "same_for_every_new_visitor"


@dataclass(frozen=True)
class KeptPage:
    day: date
    body: str
    mimetype: str
    has_token: bool


def same_for_every_new_visitor(view: Callable) -> Callable:
    """Marks `view`'s page as one to keep for new visitors: rendered by the view the first time (and each new day),
    then served by `serve_kept_page` (see above). Give no such mark to a view whose GETs need a rate limit."""

    @functools.wraps(view)
    def render_and_keep(*args, **kwargs):
        if not _new_visitors_plain_get():
            return view(*args, **kwargs)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            kept = _kept(response, uk_today())
            settings_cache().put(_name(), kept)
            _offer_whole_response(kept)
        return response

    setattr(render_and_keep, KEPT, True)
    return render_and_keep


def serve_kept_page() -> Response | None:
    """A request hook that answers a new visitor's plain GET of a kept page from this process's copy.

    It runs just after Talisman's HTTPS check, before the CSRF check (a GET has none to check), the rate limiter and
    the sessions' own hooks: a kept page looks nothing up, so it needs none of their bookkeeping. The response still
    gets every after-request hook (security headers, no-store, the session cookie with the visitor's CSRF token).
    """
    if not getattr(current_app.view_functions.get(request.endpoint), KEPT, False) or not _new_visitors_plain_get():
        return None
    kept = settings_cache().peek(_name())
    if kept is None or kept.day != uk_today():
        return None
    _offer_whole_response(kept)
    return _served(kept)


def init_app(app: Flask) -> None:
    app.before_request(serve_kept_page)


def _name() -> str:
    return f"page:{request.path}"


def _new_visitors_plain_get() -> bool:
    return (
        request.method == "GET"
        and not request.query_string
        and "HX-Request" not in request.headers
        and not something_to_forget()
    )


def _kept(response: Response, today: date) -> KeptPage:
    body = response.get_data(as_text=True)
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token:
        body = body.replace(token, CSRF_TOKEN)
    return KeptPage(day=today, body=body, mimetype=response.mimetype, has_token=bool(token))


def _offer_whole_response(kept: KeptPage) -> None:
    if not kept.has_token:
        kept_responses.offer(request.environ)


def _served(kept: KeptPage) -> Response:
    body = kept.body.replace(CSRF_TOKEN, generate_csrf()) if kept.has_token else kept.body
    return Response(body, mimetype=kept.mimetype)
