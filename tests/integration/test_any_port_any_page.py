"""The demo on any port, and every inline script on every page allowed by the content security policy, error pages
included."""

import base64
import hashlib
import io
import re

import pytest
from bs4 import BeautifulSoup

from portal.config import development_overrides
from tests.fixtures.config import overridden_config


@pytest.mark.parametrize(("port", "base_url"), [(None, "http://127.0.0.1:5000"), ("8080", "http://127.0.0.1:8080")])
def test_the_development_base_url_follows_the_port(monkeypatch, port, base_url):
    monkeypatch.delenv("BASE_URL", raising=False)
    if port:
        monkeypatch.setenv("PORT", port)
    else:
        monkeypatch.delenv("PORT", raising=False)
    assert development_overrides()["BASE_URL"] == base_url


def test_a_base_url_that_is_set_wins_over_the_port(monkeypatch):
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("BASE_URL", "https://feedback.anytown.example/")
    assert development_overrides()["BASE_URL"] == "https://feedback.anytown.example"


def assert_inline_scripts_allowed(response) -> None:
    """Every inline script's SHA-256 is in the policy's script-src (GOV.UK Frontend's `js-enabled` line: an upgrade
    that changes it fails here), and nothing changes from one response to the next: there is no nonce."""
    policy = dict(directive.split(" ", 1) for directive in response.headers["Content-Security-Policy"].split("; "))
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy["script-src"]))
    scripts = BeautifulSoup(response.get_data(as_text=True), "html.parser").find_all("script", src=False)
    hashes = {
        "sha256-" + base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode() for script in scripts
    }
    assert scripts and hashes <= allowed, (hashes, allowed)
    assert "nonce" not in response.headers["Content-Security-Policy"]


def test_the_400_page_for_a_missing_csrf_token_allows_its_inline_script(client, csrf_enabled):
    response = client.post("/complaint/who-are-you", data={"role": "parent"})
    assert response.status_code == 400
    assert_inline_scripts_allowed(response)


def test_the_413_page_for_a_body_too_large_allows_its_inline_script(app, client, csrf_enabled):
    with overridden_config(app, MAX_CONTENT_LENGTH=1024):
        response = client.post(
            "/complaint/documents",
            data={"documents": (io.BytesIO(b"x" * 4096), "big.txt")},
            content_type="multipart/form-data",
        )
    assert response.status_code == 413
    assert_inline_scripts_allowed(response)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/complaint/who-are-you",
        "/young-people/help-to-use-this-site",
        "/staff/sign-in",
        "/no-such-page",
        "/young-people/no-such-page",
    ],
)
def test_other_pages_allow_their_inline_script(client, path):
    assert_inline_scripts_allowed(client.get(path))
