"""Flask-Talisman's security headers, with each view's policy headers worked out once per process.

Stock Talisman rebuilds the content security policy and the other policy headers from their dictionaries on every
response; that was about a quarter of the time the portal spent on a kept public page. The policies depend only on
the view (Talisman's per-view options, also kept per view here, as Talisman reads them two or three times a request)
and on whether the request has a nonce, so they are built the first time a view answers and reused, with this
response's own nonce put in. Headers that depend on the request itself (Strict Transport Security, on HTTPS only) are
still set by Talisman on every response.
"""

from flask import request
from flask_talisman import Talisman
from werkzeug.datastructures import Headers

NONCE_MARK = "\x00nonce\x00"  # where a response's own nonce goes in something kept for many responses


class PolicyKeepingTalisman(Talisman):
    def __init__(self, app, **options) -> None:
        self._policy_headers: dict[tuple[str | None, bool], list[tuple[str, str]]] = {}
        self._view_options: dict[str | None, dict] = {}
        super().__init__(app, **options)
        app.extensions["talisman"] = self

    def _get_local_options(self) -> dict:
        options = self._view_options.get(request.endpoint)
        if options is None:
            options = self._view_options[request.endpoint] = super()._get_local_options()
        return options

    def _set_response_headers(self, response):
        nonce = getattr(request, "csp_nonce", "")
        key = (request.endpoint, bool(nonce))
        policy_headers = self._policy_headers.get(key)
        if policy_headers is None:
            policy_headers = self._policy_headers[key] = self._built_policy_headers(nonce)
        for name, value in policy_headers:
            response.headers[name] = value.replace(NONCE_MARK, nonce) if nonce else value
        self._set_hsts_headers(response.headers)
        self._set_referrer_policy_headers(response.headers)
        return response

    def _built_policy_headers(self, nonce: str) -> list[tuple[str, str]]:
        options = self._get_local_options()
        headers = Headers()
        self._set_feature_policy_headers(headers, options)
        self._set_permissions_policy_headers(headers, options)
        self._set_document_policy_headers(headers, options)
        self._set_frame_options_headers(headers, options)
        self._set_content_security_policy_headers(headers, options)
        return [(name, value.replace(nonce, NONCE_MARK) if nonce else value) for name, value in headers.items()]
