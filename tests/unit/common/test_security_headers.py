"""Talisman's policy headers, kept per view (portal.common.security_headers), are exactly what stock Flask-Talisman
sets; a nonce, which would differ on every response, is refused."""

import pytest
from flask import Flask, Response
from flask_talisman import Talisman

from portal.common.security_headers import PolicyKeepingTalisman

HTTPS = "https://portal.example"
POLICY = {"default-src": "'self'", "script-src": "'self' 'sha256-abc='", "img-src": "'self' data: https:"}


def secured_app(**options) -> tuple[Flask, PolicyKeepingTalisman]:
    app = Flask(__name__)
    app.testing = True  # errors reach the test rather than becoming a 500 page
    talisman = PolicyKeepingTalisman(
        app,
        content_security_policy=POLICY,
        permissions_policy={"geolocation": "()"},
        frame_options="DENY",
        referrer_policy="same-origin",
        **options,
    )

    @app.get("/page")
    def page():
        return "page"

    @app.get("/framed")
    @talisman(frame_options="SAMEORIGIN", content_security_policy={"default-src": "'none'"})
    def framed():
        return "framed"

    @app.get("/nonced")
    @talisman(content_security_policy_nonce_in=["script-src"])
    def nonced():
        return "nonced"

    return app, talisman


def headers_of(talisman: Talisman, set_headers) -> list[tuple[str, str]]:
    response = Response()
    set_headers(talisman, response)
    return sorted(response.headers.items())


@pytest.mark.parametrize("path", ["/page", "/framed", "/missing"])
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_each_response_gets_stock_talismans_headers(path, scheme):
    app, talisman = secured_app()
    for _ in range(3):
        with app.test_request_context(path, base_url=f"{scheme}://portal.example"):
            app.preprocess_request()
            kept = headers_of(talisman, PolicyKeepingTalisman._set_response_headers)
            stock = headers_of(talisman, Talisman._set_response_headers)
        assert kept == stock
    assert ("Strict-Transport-Security" in dict(kept)) is (scheme == "https")
    expected = "default-src 'none'" if path == "/framed" else "default-src 'self'; script-src 'self' 'sha256-abc='"
    assert dict(kept)["Content-Security-Policy"].startswith(expected)


def test_a_nonce_for_every_view_is_refused():
    app, _ = secured_app(content_security_policy_nonce_in=["script-src"])
    with pytest.raises(ValueError, match="nonce"):
        app.test_client().get("/page", base_url=HTTPS)


def test_a_nonce_for_one_view_is_refused():
    app, _ = secured_app()
    assert app.test_client().get("/page", base_url=HTTPS).status_code == 200
    with pytest.raises(ValueError, match="nonce"):
        app.test_client().get("/nonced", base_url=HTTPS)
