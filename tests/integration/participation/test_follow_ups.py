"""Closing the loop: sending the one-time link by text (GOV.UK Notify) or email (SMTP), the child's survey, answers
from a call, advocate-run checks, the one reminder, the adult survey, and the results report."""

import hashlib
import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.case_moves.closing import close_case
from portal.common.clock import uk_today, utc_now
from portal.data.database import db
from portal.data.models import AuditEvent, OutboxMessage
from portal.data.participation_models import FollowUp, SurveyLink
from portal.domain.closing_the_loop import AnswerMethod, Audience, Feeling, FollowUpStatus
from portal.domain.types import Closure, OutboxStatus
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import signed_in_as
from tests.integration.participation.conftest import CHILD_PHONE, adult_complaint, child_complaint, make_follow_up
from tests.integration.test_rate_limits import limits_on  # noqa: F401

LINK = re.compile(r"http://localhost/survey/([A-Za-z0-9_-]+)")
ANSWERS = {
    "rights": "yes",
    "what_happened": "partly",
    "taken_seriously": "yes",
    "action_taken": "not_sure",
    "in_time": "no",
    "improved": "yes",
    "advocacy": "yes",
    "feeling": "happy",
    "comment": "Thanks for listening <3",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def errors(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-error-summary__list li")]


@pytest.fixture
def closed(officer):
    """A child's complaint, closed today, with its follow-up waiting to be sent."""
    case = child_complaint()
    close_case(case, officer, Closure.RESOLVED, uk_today())
    return case, db.session.scalar(select(FollowUp).where(FollowUp.case_id == case.id))


def follow_up_url(case, follow_up, action: str = "") -> str:
    return f"/staff/participation/cases/{case.reference}/follow-ups/{follow_up.id}{action}"


def send_by_text(client, case, follow_up, **data):
    return client.post(
        follow_up_url(case, follow_up, "/send"), data={"channel": "sms", "phone": CHILD_PHONE, "remind": "yes", **data}
    )


def test_the_officer_sends_the_survey_by_text_through_notify(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    signed_in_as(client, officer)
    page = client.get(follow_up_url(case, follow_up))
    assert page.status_code == 200
    assert soup(page).select_one("input[name=phone]")["value"] == CHILD_PHONE

    response = send_by_text(client, case, follow_up)
    assert response.status_code == 302
    [request] = app_sends_by_notify.accepted
    assert request.path == "/v2/notifications/sms"
    assert request.json["phone_number"] == CHILD_PHONE
    body = request.json["personalisation"]["body"]
    token = LINK.search(body).group(1)
    assert "complaint" not in body.lower()  # someone else may read the child's phone

    db.session.refresh(follow_up)
    assert (follow_up.status, follow_up.asked_on, follow_up.reminder_wanted) == (FollowUpStatus.SENT, uk_today(), True)
    [link] = follow_up.links
    # Only a hash of the token is kept, and once the text has gone the outbox no longer holds the link either.
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert db.session.scalar(select(SurveyLink).where(SurveyLink.token_hash == token)) is None
    message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert message.status is OutboxStatus.SENT and token not in message.body
    assert token not in str(message.personalisation)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey_sent").order_by(AuditEvent.id))
    assert (event.case_id, event.actor_id, event.detail["channel"]) == (case.id, officer.id, "sms")
    assert token not in str(event.detail)


def test_the_survey_can_go_by_email_through_smtp(client, officer, closed, app_sends_by_smtp):
    case, follow_up = closed
    signed_in_as(client, officer)
    response = client.post(
        follow_up_url(case, follow_up, "/send"), data={"channel": "email", "email": "kit@example.com"}
    )
    assert response.status_code == 302
    [email] = app_sends_by_smtp.messages
    assert email["To"] == "kit@example.com"
    assert LINK.search(email.get_content())
    db.session.refresh(follow_up)
    assert follow_up.reminder_wanted is False


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"channel": "sms", "phone": ""}, "Enter a mobile phone number to send a text message"),
        ({"channel": "sms", "phone": "01632 960 001"}, "Enter a mobile phone number, like 07700 900 982"),
        ({"channel": "sms", "phone": "not a number"}, "Enter a phone number, like 01632 960 001, 07700 900 982 or"),
        ({"channel": "email", "email": ""}, "Enter an email address to send an email"),
        ({}, "Select text or email"),
    ],
)
def test_sending_needs_somewhere_to_send_it(client, officer, closed, data, message):
    case, follow_up = closed
    signed_in_as(client, officer)
    response = client.post(follow_up_url(case, follow_up, "/send"), data={**data, "phone": data.get("phone", "")})
    assert response.status_code == 400
    assert any(error.startswith(message) for error in errors(response)), errors(response)
    assert db.session.scalar(select(SurveyLink)) is None


