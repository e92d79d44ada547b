"""Whole responses for new visitors to the start page and the other information pages, answered before Flask.

A page kept by portal.common.page_cache that holds no CSRF token has nothing in it of the visitor's or of the
response's own (the content security policy allows the one inline script by its hash, not a nonce), so for a new
visitor the whole response, status, headers and body, is the same every time. This WSGI middleware sits in front of
Flask, behind ProxyFix so that it sees the scheme and host the proxy was asked for; it keeps such a response and
answers later requests with it, with none of the per-request work of Flask and its extensions.

It answers only a GET with no query string, not from htmx, and with no Cookie header at all: a new visitor's plain GET
as page_cache has it, and stricter, as no session, sign-in or anything else a cookie might carry can be involved.
Everything else goes to Flask untouched. A response is kept only when page_cache has marked the request (`offer`) and
the answer is a 200 that sets no cookie. A kept response is served only

- for the path it was made for, and the same scheme, host and X-Forwarded-Proto (Talisman sends Strict Transport
  Security on HTTPS only, reading that header itself, and with FORCE_HTTPS redirects plain HTTP). One is kept per
  path, whatever the host, so made-up Host headers cannot fill the memory;
- until the council's settings change: it is kept beside them (portal.data.settings_cache), and when the settings
  revision is due to be looked at again the request goes to Flask, which looks;
- on the day it was made, as page_cache's pages are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from flask import Flask

from portal.common.clock import uk_today_for

OFFERED = "portal.same_response_for_every_new_visitor"


@dataclass(frozen=True)
class KeptResponse:
    day: date
    made_for: tuple
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def offer(environ: dict) -> None:
    """Marks this request's response as the same for every new visitor: the middleware may keep it."""
    environ[OFFERED] = True


class KeptResponses:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.wsgi_app = app.wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not _new_visitors_plain_get(environ):
            return self.wsgi_app(environ, start_response)
        cache = self.app.extensions["settings_cache"]
        name, made_for, today = _name(environ), _made_for(environ), uk_today_for(self.app.config)
        kept = cache.fresh(name)
        if kept is not None and kept.day == today and kept.made_for == made_for:
            start_response(kept.status, list(kept.headers))
            return [kept.body]

        keep = cache.keeper(name)
        answered: dict = {}

        def noting_start_response(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, noting_start_response)
        if not environ.get(OFFERED) or not _same_for_everyone(answered):
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        keep(KeptResponse(today, made_for, answered["status"], tuple(answered["headers"]), content))
        return [content]


def _new_visitors_plain_get(environ: dict) -> bool:
    return (
        environ["REQUEST_METHOD"] == "GET"
        and not environ.get("QUERY_STRING")
        and "HTTP_HX_REQUEST" not in environ
        and "HTTP_COOKIE" not in environ
    )


def _name(environ: dict) -> str:
    return f"response:{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"


def _made_for(environ: dict) -> tuple:
    return (
        environ["wsgi.url_scheme"],
        environ.get("HTTP_X_FORWARDED_PROTO"),
        environ.get("HTTP_HOST"),
        environ.get("SERVER_NAME"),
        environ.get("SERVER_PORT"),
    )


def _same_for_everyone(answered: dict) -> bool:
    return answered.get("status", "").startswith("200 ") and not any(
        name.lower() == "set-cookie" for name, _ in answered["headers"]
    )
