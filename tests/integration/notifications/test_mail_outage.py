"""A mail outage: the SMTP server is down for five minutes while people send complaints. Nobody's complaint is lost,
staff can see which messages failed and why, and once the server is back every acknowledgement arrives exactly once.

The five minutes pass on the app's clock, with `flask outbox deliver` run each minute as cron would: nothing sleeps.
"""

from datetime import timedelta

from bs4 import BeautifulSoup
from flask import current_app
from sqlalchemy import select

from portal.common.clock import OFFSET_SETTING
from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.domain.types import OutboxStatus
from tests.fixtures.config import overridden_config
from tests.integration.admin.conftest import admin_client, administrator  # noqa: F401  (fixtures)
from tests.integration.intake.conftest import post_pages, team_id  # noqa: F401  (fixture)
from tests.integration.intake.journey_data import complaint_pages

OUTAGE_MINUTES = 5


def a_minute_passes(app, cli_runner) -> str:
    """Moves the app's clock on a minute, then runs the delivery job as cron would."""
    app.config[OFFSET_SETTING] = app.config.get(OFFSET_SETTING, timedelta(0)) + timedelta(minutes=1)
    result = cli_runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    return result.output


def send_a_complaint(app, team_id: str, email: str) -> str:  # noqa: F811
    client = app.test_client()
    post_pages(client, "complaint", complaint_pages(team_id, email=email))
    assert client.post("/complaint/check-answers", data={"declaration": "y"}).status_code == 302
    return db.session.scalar(select(Case.reference).join(Case.submitter).where(Case.submitter.has(email=email)))


def acknowledgements() -> dict[str, OutboxMessage]:
    db.session.expire_all()
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.template == "complaint_acknowledgement").order_by(OutboxMessage.id)
    )
    return {message.recipient: message for message in messages}


def test_every_acknowledgement_arrives_once_after_a_five_minute_outage(
    app,
    app_context,
    app_sends_by_smtp,
    cli_runner,
    team_id,  # noqa: F811
    admin_client,  # noqa: F811
):
    sink = app_sends_by_smtp
    sink.stop()
    try:
        with overridden_config(app, OUTBOX_MAX_ATTEMPTS=3):
            early = [send_a_complaint(app, team_id, f"early.{number}@example.com") for number in range(2)]
            for minute in range(1, OUTAGE_MINUTES + 1):
                if minute == 4:
                    late = send_a_complaint(app, team_id, "late@example.com")
                a_minute_passes(app, cli_runner)

            # The complaints are all stored; their acknowledgements wait or have failed, each with its reason.
            assert db.session.scalar(select(db.func.count()).select_from(Case)) == 3 and late and early
            waiting = acknowledgements()
            assert {email: message.status for email, message in waiting.items()} == {
                "early.0@example.com": OutboxStatus.FAILED,
                "early.1@example.com": OutboxStatus.FAILED,
                "late@example.com": OutboxStatus.PENDING,
            }
            assert all("ConnectionRefusedError" in message.last_error for message in waiting.values())
            # Staff see each one with its case and the reason, on the settings page for it.
            page = BeautifulSoup(admin_client.get("/staff/settings/messages-not-sent").data, "html.parser")
            rows = [" ".join(row.get_text(" ").split()) for row in page.select("tbody tr")]
            assert len(rows) == 3 and all("ConnectionRefusedError" in row for row in rows)
            assert sum("Stopped trying" in row for row in rows) == 2
            assert {reference for reference in [*early, late] if any(reference in row for row in rows)} == {
                *early,
                late,
            }

            sink.start()
            for message in waiting.values():
                if message.status is OutboxStatus.FAILED:
                    retried = admin_client.post(f"/staff/settings/messages-not-sent/{message.id}/retry")
                    assert retried.status_code == 302
            for _ in range(10):  # ten more minutes of cron: the back-off runs out, then nothing is left to send
                a_minute_passes(app, cli_runner)
    finally:
        sink.start()
        current_app.config.pop(OFFSET_SETTING, None)

    delivered = acknowledgements()
    assert {message.status for message in delivered.values()} == {OutboxStatus.SENT}
    received = sorted(email["To"] for email in sink.messages)
    assert received == ["early.0@example.com", "early.1@example.com", "late@example.com"]
    references = sorted(email["Subject"].rsplit(" ", 1)[1] for email in sink.messages)
    assert references == sorted([*early, late])
    page = admin_client.get("/staff/settings/messages-not-sent").get_data(as_text=True)
    assert "Every message has been sent." in page
