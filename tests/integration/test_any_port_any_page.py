"""The demo on any port, and the content security policy nonce on every page, error pages included."""

import io
import re

import pytest

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


def assert_nonce_matches(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    [nonce] = re.findall(r"'nonce-([^']+)'", policy)
    scripts = re.findall(r"<script[^>]*>", response.get_data(as_text=True))
    inline = [tag for tag in scripts if "src=" not in tag]
    assert inline and all(f'nonce="{nonce}"' in tag for tag in inline), scripts


def test_the_400_page_for_a_missing_csrf_token_carries_the_nonce(client, csrf_enabled):
    response = client.post("/complaint/who-are-you", data={"role": "parent"})
    assert response.status_code == 400
    assert_nonce_matches(response)


def test_the_413_page_for_a_body_too_large_carries_the_nonce(app, client, csrf_enabled):
    with overridden_config(app, MAX_CONTENT_LENGTH=1024):
        response = client.post(
            "/complaint/documents",
            data={"documents": (io.BytesIO(b"x" * 4096), "big.txt")},
            content_type="multipart/form-data",
        )
    assert response.status_code == 413
    assert_nonce_matches(response)


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/young-people/no-such-page"])
def test_other_pages_carry_the_nonce(client, path):
    assert_nonce_matches(client.get(path))
