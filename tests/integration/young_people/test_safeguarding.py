"""A message with a configured safeguarding phrase: sent as normal, flagged, the safeguarding contact told at once
(through a real SMTP conversation with the sink), and help now shown first on the confirmation page."""

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.data.queries.settings import council_settings
from portal.domain.types import OutboxStatus
from tests.integration.young_people.conftest import post_pages, send
from tests.integration.young_people.journey_data import IDEA, SOMETHING_WRONG, WORRIED, child_pages

HELP_NOW = "If you are in danger right now, call 999. Childline is free, any time: 0800 1111"


def configure(phrases: list[str]) -> None:
    settings = council_settings()
    settings.safeguarding_phrases = phrases
    settings.safeguarding_contact_email = "safeguarding.lead@anytown.example"
    db.session.commit()


def test_a_configured_phrase_flags_the_case_and_tells_the_safeguarding_contact_at_once(
    client, theme_ids, app_sends_by_smtp
):
    configure(["scared to go home", "locked in"])
    words = "My dad gets angry.  I am SCARED to go... home!"
    post_pages(client, child_pages(WORRIED, theme_ids, words=words))
    sent = send(client)

    case = db.session.scalar(select(Case))
    assert case.safeguarding_flag is True
    assert case.safeguarding_matches == ["scared to go home"]
    assert case.description == words  # the child's message is kept as written, never blocked

    [to_safeguarding] = [m for m in app_sends_by_smtp.messages if m["To"] == "safeguarding.lead@anytown.example"]
    body = to_safeguarding.get_content()
    assert case.reference in to_safeguarding["Subject"]
    assert f"http://localhost/staff/cases/{case.reference}" in body
    # The reference and a link, nothing more: not the words that matched, not the message, not the child's details.
    assert "scared" not in body.lower() and "angry" not in body.lower()
    assert "Not given" not in body and "In care" not in body
    stored = db.session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == "safeguarding.lead@anytown.example")
        .order_by(OutboxMessage.id)
    )
    assert stored.status == OutboxStatus.SENT
    assert stored.case_id == case.id

    page = BeautifulSoup(sent.get_data(as_text=True), "html.parser")
    first = page.select_one("#help-now-first")
    assert first is not None and "child-help-now--prominent" in first["class"]
    assert HELP_NOW in " ".join(first.get_text().split())
    assert page.select_one("main").select(".child-help-now")[0] is first  # before everything else on the page


def test_a_phrase_in_any_answer_the_child_writes_is_found(client, theme_ids, app_sends_by_smtp):
    configure(["hurt me"])
    pages = child_pages(IDEA, theme_ids, **{"make-it-better": {"better": "Stop them. They HURT me."}})
    post_pages(client, pages)
    send(client)
    assert db.session.scalar(select(Case)).safeguarding_matches == ["hurt me"]


def test_a_message_without_a_phrase_is_not_flagged_and_nobody_is_alarmed(client, theme_ids, app_sends_by_smtp):
    configure(["scared to go home", "hurt me"])
    post_pages(client, child_pages(SOMETHING_WRONG, theme_ids, words="I am scared of spiders. My hurt knee is better."))
    sent = send(client)

    case = db.session.scalar(select(Case))
    assert case.safeguarding_flag is False
    assert case.safeguarding_matches == []
    assert [m["To"] for m in app_sends_by_smtp.messages if "safeguarding" in m["To"]] == []
    assert (
        db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == "safeguarding.lead@anytown.example")
            .order_by(OutboxMessage.id)
        )
        is None
    )
    page = BeautifulSoup(sent.get_data(as_text=True), "html.parser")
    assert page.select_one("#help-now-first") is None
    # The usual help-now box is still there, as on every page.
    assert HELP_NOW in " ".join(page.select_one("#help-now").get_text().split())


def test_the_smtp_settings_are_put_back_after_the_test(app):
    assert app.config["SMTP_HOST"] == ""


def test_a_flagged_childs_confirmation_promises_no_reply_date_and_says_when_it_will_be_read(
    client, theme_ids, app_sends_by_smtp
):
    configure(["hit me"])
    settings = council_settings()
    settings.urgent_read_by_text = "Someone reads these messages every weekday by 10am."
    settings.urgent_out_of_hours_text = "At night, call the duty team on 01632 960 999."
    db.session.commit()
    post_pages(client, child_pages(WORRIED, theme_ids, words="My dad keeps hitting me."))
    page = BeautifulSoup(send(client).get_data(as_text=True), "html.parser")
    case = db.session.scalar(select(Case))
    text = " ".join(page.select_one("main").get_text().split())

    assert case.safeguarding_flag and case.acknowledgement_due_on is not None
    due = case.acknowledgement_due_on
    for promised in (f"{due.day} {due:%B}", f"{due:%A}", "working days", "in touch by", "read it by"):
        assert promised not in text, promised
    first = " ".join(page.select_one("#help-now-first").get_text().split())
    assert HELP_NOW in first and "adult you trust" in first
    assert text.index("call 999") < text.index("Sent. Thank you!")
    when = page.select_one("#when-we-read-it").find_next_siblings("p")
    assert [paragraph.get_text() for paragraph in when[:2]] == [
        "Someone reads these messages every weekday by 10am.",
        "At night, call the duty team on 01632 960 999.",
    ]
    # Nothing goes to the child: the Participation Team gets in touch the way the child chose.
    assert {message["To"] for message in app_sends_by_smtp.messages} == {
        "safeguarding.lead@anytown.example",
        "participation@anytown.example",
    }
