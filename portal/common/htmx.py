"""Whether to answer with a whole page or only the region htmx asked for (style.md, "Rules for htmx partials").

htmx sends `HX-Request: true` with every request it makes. When someone goes back to a page whose snapshot is not
in htmx's history cache, htmx asks again with `HX-History-Restore-Request: true` and needs the whole page. The same
URL can therefore answer with two different bodies, so every answer says `Vary: HX-Request`: otherwise a browser
or proxy cache could hand back a fragment where a page is wanted.
"""

from flask import Response, after_this_request, make_response, render_template, request

VARY_HEADER = "HX-Request"


def is_htmx_request() -> bool:
    """Whether htmx made the request, for a fragment or to restore a page from its history."""
    return request.headers.get("HX-Request") == "true"


def is_partial_request() -> bool:
    """Whether the request came from htmx and wants only a fragment of the page."""
    return is_htmx_request() and "HX-History-Restore-Request" not in request.headers


def vary_on_htmx() -> None:
    """Adds `Vary: HX-Request` to this request's response, whatever it turns out to be (a page, a fragment or an
    error page from `abort`). Call it at the start of any view that can answer with a fragment."""

    @after_this_request
    def add_vary(response: Response) -> Response:
        response.vary.add(VARY_HEADER)
        return response


def render_page_or_partial(page_template: str, partial_template: str, /, **context) -> Response:
    """Renders `partial_template` for htmx and the full `page_template` otherwise; the page includes the partial."""
    template = partial_template if is_partial_request() else page_template
    response = make_response(render_template(template, **context))
    response.vary.add(VARY_HEADER)
    return response
