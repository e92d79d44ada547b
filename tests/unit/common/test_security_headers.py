"""Talisman's policy headers, kept per view (portal.common.security_headers), are exactly what stock Flask-Talisman
sets, with each response's own nonce."""

import pytest
from flask import Flask, Response, request
from flask_talisman import Talisman

from portal.common.security_headers import PolicyKeepingTalisman

POLICY = {"default-src": "'self'", "script-src": "'self'", "img-src": "'self' data: https:"}


def secured_app() -> tuple[Flask, PolicyKeepingTalisman]:
    app = Flask(__name__)
    talisman = PolicyKeepingTalisman(
        app,
        content_security_policy=POLICY,
        content_security_policy_nonce_in=["script-src"],
        permissions_policy={"geolocation": "()"},
        frame_options="DENY",
        referrer_policy="same-origin",
    )

    @app.get("/page")
    def page():
        return "page"

    @app.get("/framed")
    @talisman(frame_options="SAMEORIGIN", content_security_policy={"default-src": "'none'"})
    def framed():
        return "framed"

    return app, talisman


def headers_of(talisman: Talisman, set_headers) -> list[tuple[str, str]]:
    response = Response()
    set_headers(talisman, response)
    return sorted(response.headers.items())


@pytest.mark.parametrize("path", ["/page", "/framed", "/missing"])
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_each_response_gets_stock_talismans_headers_with_its_own_nonce(path, scheme):
    app, talisman = secured_app()
    for nonce in ("first-nonce-AAAA", "second-nonce-BBBB", "third-nonce-CCCC"):
        with app.test_request_context(path, base_url=f"{scheme}://portal.example"):
            app.preprocess_request()
            request.csp_nonce = nonce
            kept = headers_of(talisman, PolicyKeepingTalisman._set_response_headers)
            stock = headers_of(talisman, Talisman._set_response_headers)
        assert kept == stock
        assert f"'nonce-{nonce}'" in dict(kept)["Content-Security-Policy"] or path == "/framed"
    assert ("Strict-Transport-Security" in dict(kept)) is (scheme == "https")


def test_a_response_without_a_nonce_gets_a_policy_without_one():
    app, talisman = secured_app()
    with app.test_request_context("/page", base_url="https://portal.example"):
        request.csp_nonce = "made-earlier"
        headers_of(talisman, PolicyKeepingTalisman._set_response_headers)
    with app.test_request_context("/page", base_url="https://portal.example"):
        kept = headers_of(talisman, PolicyKeepingTalisman._set_response_headers)
        stock = headers_of(talisman, Talisman._set_response_headers)
    assert kept == stock
    assert "nonce" not in dict(kept)["Content-Security-Policy"]
