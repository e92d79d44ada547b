"""The public information pages and the error pages."""

import pytest

from portal.data.database import db

PAGES = ["/", "/accessibility", "/privacy", "/cookies", "/contact"]


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_with_the_councils_name(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Anytown Council" in html
    assert "/assets/vendor/frontend.min.css" in html


def test_start_page_links_to_each_kind_of_feedback(client):
    html = client.get("/").get_data(as_text=True)
    for link in ['href="/complaint"', 'href="/comment"', 'href="/compliment"', 'href="/young-people"']:
        assert link in html


def test_the_council_name_comes_from_its_settings(client):
    from portal.data.database import db
    from portal.data.queries.settings import council_settings

    council_settings().name = "Westershire Council"
    db.session.commit()
    assert "Westershire Council" in client.get("/").get_data(as_text=True)


def test_missing_page_is_a_govuk_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_server_error_page_hides_the_details(app_context):
    from portal import create_app

    app = create_app(
        {
            "ENVIRONMENT": "test",
            "SQLALCHEMY_DATABASE_URI": app_context.config["SQLALCHEMY_DATABASE_URI"],
            "PROPAGATE_EXCEPTIONS": False,
        }
    )

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/explode")
    with app.app_context():
        db.engine.dispose()
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in html
    assert "secret internal detail" not in html


def test_no_crown_and_no_gds_transport(client):
    html = client.get("/").get_data(as_text=True)
    with client.get("/assets/vendor/frontend.min.css") as response:
        css = response.get_data(as_text=True)
    assert "crown" not in html.lower()
    assert "GDS Transport" not in css
    assert "Crown copyright" not in html


def test_vendored_assets_load(client):
    for path in [
        "/assets/vendor/frontend.min.css",
        "/assets/vendor/govuk-frontend.min.js",
        "/assets/vendor/moj-frontend.min.js",
        "/assets/vendor/htmx.min.js",
        "/assets/js/app.js",
    ]:
        with client.get(path) as response:
            assert response.status_code == 200, path


def test_security_headers(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'sha256-" in policy
    assert "nonce" not in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_branding_stylesheet_uses_the_councils_colour(client):
    from portal.data.database import db
    from portal.data.queries.settings import council_settings

    council_settings().brand_colour = "#123456"
    db.session.commit()
    response = client.get("/branding.css")
    assert response.mimetype == "text/css"
    assert "#123456" in response.get_data(as_text=True)


def test_health_check(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
