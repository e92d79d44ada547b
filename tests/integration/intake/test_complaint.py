"""The complaint journey through Flask's test client."""

from sqlalchemy import func, select

from portal.data.models import Case, OutboxMessage
from portal.domain.types import FeedbackKind
from portal.extensions import db
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_complaint_is_stored_with_its_acknowledgement(client, team_id):
    post_pages(client, "complaint", complaint_pages(team_id))
    check = client.get("/complaint/check-answers")
    assert check.status_code == 200
    html = check.get_data(as_text=True)
    assert "Family time was cancelled three times with no notice." in html
    response = client.post("/complaint/check-answers", data={"declaration": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/complaint/sent")
    sent = client.get("/complaint/sent").get_data(as_text=True)
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMPLAINT
    assert case.reference in sent
    assert case.children[0].name == "Riley"
    assert case.submitter.email == "sam.fairweather@example.com"
    assert case.team_id == int(team_id)
    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "sam.fairweather@example.com"
    assert case.reference in message.body
