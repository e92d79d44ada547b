"""Safeguarding on every channel: an adult's online complaint, a comment and a case recorded by staff are all checked,
every flagged case alerts the safeguarding contact exactly once through the outbox (a real SMTP conversation with the
local sink), the alert holds only the reference and a link, and the case page opens with a banner."""

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.data.queries import outbox as outbox_queries
from portal.data.queries.settings import council_settings
from portal.notifications.safeguarding import ALERT_TEMPLATE, queue_safeguarding_alert
from tests.integration.assisted_entry.test_record import answers, post
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import comment_pages, complaint_pages
from tests.integration.safeguarding.conftest import CONTACT, staff_page

DISCLOSURE = "My partner keeps hitting me in front of Riley and I am scared to go home."


def alerts_in(sink) -> list:
    return [message for message in sink.messages if message["To"] == CONTACT]


def the_case() -> Case:
    return db.session.scalar(select(Case))


def assert_alert_holds_only_the_reference_and_a_link(alert, case: Case) -> None:
    body = alert.get_content()
    assert alert["Subject"] == f"Possible safeguarding concern: {case.reference}"
    assert f"http://localhost/staff/cases/{case.reference}" in body
    for personal in ("Sam", "Fairweather", "Riley", "partner", "hitting", "scared", "07700", "example.com"):
        assert personal not in body, personal


def case_page(app, case: Case) -> BeautifulSoup:
    return BeautifulSoup(staff_page(app, f"/staff/cases/{case.reference}"), "html.parser")


def banner_text(app, case: Case) -> str:
    page = case_page(app, case)
    banner = page.select_one("main #safeguarding-banner")
    assert banner is page.select_one("main").find(class_="govuk-notification-banner")  # the first thing on the page
    return " ".join(banner.get_text().split())


def test_an_adults_online_complaint_with_an_inflected_phrase_alerts_the_contact_once(
    app, client, team_id, phrases, app_sends_by_smtp
):
    pages = complaint_pages(team_id)
    pages[5] = ("what-happened", {"what_happened": DISCLOSURE})
    post_pages(client, "complaint", pages)
    client.post("/complaint/check-answers", data={"declaration": "y"})

    case = the_case()
    assert case.safeguarding_flag is True
    assert case.safeguarding_matches == ["hit me", "scared to go home"]
    [alert] = alerts_in(app_sends_by_smtp)
    assert_alert_holds_only_the_reference_and_a_link(alert, case)

    # A later delivery run, a resend of the form and a second queueing attempt send nothing more.
    app.test_cli_runner().invoke(args=["outbox", "deliver"])
    client.post("/complaint/check-answers", data={"declaration": "y"})
    assert queue_safeguarding_alert(case, council_settings()) is None
    assert len(alerts_in(app_sends_by_smtp)) == 1
    assert db.session.scalar(select(func.count()).where(OutboxMessage.template == ALERT_TEMPLATE)) == 1
    assert "Words that raised it: hit me, scared to go home." in banner_text(app, case)


def test_any_written_answer_of_a_comment_is_checked(client, phrases, app_sends_by_smtp):
    pages = comment_pages()
    pages[0] = ("what-about", {"comment_subject": "Home. He hits me"})
    post_pages(client, "comment", pages)
    client.post("/comment/check-answers")
    assert the_case().safeguarding_matches == ["hit me"]
    assert len(alerts_in(app_sends_by_smtp)) == 1


def test_a_case_staff_flag_by_hand_at_assisted_entry_alerts_the_contact_once(
    app, client, officer, phrases, app_sends_by_smtp
):
    response = post(client, answers(safeguarding_concern="y"))
    assert response.status_code == 303
    case = the_case()
    assert case.safeguarding_flag is True
    assert case.safeguarding_matches == []
    [alert] = alerts_in(app_sends_by_smtp)
    assert_alert_holds_only_the_reference_and_a_link(alert, case)
    app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert len(alerts_in(app_sends_by_smtp)) == 1
    assert "Flagged by the member of staff who recorded it." in banner_text(app, case)


def test_a_phone_call_recorded_with_a_phrase_is_flagged_without_the_box_ticked(client, officer, phrases, smtp_sink):
    post(client, answers(description="She said her dad hit me, meaning her, last night."))
    case = the_case()
    assert case.safeguarding_matches == ["hit me"]
    assert outbox_queries.has_message_for_case(case.id, ALERT_TEMPLATE)


def test_nothing_flagged_means_no_alert_and_no_banner(app, client, team_id, phrases, app_sends_by_smtp):
    post_pages(client, "complaint", complaint_pages(team_id))
    client.post("/complaint/check-answers", data={"declaration": "y"})
    case = the_case()
    assert case.safeguarding_flag is False
    assert alerts_in(app_sends_by_smtp) == []
    assert case_page(app, case).select_one("#safeguarding-banner") is None
