"""The comment and compliment journeys."""

from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import Case, OutboxMessage, Person
from portal.domain.types import FeedbackKind, SubmitterRole
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import comment_pages, compliment_pages


def test_comment_with_a_reply_is_acknowledged(client, team_id):
    post_pages(client, "comment", comment_pages())
    response = client.post("/comment/check-answers")
    assert response.headers["Location"].endswith("/comment/sent")
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMMENT
    assert case.summary == "Foster carer training dates"
    assert case.submitter.email == "quinn.hartley@example.com"
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).recipient == "quinn.hartley@example.com"
    assert case.reference in client.get("/comment/sent").get_data(as_text=True)


def test_comment_without_a_reply_asks_for_no_contact_details(client, team_id):
    pages = [page for page in comment_pages() if page[0] != "contact-details"]
    pages[2] = ("reply", {"wants_reply": "no"})
    post_pages(client, "comment", pages)
    assert client.get("/comment/contact-details").status_code == 302
    client.post("/comment/check-answers")
    case = db.session.scalar(select(Case))
    assert case.submitter is None
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert "You asked us not to reply" in client.get("/comment/sent").get_data(as_text=True)


def test_anonymous_compliment_sends_nobody_an_email(client, team_id):
    post_pages(client, "compliment", compliment_pages(team_id))
    client.post("/compliment/check-answers")
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMPLIMENT
    assert case.team_id == int(team_id)
    assert case.worker_name == "Lee"
    assert case.submitter.role == SubmitterRole.PROFESSIONAL
    assert case.submitter.organisation == "Anytown Primary School"
    assert case.submitter.email is None
    assert case.answers["may_publish"] == "yes"
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_compliment_with_an_email_is_thanked(client, team_id):
    pages = compliment_pages(team_id)
    pages[4] = ("contact-details", {"full_name": "Pat", "email": "pat@example.com", "phone": ""})
    post_pages(client, "compliment", pages)
    client.post("/compliment/check-answers")
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).recipient == "pat@example.com"


def test_compliment_team_choices_include_not_sure(client, team_id):
    html = client.get("/compliment/who-for").get_data(as_text=True)
    assert "I&#39;m not sure" in html or "I'm not sure" in html
    post_pages(client, "compliment", [("who-for", {"team": "dont_know", "worker_name": ""})])


def test_a_young_person_compliment_counts_as_made_by_a_child(client, team_id):
    pages = compliment_pages(team_id)
    pages[2] = ("about-you", {"compliment_role": "young_person", "organisation": ""})
    post_pages(client, "compliment", pages)
    client.post("/compliment/check-answers")
    assert db.session.scalar(select(Case)).made_by_child is True
    assert db.session.scalar(select(Person)).role == SubmitterRole.CHILD
