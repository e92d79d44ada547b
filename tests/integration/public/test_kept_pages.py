"""Pages kept for new visitors (portal.common.page_cache) are still each visitor's own: a CSRF token that works for
their session, and nothing of anyone else's answers. The information pages, kept whole for new visitors
(portal.common.kept_responses), are answered before Flask with the very response Flask made, and only while it is
still the response Flask would make."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from flask import Flask, g, request, request_started

from portal import create_app
from portal.common import page_cache
from portal.common.clock import set_today, uk_today_for
from portal.data.database import db
from portal.data.queries.settings import council_settings
from tests.fixtures.clock import FakeClock
from tests.fixtures.config import overridden_config
from tests.integration.admin.conftest import page_text
from tests.integration.admin.test_council_details import answers
from tests.integration.auth.staff import signed_in_as

RECHECK_SECONDS = 60
HTTPS = {"X-Forwarded-Proto": "https"}  # what the council's proxy sends; the deployed app trusts one proxy


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
        return {name: value for name, value in response.headers.items() if name not in ("Set-Cookie", "Date")}

    for path in ("/", "/complaint/who-are-you"):
        responses = {}
        app.extensions["settings_cache"].forget()
        for _ in range(4):
            served_from_copy.clear()
            response = app.test_client().get(path, base_url="https://localhost")
            responses[bool(served_from_copy)] = response
        rendered, served = responses[False], responses[True]
        assert headers(served) == headers(rendered)
        assert served.data == rendered.data


@pytest.fixture
def deployed_app(app_context, database_url) -> Iterator:
    """Makes apps on the test database with the settings a council deploys with (behind one proxy, HTTPS only,
    security headers, CSRF, rate limits), which look at the settings revision every minute on a clock the test moves
    (`app.clock`). Each has served a page, so it knows the revision, and keeps nothing yet."""
    council_settings()
    made: list[Flask] = []

    def make(**overrides) -> Flask:
        app = create_app(
            {
                "ENVIRONMENT": "production",
                "SQLALCHEMY_DATABASE_URI": database_url,
                "SECRET_KEY": "a-secret-key-for-the-tests-only-" + "0123456789" * 4,
                "BASE_URL": "https://feedback.anytown.example",
                "SETTINGS_RECHECK_SECONDS": RECHECK_SECONDS,
                **overrides,
            }
        )
        app.clock = app.extensions["settings_cache"].clock = FakeClock()
        app.test_client().get("/", headers=HTTPS)
        app.extensions["settings_cache"].forget()
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def deployed(deployed_app) -> Flask:
    return deployed_app()


@contextmanager
def paths_flask_saw(app: Flask) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(sender, **extra) -> None:
        seen.append(request.path)

    with request_started.connected_to(note, app):
        yield seen


def new_visitor(app: Flask, path: str = "/", headers: dict | None = None, **kwargs):
    return app.test_client().get(path, headers=HTTPS if headers is None else headers, **kwargs)


def whole(response) -> tuple:
    return response.status, sorted(response.headers.items()), response.data


def kept_and_freshly_made(app: Flask, path: str, headers: dict) -> tuple[list, object, list[str]]:
    """Responses answered before Flask, one Flask makes afresh once nothing is kept, and the paths Flask saw."""
    with paths_flask_saw(app) as seen:
        new_visitor(app, path, headers)
        kept = [new_visitor(app, path, headers) for _ in range(2)]
        app.extensions["settings_cache"].forget()
        fresh = new_visitor(app, path, headers)
    return kept, fresh, seen


@pytest.mark.parametrize("path", ["/", "/accessibility", "/contact"])
def test_a_new_visitors_page_is_answered_before_flask_with_the_response_flask_makes(deployed, path):
    kept, fresh, seen = kept_and_freshly_made(deployed, path, HTTPS)
    assert seen == [path, path]
    assert fresh.status_code == 200 and "Strict-Transport-Security" in fresh.headers
    assert all(whole(response) == whole(fresh) for response in kept)


def test_over_plain_http_the_page_is_kept_without_the_https_only_header(deployed_app):
    served_over_http = deployed_app(FORCE_HTTPS=False, PROXY_HOPS=0)
    kept, fresh, seen = kept_and_freshly_made(served_over_http, "/", {})
    assert seen == ["/", "/"]
    assert fresh.status_code == 200 and "Strict-Transport-Security" not in fresh.headers
    assert all(whole(response) == whole(fresh) for response in kept)


def test_a_page_kept_for_https_is_not_sent_over_plain_http_or_for_another_host(deployed):
    new_visitor(deployed)
    with paths_flask_saw(deployed) as seen:
        over_http = new_visitor(deployed, headers={})
        for_another_host = new_visitor(deployed, base_url="http://elsewhere.example")
    assert seen == ["/", "/"]
    assert over_http.status_code == 302 and over_http.location.startswith("https://")
    assert for_another_host.status_code == 200


@pytest.mark.parametrize(
    "visitor",
    [
        pytest.param({"cookie": "a session"}, id="with a session cookie"),
        pytest.param({"query_string": "from=search"}, id="with a query string"),
        pytest.param({"headers": {**HTTPS, "HX-Request": "true"}}, id="from htmx"),
    ],
)
def test_anyone_but_a_new_visitor_with_a_plain_get_gets_the_page_from_flask(deployed, visitor):
    new_visitor(deployed)
    client = deployed.test_client()
    if cookie := visitor.pop("cookie", None):
        client.set_cookie("session", cookie)
    with paths_flask_saw(deployed) as seen:
        for _ in range(2):
            response = client.get("/", **{"headers": HTTPS, **visitor})
            assert response.status_code == 200
    assert seen == ["/", "/"]


def test_a_page_with_a_csrf_token_is_never_kept_whole(deployed):
    with paths_flask_saw(deployed) as seen:
        visitors = [new_visitor(deployed, "/complaint/who-are-you") for _ in range(3)]
    assert seen == ["/complaint/who-are-you"] * 3
    assert len({visitor.headers["Set-Cookie"] for visitor in visitors}) == 3


def test_an_administrators_change_of_name_shows_on_the_start_page_at_once(app, client, administrator, monkeypatch):
    monkeypatch.setattr(app.extensions["settings_cache"], "recheck_seconds", RECHECK_SECONDS)
    with paths_flask_saw(app) as seen:
        assert "Anytown Council" in page_text(new_visitor(app))
        assert "Anytown Council" in page_text(new_visitor(app))
        admin = signed_in_as(client, administrator)
        assert admin.post("/staff/settings/council", data=answers(name="Borsetshire County Council")).status_code
        seen.clear()
        assert "Borsetshire County Council" in page_text(new_visitor(app))
    assert seen == ["/"]


def test_another_servers_change_shows_once_the_settings_are_due_to_be_looked_at_again(deployed):
    new_visitor(deployed)
    council_settings().name = "Borsetshire County Council"
    db.session.commit()  # through the session-wide test app: another server
    deployed.clock.now += RECHECK_SECONDS - 1
    with paths_flask_saw(deployed) as seen:
        assert "Anytown Council" in page_text(new_visitor(deployed))
        deployed.clock.now += 1
        assert "Borsetshire County Council" in page_text(new_visitor(deployed))
    assert seen == ["/"]


def test_a_new_day_makes_the_page_again(deployed):
    new_visitor(deployed)
    set_today(deployed.config, uk_today_for(deployed.config) + timedelta(days=1))
    with paths_flask_saw(deployed) as seen:
        first_of_the_day = new_visitor(deployed)
        kept = [new_visitor(deployed) for _ in range(2)]
    assert seen == ["/"]
    assert all(whole(response) == whole(first_of_the_day) for response in kept)


@pytest.mark.parametrize("path", ["/young-people/help-to-use-this-site", "/branding.css", "/no-such-page"])
def test_only_pages_kept_for_new_visitors_are_kept_whole(deployed, path):
    with paths_flask_saw(deployed) as seen:
        responses = [new_visitor(deployed, path) for _ in range(2)]
    assert seen == [path, path]
    assert "Set-Cookie" not in responses[0].headers


def set_a_cookie(response):
    response.set_cookie("seen", "yes")
    return response


def answer_otherwise(response):
    response.status_code = 203
    return response


@pytest.mark.parametrize("hook", [set_a_cookie, answer_otherwise])
def test_only_a_200_that_sets_no_cookie_is_kept_whole(deployed, hook):
    deployed.after_request_funcs.setdefault(None, []).append(hook)
    with paths_flask_saw(deployed) as seen:
        for _ in range(2):
            new_visitor(deployed)
    assert seen == ["/", "/"]
