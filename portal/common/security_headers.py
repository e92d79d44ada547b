"""Flask-Talisman's security headers, with each view's policy headers worked out once per process.

Stock Talisman rebuilds the content security policy and the other policy headers from their dictionaries on every
response; that was about a quarter of the time the portal spent on a kept public page. The policies depend only on
the view (Talisman's per-view options, also kept per view here, as Talisman reads them two or three times a request),
so they are built the first time a view answers and reused. Headers that depend on the request itself (Strict
Transport Security, on HTTPS only) are still set by Talisman on every response.

A policy with a nonce would differ on every response, so a nonce is refused: the portal allows its one inline script
by its hash (portal.GOVUK_FRONTEND_INLINE_SCRIPT).
"""

from flask import request
from flask_talisman import Talisman
from werkzeug.datastructures import Headers


class PolicyKeepingTalisman(Talisman):
    def __init__(self, app, **options) -> None:
        self._policy_headers: dict[str | None, list[tuple[str, str]]] = {}
        self._view_options: dict[str | None, dict] = {}
        super().__init__(app, **options)
        app.extensions["talisman"] = self

    def _get_local_options(self) -> dict:
        options = self._view_options.get(request.endpoint)
        if options is None:
            options = super()._get_local_options()
            if options["content_security_policy_nonce_in"]:
                raise ValueError("PolicyKeepingTalisman keeps one policy for every response: it cannot hold a nonce")
            self._view_options[request.endpoint] = options
        return options

    def _set_response_headers(self, response):
        policy_headers = self._policy_headers.get(request.endpoint)
        if policy_headers is None:
            policy_headers = self._policy_headers[request.endpoint] = self._built_policy_headers()
        for name, value in policy_headers:
            response.headers[name] = value
        self._set_hsts_headers(response.headers)
        self._set_referrer_policy_headers(response.headers)
        return response

    def _built_policy_headers(self) -> list[tuple[str, str]]:
        options = self._get_local_options()
        headers = Headers()
        self._set_feature_policy_headers(headers, options)
        self._set_permissions_policy_headers(headers, options)
        self._set_document_policy_headers(headers, options)
        self._set_frame_options_headers(headers, options)
        self._set_content_security_policy_headers(headers, options)
        return list(headers.items())
