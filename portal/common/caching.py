"""Nothing about a person is kept in a browser's or a proxy's cache.

The rule is the simplest safe one: every response is sent with `Cache-Control: no-store`, except static assets and
the few public pages that are the same for everyone and say nothing about anyone. So a page added later is safe
unless someone decides otherwise here. A child's answers, a check-answers page, a confirmation, a case, a letter:
none outlives the page on a shared family computer, and the back button after sign-out shows nothing.
"""

from flask import Flask, request

# Pages the same for every visitor, holding nothing anyone typed. Everything else is no-store.
SAME_FOR_EVERYONE = frozenset(
    {
        "static",
        "pages.branding_css",
        "pages.start",
        "pages.accessibility",
        "pages.contact",
        "pages.cookies",
        "pages.privacy",
    }
)


def _do_not_store(response):
    if request.endpoint not in SAME_FOR_EVERYONE and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response


def register(app: Flask) -> None:
    app.after_request(_do_not_store)
