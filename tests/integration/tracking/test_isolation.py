"""A signed-in person cannot open another person's case by changing the address: tested for every tracking route in
the URL map (so a route added later is covered), with every method it answers, against a case that offers every
action. Nothing of the other case is shown and nothing about it changes."""

from datetime import date

from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import Attachment, AuditEvent, Case, OutboxMessage
from portal.domain.tracking import REQUESTS_FOR_STAFF
from portal.domain.types import CaseState
from tests.integration.tracking.conftest import OTHER_EMAIL, make_person_case, screen, send_stage_1_response, sign_in

RESPONDED = date(2027, 1, 15)
ANY_ANSWERS = {
    "answer": "no",
    "correction": "Something else",
    "information": "More about it",
    "reason": "I am not happy",
    "details": "Please help",
    "confirm": "yes",
}


def tracking_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("tracking.")]


def test_every_tracking_route_refuses_someone_elses_case(app, client, officer, manager):
    mine = screen(make_person_case(), officer)
    theirs = screen(
        make_person_case(email=OTHER_EMAIL, phone="07700 900 123", points=("Their private point about Ash",)),
        officer,
    )
    send_stage_1_response(theirs, officer, manager, RESPONDED)
    send_stage_1_response(mine, officer, manager, RESPONDED)
    [their_letter] = theirs.letters
    sign_in(client, mine)
    before = (theirs.state, theirs.closure, len(theirs.attachments), len(theirs.advocacy_referrals))
    messages_before = db.session.scalar(select(func.count(OutboxMessage.id)))
    values = {"reference": theirs.reference, "letter_id": str(their_letter.id), "token": "not-a-link"}
    checked = []
    for rule in tracking_rules(app):
        if "reference" not in rule.arguments:
            continue
        path = rule.rule
        for name, value in values.items():
            path = path.replace(f"<{name}>", value).replace(f"<int:{name}>", value)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(path, method=method, data=ANY_ANSWERS if method == "POST" else None)
            body = response.get_data(as_text=True)
            assert response.status_code == 404, (method, path, response.status_code)
            assert "Their private point about Ash" not in body and OTHER_EMAIL not in body
            checked.append((method, rule.endpoint))
        # The same route answers for the person's own case.
        if "GET" in rule.methods:
            own = path.replace(theirs.reference, mine.reference).replace(str(their_letter.id), str(mine.letters[0].id))
            assert client.get(own).status_code in (200, 302), own  # 302: an action this case does not offer now
    assert len({endpoint for _, endpoint in checked}) >= 8, checked
    db.session.expire_all()
    theirs = db.session.get(Case, theirs.id)
    assert (theirs.state, theirs.closure, len(theirs.attachments), len(theirs.advocacy_referrals)) == before
    assert theirs.state is CaseState.STAGE_1_RESPONDED
    requests_made = db.session.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.case_id == theirs.id, AuditEvent.action.in_(tuple(REQUESTS_FOR_STAFF))
        )
    )
    assert requests_made == 0
    assert db.session.scalar(select(func.count(Attachment.id)).where(Attachment.case_id == theirs.id)) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == messages_before


def test_your_cases_and_the_signed_link_pages_never_show_someone_elses_case(app, client, officer):
    mine = screen(make_person_case(), officer)
    theirs = screen(make_person_case(email=OTHER_EMAIL, phone=None), officer)
    sign_in(client, mine)
    for rule in tracking_rules(app):
        if "reference" in rule.arguments or "GET" not in rule.methods:
            continue
        path = rule.rule.replace("<token>", "not-a-link")
        body = client.get(path).get_data(as_text=True)
        assert theirs.reference not in body, path


def test_without_a_session_every_case_route_sends_the_person_to_sign_in(app, client, officer):
    case = screen(make_person_case(), officer)
    for rule in tracking_rules(app):
        if "reference" not in rule.arguments:
            continue
        path = rule.rule.replace("<reference>", case.reference).replace("<int:letter_id>", "1")
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(path, method=method, data=ANY_ANSWERS if method == "POST" else None)
            assert (response.status_code, response.headers.get("Location")) == (302, "/track"), (method, path)
