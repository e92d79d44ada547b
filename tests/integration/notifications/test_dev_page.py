"""The development outbox page exists in development only."""

import pytest

from portal import create_app
from portal.data.database import db
from portal.notifications.outbox import deliver_now
from tests.fixtures.config import overridden_config
from tests.integration.notifications.helpers import queued_email


def app_for(environment: str, database_url: str):
    app = create_app(
        {
            "ENVIRONMENT": environment,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "a-secret-key-for-the-tests-only-" + "0123456789" * 4,
            "BASE_URL": "https://feedback.anytown.example",
        }
    )
    return app


@pytest.fixture
def development_app(app_context):
    app = app_for("development", app_context.config["SQLALCHEMY_DATABASE_URI"])
    app.config.update(NOTIFY_API_KEY="", SMTP_HOST="")
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_page_lists_messages_with_their_body_in_development(app_context, development_app):
    queued_email(body="Dear Sam,\n<script>alert(1)</script>\nThank you.")
    queued_email(recipient="alex@example.com", subject="Your complaint has been closed")

    response = development_app.test_client().get("/dev/outbox")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Outbox" in html and "Development only" in html
    assert html.index("Your complaint has been closed") < html.index("We have received your complaint")
    assert "alex@example.com" in html
    assert "Dear Sam,<br>&lt;script&gt;alert(1)&lt;/script&gt;<br>Thank you." in html
    assert "Waiting to send" in html
    assert "No sender is configured" in html


def test_the_page_shows_the_last_error(app, app_context, development_app, smtp_sink):
    failed = queued_email(subject="Tried once")
    smtp_sink.stop()
    with overridden_config(app, **smtp_sink.settings()):
        deliver_now([failed.id])
    html = development_app.test_client().get("/dev/outbox").get_data(as_text=True)
    assert "ConnectionRefusedError" in html
    assert "Last error" in html


def test_the_page_is_missing_in_test(client):
    assert client.get("/dev/outbox").status_code == 404


def test_the_page_is_missing_in_production(app_context):
    app = app_for("production", app_context.config["SQLALCHEMY_DATABASE_URI"])
    assert "notifications.outbox" not in app.view_functions
    assert app.test_client().get("/dev/outbox", base_url="https://localhost").status_code == 404
    with app.app_context():
        db.engine.dispose()