def sent_token(client, officer, closed, stand_in) -> str:
    case, follow_up = closed
    signed_in_as(client, officer)
    assert send_by_text(client, case, follow_up).status_code == 302
    return LINK.search(stand_in.accepted[-1].json["personalisation"]["body"]).group(1)


def test_the_link_opens_the_survey_once(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    token = sent_token(client, officer, closed, app_sends_by_notify)
    page = client.get(f"/survey/{token}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert len(soup(page).select("fieldset")) == 8  # seven questions and how they feel now

    answered = client.post(f"/survey/{token}", data=ANSWERS)
    assert answered.status_code == 302
    assert "Thank you" in client.get(answered.headers["Location"]).get_data(as_text=True)
    db.session.refresh(follow_up)
    assert follow_up.status is FollowUpStatus.ANSWERED
    assert follow_up.answered_via is AnswerMethod.ONLINE
    assert follow_up.answers["what_happened"] == "partly"
    assert (follow_up.feeling, follow_up.comment) == (Feeling.HAPPY, "Thanks for listening <3")
    assert follow_up.links[0].used_at is not None

    again = client.get(f"/survey/{token}")
    assert again.status_code == 410
    assert "You have already answered" in again.get_data(as_text=True)
    resent = client.post(f"/survey/{token}", data={**ANSWERS, "comment": "changed"})
    assert resent.status_code == 410
    db.session.refresh(follow_up)
    assert follow_up.comment == "Thanks for listening <3"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey_answered").order_by(AuditEvent.id))
    assert (event.case_id, event.actor_id) == (case.id, None)


def test_any_answer_will_do_but_not_none(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    token = sent_token(client, officer, closed, app_sends_by_notify)
    empty = client.post(f"/survey/{token}", data={})
    assert empty.status_code == 200
    assert errors(empty) == ["Choose an answer to at least one question"]
    assert soup(empty).select_one(".govuk-error-summary a")["href"] == "#rights"
    db.session.refresh(follow_up)
    assert follow_up.status is FollowUpStatus.SENT and follow_up.links[0].used_at is None

    wrong = client.post(f"/survey/{token}", data={"rights": "maybe", "feeling": "grumpy"})
    assert wrong.status_code == 200 and len(errors(wrong)) == 2
    long = client.post(f"/survey/{token}", data={"comment": "x" * 2001})
    assert errors(long) == ["Use 2,000 characters or fewer"]
    assert "x" * 2001 in long.get_data(as_text=True)  # what was typed is kept

    just_a_feeling = client.post(f"/survey/{token}", data={"feeling": "very_sad"})
    assert just_a_feeling.status_code == 302
    db.session.refresh(follow_up)
    assert (follow_up.answers, follow_up.feeling) == ({}, Feeling.VERY_SAD)


def test_an_expired_or_unknown_link_does_not_work(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    token = sent_token(client, officer, closed, app_sends_by_notify)
    follow_up.links[0].expires_at = utc_now() - timedelta(seconds=1)
    db.session.commit()
    for path in (f"/survey/{token}", "/survey/not-a-real-link", f"/survey/{token[:-1]}"):
        response = client.get(path)
        assert response.status_code == 410, path
        assert "This link does not work now" in response.get_data(as_text=True)
    assert client.post(f"/survey/{token}", data=ANSWERS).status_code == 410
    db.session.refresh(follow_up)
    assert follow_up.status is FollowUpStatus.SENT


def test_a_second_link_stops_working_once_the_first_is_answered(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    first = sent_token(client, officer, closed, app_sends_by_notify)
    second = sent_token(client, officer, closed, app_sends_by_notify)
    assert first != second
    assert client.post(f"/survey/{second}", data=ANSWERS).status_code == 302
    assert client.get(f"/survey/{first}").status_code == 410


def test_answers_given_on_a_call_are_recorded_and_the_link_then_stops(client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    token = sent_token(client, officer, closed, app_sends_by_notify)
    signed_in_as(client, officer)
    form = client.get(follow_up_url(case, follow_up, "/answers"))
    assert "Did you understand your rights, entitlements and responsibilities?" in form.get_data(as_text=True)
    missing = client.post(follow_up_url(case, follow_up, "/answers"), data={"rights": "yes"})
    assert errors(missing) == ["Select how they answered"]
    saved = client.post(follow_up_url(case, follow_up, "/answers"), data={"method": "call", "rights": "no"})
    assert saved.status_code == 302
    db.session.refresh(follow_up)
    assert (follow_up.status, follow_up.answered_via, follow_up.recorded_by_id) == (
        FollowUpStatus.ANSWERED,
        AnswerMethod.CALL,
        officer.id,
    )
    page = client.get(follow_up_url(case, follow_up)).get_data(as_text=True)
    assert "Given phone call" in page or "phone call" in page
    assert client.get(f"/survey/{token}").status_code == 410
    again = client.post(follow_up_url(case, follow_up, "/answers"), data={"method": "call", "rights": "yes"})
    assert again.status_code == 302
    db.session.refresh(follow_up)
    assert follow_up.answers == {"rights": "no"}


def test_an_advocate_run_check_is_marked_and_needs_the_service(client, officer, closed):
    case, follow_up = closed
    signed_in_as(client, officer)
    refused = client.post(follow_up_url(case, follow_up, "/advocate"), data={"provider": ""})
    assert refused.status_code == 400 and errors(refused) == ["Enter the advocacy service"]
    client.post(follow_up_url(case, follow_up, "/advocate"), data={"provider": "Anytown Advocacy Service"})
    db.session.refresh(follow_up)
    assert (follow_up.status, follow_up.advocate_provider, follow_up.marked_on) == (
        FollowUpStatus.ADVOCATE_CHECK,
        "Anytown Advocacy Service",
        uk_today(),
    )
    assert follow_up.asked_on is None  # the council did not ask: counted apart
    assert "This follow-up is finished already" in client.post(
        follow_up_url(case, follow_up, "/send"), data={"channel": "sms", "phone": CHILD_PHONE}, follow_redirects=True
    ).get_data(as_text=True)


def test_no_answer_is_marked_with_why(client, officer, closed):
    case, follow_up = closed
    signed_in_as(client, officer)
    assert errors(client.post(follow_up_url(case, follow_up, "/not-answered"), data={})) == [
        "Enter why there is no answer"
    ]
    client.post(follow_up_url(case, follow_up, "/not-answered"), data={"note": "Did not want to talk about it."})
    db.session.refresh(follow_up)
    assert (follow_up.status, follow_up.asked_on, follow_up.note) == (
        FollowUpStatus.NOT_ANSWERED,
        uk_today(),
        "Did not want to talk about it.",
    )


def test_the_follow_up_page_is_an_audited_view(client, officer, closed):
    case, follow_up = closed
    signed_in_as(client, officer)
    client.get(follow_up_url(case, follow_up))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_viewed").order_by(AuditEvent.id))
    assert (event.case_id, event.detail) == (case.id, {"section": "follow-up"})


def test_an_adults_case_has_no_follow_up_page_for_participation(client, officer, manager):
    case = adult_complaint()
    follow_up = FollowUp(case_id=case.id, audience=Audience.CHILD, closed_on=uk_today())
    db.session.add(follow_up)
    db.session.commit()
    signed_in_as(client, officer)
    assert client.get(follow_up_url(case, follow_up)).status_code == 404


# The daily run ----------------------------------------------------------------------------------------------------


def test_one_reminder_after_the_set_days_with_a_new_link(app, client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    first = sent_token(client, officer, closed, app_sends_by_notify)
    runner = app.test_cli_runner()
    with overridden_config(app, SURVEY_REMINDER_DAYS=7):
        result = runner.invoke(args=["surveys", "send-due"])
        assert "0 reminder(s)" in result.output
        follow_up.asked_on = uk_today() - timedelta(days=7)
        db.session.commit()
        result = runner.invoke(args=["surveys", "send-due"])
        assert "1 reminder(s)" in result.output, result.output
        assert "0 reminder(s)" in runner.invoke(args=["surveys", "send-due"]).output
    assert len(app_sends_by_notify.accepted) == 2
    reminder = app_sends_by_notify.accepted[-1].json
    assert reminder["phone_number"] == CHILD_PHONE
    assert "A reminder" in reminder["personalisation"]["body"]
    second = LINK.search(reminder["personalisation"]["body"]).group(1)
    assert second != first
    db.session.refresh(follow_up)
    assert follow_up.reminded_on == uk_today()
    assert [link.reminder for link in follow_up.links] == [False, True]
    assert client.post(f"/survey/{second}", data=ANSWERS).status_code == 302


def test_no_reminder_when_the_officer_said_not_to(app, client, officer, closed, app_sends_by_notify):
    case, follow_up = closed
    signed_in_as(client, officer)
    client.post(follow_up_url(case, follow_up, "/send"), data={"channel": "sms", "phone": CHILD_PHONE})
    follow_up.asked_on = uk_today() - timedelta(days=30)
    db.session.commit()
    assert "0 reminder(s)" in app.test_cli_runner().invoke(args=["surveys", "send-due"]).output
    assert len(app_sends_by_notify.accepted) == 1


def test_the_adult_survey_is_emailed_by_the_daily_run(app, client, officer, app_sends_by_smtp):
    with overridden_config(app, ADULT_SURVEY=True):
        case = adult_complaint()
        close_case(case, officer, Closure.RESOLVED, uk_today())
        result = app.test_cli_runner().invoke(args=["surveys", "send-due"])
    assert "Sent 1 adult survey(s)" in result.output
    [email] = app_sends_by_smtp.messages
    assert email["To"] == "morgan@example.com"
    assert case.reference in email["Subject"]
    token = LINK.search(email.get_content()).group(1)
    page = client.get(f"/survey/{token}")
    assert "How did we handle your complaint?" in page.get_data(as_text=True)
    assert "child-voice" not in soup(page).body.get("class", [])
    assert client.post(f"/survey/{token}", data={"handled_well": "yes", "clear": "partly"}).status_code == 302
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.case_id == case.id))
    assert follow_up.answers == {"handled_well": "yes", "clear": "partly"}
    assert "Sent 0 adult survey(s)" in app.test_cli_runner().invoke(args=["surveys", "send-due"]).output


# Results ----------------------------------------------------------------------------------------------------------


def test_the_results_report_counts_asked_and_answering_by_quarter(client, officer):
    year = uk_today().year if uk_today().month >= 4 else uk_today().year - 1
    make_follow_up(FollowUpStatus.ANSWERED, date(year, 4, 10), answers={"rights": "yes"}, feeling=Feeling.HAPPY)
    make_follow_up(FollowUpStatus.ANSWERED, date(year, 5, 10), answers={"rights": "no", "in_time": "yes"})
    make_follow_up(FollowUpStatus.SENT, date(year, 6, 10))
    make_follow_up(FollowUpStatus.ADVOCATE_CHECK, None, marked_on=date(year, 6, 11))
    make_follow_up(FollowUpStatus.TO_DO, None)
    signed_in_as(client, officer)
    page = soup(client.get(f"/staff/participation/survey-results?year={year}"))
    text = " ".join(page.get_text(" ").split())
    assert f"April {year} to March {year + 1} Asked: 3 . Answering: 2 . Checked by their advocate instead: 1 ." in text
    assert f"April to June {year} Asked: 3 . Answering: 2" in text
    first_table = page.select("table")[0]
    rights = first_table.find("th", string="Did you understand your rights, entitlements and responsibilities?")
    assert [cell.get_text(strip=True) for cell in rights.find_parent("tr").select("td")] == ["1", "0", "1", "0", "0"]


@pytest.mark.parametrize("year", ["1999", "nonsense", "99999999999999999999"])
def test_the_results_report_copes_with_any_year(client, officer, year):
    signed_in_as(client, officer)
    assert client.get(f"/staff/participation/survey-results?year={year}").status_code == 200


@pytest.mark.usefixtures("limits_on")
def test_survey_links_are_rate_limited_like_every_public_look_up(client):
    for _ in range(60):
        assert client.get("/survey/not-a-real-link").status_code == 410
    assert client.get("/survey/not-a-real-link").status_code == 429
