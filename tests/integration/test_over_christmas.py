"""Each procedure over Christmas 2026, with the clock moved: sent online on Tuesday 22 December, screened that day,
and looked at by staff on Thursday 24 December.

England and Wales bank holidays: Christmas Day is Friday 25 December and Boxing Day, a Saturday, is observed on Monday
28 December. So the working days after 22 December are 23, 24, 29, 30 and 31 December, then (New Year's Day being
Friday 1 January 2027) 4 to 8 January.
"""

from datetime import date

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case
from tests.integration.auth.staff import make_staff
from tests.integration.intake.conftest import post_pages, team_id  # noqa: F401
from tests.integration.intake.journey_data import comment_pages, complaint_pages, compliment_pages
from tests.integration.screening.conftest import screening_post
from tests.integration.switching import sign_in_as

SENT_AND_SCREENED = date(2026, 12, 22)
CHRISTMAS_EVE = date(2026, 12, 24)


def words(html: str, selector: str) -> str:
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    return " | ".join(found.stripped_strings) if found else ""


def sent_and_screened(client, team_id, today_is, journey: str, decision: str):  # noqa: F811
    """The case as staff see it on Christmas Eve: (its row in the case list, its summary page)."""
    today_is(SENT_AND_SCREENED)
    if journey == "complaint":
        post_pages(client, journey, complaint_pages(team_id))
        client.post("/complaint/check-answers", data={"declaration": "y"})
    else:
        post_pages(client, journey, comment_pages() if journey == "comment" else compliment_pages(team_id))
        client.post(f"/{journey}/check-answers")
    case = db.session.scalar(select(Case))
    officer = make_staff()
    sign_in_as(client, officer)
    answers = screening_post(
        case, action="decide", decision=decision, reason="As the checklist shows", discretion_reason="Illness"
    )
    assert client.post(f"/staff/cases/{case.reference}/screening", data=answers).status_code == 302

    today_is(CHRISTMAS_EVE)
    sign_in_as(client, officer)  # two days away from the keyboard ends any session
    queue = client.get("/staff/cases").get_data(as_text=True)
    summary = client.get(f"/staff/cases/{case.reference}").get_data(as_text=True)
    return case, words(queue, "#case-results tbody tr"), words(summary, "main")


def test_a_statutory_complaint_must_be_acknowledged_by_29_december(client, team_id, today_is):  # noqa: F811
    case, row, page = sent_and_screened(client, team_id, today_is, "complaint", "statutory")
    # Three working days to acknowledge (23, 24 and 29 December); Stage 1's ten end on Friday 8 January 2027.
    assert (case.acknowledgement_due_on, case.stages[0].due_on) == (date(2026, 12, 29), date(2027, 1, 8))
    assert "22 December 2026 | 29 December 2026 | 1 working day left" in row
    assert "Acknowledge the complaint | Due | 29 December 2026 | 1 working day left" in page
    assert "Acknowledgement | Due soon | Due by 29 December 2026: in 1 working day." in page
    assert case.reference in client.get("/staff/cases?queue=due").get_data(as_text=True)


def test_a_corporate_complaint_has_until_31_december_to_be_acknowledged(client, team_id, today_is):  # noqa: F811
    case, row, page = sent_and_screened(client, team_id, today_is, "complaint", "corporate")
    # Five working days to acknowledge; the corporate Stage 1 clock starts only when it is acknowledged.
    assert (case.acknowledgement_due_on, case.stages[0].due_on) == (date(2026, 12, 31), None)
    assert "22 December 2026 | 31 December 2026 | 3 working days left" in row
    assert "Acknowledge the complaint | Due | 31 December 2026 | 3 working days left" in page
    assert "Acknowledgement | On time | Due by 31 December 2026: 3 working days left." in page
    assert case.reference not in client.get("/staff/cases?queue=due").get_data(as_text=True)


def test_a_comment_is_answered_by_8_january(client, team_id, today_is):  # noqa: F811
    case, row, page = sent_and_screened(client, team_id, today_is, "comment", "comment")
    assert (case.acknowledgement_due_on, case.response_due_on) == (None, date(2027, 1, 8))
    assert "22 December 2026 | 8 January 2027 | 8 working days left" in row
    assert "Response to the comment | Due | 8 January 2027 | 8 working days left" in page
    assert "Acknowledgement | By the receipt" in page
    assert "Reply promised by | 8 January 2027" in page


def test_a_compliment_is_closed_with_no_deadline(client, team_id, today_is):  # noqa: F811
    case, row, page = sent_and_screened(client, team_id, today_is, "compliment", "compliment")
    assert (case.closed_on, case.acknowledgement_due_on, case.response_due_on) == (SENT_AND_SCREENED, None, None)
    assert "Compliment | Closed | 22 December 2026 | None" in row
    assert "Current step | Closed | Due | No deadline" in page
    assert "Overdue" not in page
