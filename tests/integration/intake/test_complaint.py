"""The complaint journey through Flask's test client."""

import re
import time
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Case, Draft, OutboxMessage
from portal.domain.types import FeedbackKind, OutboxStatus
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def send(client):
    return client.post("/complaint/check-answers", data={"declaration": "y"})


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    summary = soup.select_one(".govuk-error-summary")
    return [item.get_text(strip=True) for item in summary.select("li")] if summary else []


def test_complaint_is_stored_with_its_acknowledgement(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    html = client.get("/complaint/check-answers").get_data(as_text=True)
    assert "Family time was cancelled three times with no notice." in html
    response = send(client)
    assert response.headers["Location"].endswith("/complaint/sent")
    sent = client.get("/complaint/sent").get_data(as_text=True)
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMPLAINT
    assert case.reference in sent
    assert case.children[0].name == "Riley"
    assert case.children[0].date_of_birth == date(2016, 5, 4)
    assert case.submitter.email == "sam.fairweather@example.com"
    assert case.submitter.contact_methods == ["email", "text"]
    assert case.team_id == int(team_id)
    assert case.equalities.ethnicity == "prefer_not_to_say"
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.recipient == "sam.fairweather@example.com"
    assert case.reference in message.body


def test_confirmation_gives_the_acknowledgement_date_from_the_calendar(client, team_id):
    from portal.common.filters import govuk_date_with_day
    from portal.common.working_calendar import council_calendar
    from portal.data.queries.settings import timescale_policy
    from portal.domain.workflow import acknowledgement_due

    post_pages(client, "complaint", complaint_pages(team_id))
    send(client)
    sent = client.get("/complaint/sent").get_data(as_text=True)
    expected = acknowledgement_due(FeedbackKind.COMPLAINT, uk_today(), timescale_policy(), council_calendar())
    assert f"We will contact you by {govuk_date_with_day(expected)}" in sent
    assert db.session.scalar(select(Case)).acknowledgement_due_on == expected


def test_acknowledgement_reaches_a_real_smtp_server(client, team_id, app_sends_by_smtp):
    post_pages(client, "complaint", complaint_pages(team_id))
    send(client)
    case = db.session.scalar(select(Case))
    assert len(app_sends_by_smtp.messages) == 1
    email = app_sends_by_smtp.messages[0]
    assert email["Subject"] == f"We have received your complaint: {case.reference}"
    assert email["To"] == "sam.fairweather@example.com"
    body = email.get_content()
    assert case.reference in body
    assert "What happens next" in body
    assert "Childline" in body


def test_case_is_kept_when_smtp_is_down_and_sent_once_when_it_returns(client, cli_runner, team_id, app_sends_by_smtp):
    app_sends_by_smtp.stop()
    post_pages(client, "complaint", complaint_pages(team_id))
    response = send(client)
    assert response.status_code == 302
    assert "Your reference number" in client.get("/complaint/sent").get_data(as_text=True)
    assert count(Case) == 1
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    app_sends_by_smtp.start()
    db.session.execute(db.update(OutboxMessage).values(next_attempt_at=message.created_at))
    db.session.commit()
    assert "Sent 1" in cli_runner.invoke(args=["outbox", "deliver"]).output
    assert "Sent 0" in cli_runner.invoke(args=["outbox", "deliver"]).output
    assert len(app_sends_by_smtp.messages) == 1


def test_sending_twice_makes_one_case_and_says_it_was_sent(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    first = send(client)
    second = send(client)  # a second tab, or Back and Send again
    assert first.status_code == 302
    reference = db.session.scalar(select(Case)).reference
    assert second.status_code == 200
    text = " ".join(BeautifulSoup(second.data, "html.parser").main.get_text().split())
    assert f"You have already sent this complaint Your reference number is {reference}" in text
    assert count(Case) == 1
    assert count(OutboxMessage) == 1


def test_back_after_sending_or_another_tab_says_it_was_sent_until_a_new_one_is_started(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    send(client)
    reference = db.session.scalar(select(Case)).reference
    for path in ("/complaint/check-answers", "/complaint/equalities", "/complaint/who-are-you"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "You have already sent this complaint" in page.get_data(as_text=True), path
        assert reference in page.get_data(as_text=True), path
    assert client.get("/complaint").headers["Location"].endswith("/complaint/who-are-you")
    assert "Who are you?" in client.get("/complaint/who-are-you").get_data(as_text=True)
    # Another kind of feedback is never told this one was sent.
    assert "already sent" not in client.get("/comment/what-about").get_data(as_text=True)


def test_a_double_click_with_the_same_draft_makes_one_case(app, client, team_id):
    """Two requests carrying the same session: the second finds the draft already sent."""
    post_pages(client, "complaint", complaint_pages(team_id))
    with client.session_transaction() as session:
        saved_session = dict(session)
    send(client)
    with client.session_transaction() as session:
        session.update(saved_session)
    again = send(client)
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/complaint/sent")
    assert count(Case) == 1


def test_pages_cannot_be_skipped(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:3])
    response = client.get("/complaint/what-happened")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/complaint/child-details")


def test_check_answers_sends_back_to_an_unfinished_page(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:6])
    response = client.get("/complaint/check-answers")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/complaint/when-it-happened")


def test_changing_an_answer_keeps_the_others(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    response = client.post("/complaint/what-happened?change=1", data={"what_happened": "A new account."})
    assert response.headers["Location"].endswith("/complaint/check-answers")
    html = client.get("/complaint/check-answers").get_data(as_text=True)
    assert "A new account." in html
    assert "A reliable plan for family time." in html
    assert "Riley" in html


def test_a_change_that_opens_a_new_page_asks_it(client, team_id):
    pages = complaint_pages(team_id)
    pages[1] = ("about-a-child", {"about_child": "no"})
    skipped = {"on-behalf", "child-details", "child-agrees"}
    post_pages(client, "complaint", [page for page in pages if page[0] not in skipped])
    response = client.post("/complaint/about-a-child?change=1", data={"about_child": "yes"})
    assert response.headers["Location"].endswith("/complaint/on-behalf?change=1&new=1")
    response = client.post("/complaint/on-behalf?change=1&new=1", data={"on_behalf_of_child": "yes"})
    assert response.headers["Location"].endswith("/complaint/child-details?change=1&new=1")
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    assert "Your change means we need to ask this as well" in page.select_one("#new-question").get_text()
    assert page.select_one(".govuk-back-link")["href"] == "/complaint/check-answers"
    details = {"child_name": "Riley", "child_date_of_birth": ["", "", ""], "child_age": "9"}
    assert (
        client.post("/complaint/child-details?change=1&new=1", data=details)
        .headers["Location"]
        .endswith("/complaint/child-agrees?change=1&new=1")
    )
    response = client.post("/complaint/child-agrees?change=1&new=1", data={"child_agrees": "yes"})
    assert response.headers["Location"].endswith("/complaint/check-answers")


def test_a_change_that_opens_nothing_new_goes_back_to_checking(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    response = client.post("/complaint/what-happened?change=1", data={"what_happened": "Changed."})
    assert response.headers["Location"].endswith("/complaint/check-answers")


def test_answers_are_listed_in_the_order_asked_with_only_what_was_answered(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    page = BeautifulSoup(client.get("/complaint/check-answers").data, "html.parser")
    keys = [" ".join(key.get_text().split()) for key in page.select(".govuk-summary-list__key")]
    assert keys[:7] == [
        "Who are you?",
        "Is your complaint about a child or young person?",
        "Are you making the complaint on the child's behalf?",
        "Child's name",
        "Date of birth",
        "Does the child know about this complaint and agree with it?",
        "What happened?",
    ]
    assert keys.index("Date it happened") < keys.index("Which team or service is it about?")
    assert keys.index("Which team or service is it about?") + 1 == keys.index("Name of the worker, if you know it")
    assert keys.index("Have you raised this with us before?") < keys.index("Full name")
    # Left blank, so not listed: the child's age (a date of birth was given), the rough date, the old reference.
    for blank in (
        "Age, if you do not know their date of birth",
        "If you do not know the exact date, tell us roughly when",
    ):
        assert blank not in keys
    assert "Not given" not in page.get_text()


def test_answers_to_pages_that_no_longer_apply_are_not_sent(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    client.post("/complaint/about-a-child?change=1", data={"about_child": "no"})
    send(client)
    case = db.session.scalar(select(Case))
    assert case.children == []
    assert "child_name" not in case.answers


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("who-are-you", {}, "Select who you are"),
        ("who-are-you", {"role": "astronaut"}, "Not a valid choice."),
        ("about-a-child", {}, "Select yes if your complaint is about a child or young person"),
        ("on-behalf", {}, "Select yes if you are making the complaint on the child's behalf"),
        ("what-happened", {"what_happened": "   "}, "Enter what happened"),
        ("what-happened", {"what_happened": "x" * 10001}, "What happened must be 10,000 characters or fewer"),
        (
            "when-it-happened",
            {"happened_on": ["", "", ""], "happened_when": ""},
            "Enter the date it happened, or roughly when",
        ),
        ("when-it-happened", {"happened_on": ["31", "2", "2024"]}, "The date it happened must be a real date"),
        ("when-it-happened", {"happened_on": ["3", "", "2024"]}, "The date it happened must include a month"),
    ],
)
def test_bad_answers_get_govuk_errors(client, team_id, slug, data, message):
    pages = complaint_pages(team_id)
    post_pages(client, "complaint", pages[: [name for name, _ in pages].index(slug)])
    response = client.post(f"/complaint/{slug}", data=data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert "<title>Error: " in response.get_data(as_text=True)


def test_a_future_date_is_refused(client, team_id):
    pages = complaint_pages(team_id)
    post_pages(client, "complaint", pages[:6])
    tomorrow = uk_today() + timedelta(days=1)
    response = client.post(
        "/complaint/when-it-happened",
        data={"happened_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]},
    )
    assert "The date it happened must be today or in the past" in error_summary(response)


def test_contact_details_are_checked(client, team_id):
    pages = complaint_pages(team_id)
    post_pages(client, "complaint", pages[:11])
    response = client.post(
        "/complaint/contact-details", data={"full_name": "Sam", "email": "not-an-email", "phone": "12"}
    )
    errors = error_summary(response)
    assert "Enter an email address in the correct format, like name@example.com" in errors
    assert any(error.startswith("Enter a phone number") for error in errors)
    response = client.post("/complaint/contact-details", data={"full_name": "Sam"})
    assert "Enter an email address, phone number or address so we can reply" in error_summary(response)


def test_contact_methods_need_matching_details(client, team_id):
    pages = complaint_pages(team_id)
    pages[11] = ("contact-details", {"full_name": "Sam", "email": "sam@example.com"})
    post_pages(client, "complaint", pages[:12])
    response = client.post(
        "/complaint/contact-preferences",
        data={"contact_methods": ["post"], "voicemail_ok": "no", "letters_ok": "yes"},
    )
    assert any("You have not given us details for: letter" in error for error in error_summary(response))


def test_the_declaration_is_required(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    response = client.post("/complaint/check-answers", data={})
    assert response.status_code == 200
    assert count(Case) == 0
    assert error_summary(response) == [
        "Confirm that the information you have given is true to the best of your knowledge"
    ]


def test_markup_is_stored_as_typed_and_shown_escaped(client, team_id):
    typed = "<script>alert(1)</script>They shouted <b>at me</b> &amp; left"
    pages = complaint_pages(team_id)
    pages[5] = ("what-happened", {"what_happened": typed})
    post_pages(client, "complaint", pages)
    html = client.get("/complaint/check-answers").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;They shouted &lt;b&gt;at me&lt;/b&gt; &amp;amp; left" in html
    send(client)
    assert db.session.scalar(select(Case)).description == typed


def test_a_child_is_sent_to_the_childrens_journey(client):
    response = client.post("/complaint/who-are-you", data={"role": "child"})
    assert response.headers["Location"] == "/young-people"


def test_save_and_return_emails_a_link_that_restores_every_answer(app, team_id):
    first_browser = app.test_client()
    post_pages(first_browser, "complaint", complaint_pages(team_id)[:4])
    response = first_browser.post("/complaint/child-agrees", data={"child_agrees": "no", "save_and_return": "1"})
    assert response.headers["Location"].endswith("/complaint/save-and-return?from=child-agrees")
    first_browser.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "resume_link").order_by(OutboxMessage.id)
    )
    assert message.recipient == "sam@example.com"
    link = re.search(r"http://localhost/resume/\S+", message.body).group(0)

    second_browser = app.test_client()
    response = second_browser.get(link)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/complaint/what-happened")
    page = second_browser.get("/complaint/child-details").get_data(as_text=True)
    assert 'value="Riley"' in page
    agrees = second_browser.get("/complaint/child-agrees").get_data(as_text=True)
    assert 'value="no" checked' in agrees


def test_a_tampered_or_expired_resume_link_is_refused(app, client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:1])
    client.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    link = re.search(r"/resume/\S+", db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).body).group(0)
    assert app.test_client().get(link + "x").status_code == 410
    assert app.test_client().get(link).status_code == 302
    db.session.execute(db.update(Draft).values(expires_at=db.func.current_timestamp()))
    db.session.commit()
    assert app.test_client().get(link).status_code == 410


def test_a_resume_link_older_than_the_draft_lifetime_is_refused(app, client, team_id, monkeypatch):
    post_pages(client, "complaint", complaint_pages(team_id)[:1])
    client.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    link = re.search(r"/resume/\S+", db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).body).group(0)
    lifetime = app.config["DRAFT_EXPIRY_DAYS"] * 24 * 3600
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + lifetime + 60)
    assert app.test_client().get(link).status_code == 410


def test_a_newer_link_replaces_the_older_one(app, client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:1])
    client.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    client.post("/complaint/save-and-return", data={"email": "sam@example.com"})
    first, second = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    old_link = re.search(r"/resume/\S+", first.body).group(0)
    new_link = re.search(r"/resume/\S+", second.body).group(0)
    assert app.test_client().get(old_link).status_code == 410
    assert app.test_client().get(new_link).status_code == 302


def test_expired_drafts_are_purged(app, client, cli_runner, team_id):
    post_pages(client, "complaint", complaint_pages(team_id)[:2])
    assert count(Draft) == 1
    assert "Deleted 0 expired drafts." in cli_runner.invoke(args=["drafts", "purge"]).output
    db.session.execute(db.update(Draft).values(expires_at=db.func.current_timestamp()))
    db.session.commit()
    assert "Deleted 1 expired drafts." in cli_runner.invoke(args=["drafts", "purge"]).output
    assert count(Draft) == 0
