"""Comments and compliments are acknowledged by their receipt: never overdue for an acknowledgement. A comment shows
its own response date in the queue, on the case and in its receipt."""

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import Case, OutboxMessage
from portal.data.queries.settings import timescale_policy
from portal.domain.types import CaseState, FeedbackKind, Procedure
from portal.domain.workflow import deadline_for
from tests.integration.auth.staff import make_staff
from tests.integration.intake.conftest import post_pages, team_id  # noqa: F401
from tests.integration.intake.journey_data import comment_pages, compliment_pages
from tests.integration.screening.conftest import screening_post
from tests.integration.switching import sign_in_as


def day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def queue_rows(client, queue: str = "") -> dict[str, str]:
    page = BeautifulSoup(client.get(f"/staff/cases{queue}").get_data(as_text=True), "html.parser")
    return {
        row.select_one("th a").get_text(strip=True): row.get_text(" ", strip=True)
        for row in page.select("#case-results tbody tr")
    }


def test_a_comment_received_today_is_never_overdue_and_shows_its_response_date(client, team_id):  # noqa: F811
    post_pages(client, "comment", comment_pages())
    client.post("/comment/check-answers")
    case = db.session.scalar(select(Case))
    reply_by = deadline_for(
        Procedure.COMMENT, CaseState.AWAITING_RESPONSE, uk_today(), timescale_policy(), council_calendar()
    )
    assert (case.acknowledgement_due_on, case.response_due_on) == (None, reply_by)

    # The receipt and the sent page promise that date.
    receipt = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
    assert f"reply to you by {reply_by:%A} {day(reply_by)}" in receipt.body
    assert f"We will reply to you by {reply_by:%A} {day(reply_by)}." in client.get("/comment/sent").get_data(
        as_text=True
    )

    sign_in_as(client, make_staff())
    row = queue_rows(client)[case.reference]
    assert day(reply_by) in row
    assert "Overdue" not in row
    assert case.reference not in queue_rows(client, "?queue=due")

    summary = BeautifulSoup(client.get(f"/staff/cases/{case.reference}").get_data(as_text=True), "html.parser")
    text = summary.get_text(" ", strip=True)
    assert f"Reply promised by {day(reply_by)}" in text
    assert "By the receipt" in text
    assert "Overdue" not in text


def test_a_comment_keeps_its_response_date_through_screening(client, team_id):  # noqa: F811
    post_pages(client, "comment", comment_pages())
    client.post("/comment/check-answers")
    case = db.session.scalar(select(Case))
    promised = case.response_due_on
    sign_in_as(client, make_staff())
    client.post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide", decision="comment")
    )
    db.session.refresh(case)
    assert (case.procedure, case.state, case.acknowledgement_due_on) == (
        Procedure.COMMENT,
        CaseState.AWAITING_RESPONSE,
        None,
    )
    assert case.stages[0].due_on == promised
    assert day(promised) in queue_rows(client)[case.reference]


def test_a_compliment_has_no_deadline_and_is_never_overdue(client, team_id):  # noqa: F811
    post_pages(client, "compliment", compliment_pages(team_id))
    client.post("/compliment/check-answers")
    case = db.session.scalar(select(Case))
    assert case.kind is FeedbackKind.COMPLIMENT
    assert (case.acknowledgement_due_on, case.response_due_on) == (None, None)
    sign_in_as(client, make_staff())
    assert "Overdue" not in queue_rows(client)[case.reference]
