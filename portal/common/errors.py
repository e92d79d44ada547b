"""Error pages in the GOV.UK style. No error page shows a stack trace or any personal data."""

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.data import transaction

logger = logging.getLogger(__name__)

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
}


# Your Voice's pages: their errors keep the exit and help now, in words a child can read.
CHILDREN_PATH = "/young-people"
CHILD_TEMPLATE = "young_people/error.html"


def _for_a_child() -> bool:
    return request.path == CHILDREN_PATH or request.path.startswith(CHILDREN_PATH + "/")


def _render(template: str, status: int, **context):
    if _for_a_child():
        return render_template(CHILD_TEMPLATE, status=status), status
    return render_template(template, **context), status


FALLBACK_500 = (
    "<!DOCTYPE html><html lang='en'><head><title>Sorry, there is a problem with the service</title></head>"
    "<body><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
    "<p>If you were filling in a form, your answers up to the last page you saved are kept.</p></body></html>"
)


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render("errors/csrf.html", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code >= 500:
            return server_error(error)
        return _render(TEMPLATES.get(error.code, "errors/400.html"), error.code, error=error)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        logger.exception("Unhandled error", exc_info=error)
        transaction.rollback()
        try:
            return _render("errors/500.html", 500)
        except Exception:  # the database itself may be what failed: still answer with a plain page
            logger.exception("The error page could not be rendered")
            return FALLBACK_500, 500
