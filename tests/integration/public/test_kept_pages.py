"""Pages kept for new visitors (portal.common.page_cache) are still each visitor's own: a fresh CSP nonce, a CSRF
token that works for their session, and nothing of anyone else's answers."""

import re

from bs4 import BeautifulSoup
from flask import g

from portal.common import page_cache
from tests.fixtures.config import overridden_config


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]


def test_each_response_has_its_own_nonce_in_its_header_and_its_scripts(client):
    first, second = client.get("/"), client.get("/")
    assert nonce_of(first) != nonce_of(second)
    for response in (first, second):
        scripts = BeautifulSoup(response.get_data(as_text=True), "html.parser").select("script[nonce]")
        assert scripts and {script["nonce"] for script in scripts} == {nonce_of(response)}


def as_a_new_request(client, method: str, path: str, **kwargs):
    """The tests share one app context, so Flask-WTF's token for one request would stay in `g` for the next."""
    g.pop("csrf_token", None)
    g.pop("csrf_valid", None)
    return client.open(path, method=method, **kwargs)


def test_a_kept_question_page_carries_a_csrf_token_for_this_visitors_own_session(app, client):
    with overridden_config(app, WTF_CSRF_ENABLED=True):
        as_a_new_request(app.test_client(), "GET", "/complaint/who-are-you")  # the page is kept from here on
        page = as_a_new_request(client, "GET", "/complaint/who-are-you")
        token = BeautifulSoup(page.data, "html.parser").select_one("input[name=csrf_token]")["value"]
        other = app.test_client()
        as_a_new_request(other, "GET", "/complaint/who-are-you")
        refused = as_a_new_request(
            other, "POST", "/complaint/who-are-you", data={"role": "parent", "csrf_token": token}
        )
        accepted = as_a_new_request(
            client, "POST", "/complaint/who-are-you", data={"role": "parent", "csrf_token": token}
        )
    assert (refused.status_code, accepted.status_code) == (400, 302)


def test_a_visitor_with_answers_gets_their_own_page_not_the_kept_one(client):
    client.get("/complaint/who-are-you")
    client.post("/complaint/who-are-you", data={"role": "parent"})
    checked = BeautifulSoup(client.get("/complaint/who-are-you").data, "html.parser").select("input[checked]")
    assert [field["value"] for field in checked] == ["parent"]
    newcomer = BeautifulSoup(client.application.test_client().get("/complaint/who-are-you").data, "html.parser")
    assert newcomer.select("input[checked]") == []


def test_a_page_served_from_the_kept_copy_has_every_header_the_rendered_page_had(app, app_context, monkeypatch):
    served_from_copy = []
    serve = page_cache._served
    monkeypatch.setattr(page_cache, "_served", lambda kept: served_from_copy.append(True) or serve(kept))

    def headers(response) -> dict[str, str]:
        varying = ("Content-Security-Policy", "Set-Cookie", "Date")
        return {name: value for name, value in response.headers.items() if name not in varying}

    for path in ("/", "/complaint/who-are-you"):
        responses = {}
        app.extensions["settings_cache"].forget()
        for _ in range(4):
            served_from_copy.clear()
            response = app.test_client().get(path, headers={"X-Forwarded-Proto": "https"})
            responses[bool(served_from_copy)] = response
        rendered, served = responses[False], responses[True]
        assert headers(served) == headers(rendered)
        policies = [response.headers["Content-Security-Policy"] for response in (served, rendered)]
        assert policies[0].replace(nonce_of(served), "") == policies[1].replace(nonce_of(rendered), "")
