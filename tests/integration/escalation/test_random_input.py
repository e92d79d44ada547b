"""Whatever staff post to the pages after Stage 1 (Stage 2, mediation, recommendations, the review panel, the
Ombudsman), with a case at any of their steps, the answer is a page, a redirect or a refusal: never a server error."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.case_moves import mediation
from portal.case_moves.moving import move_case
from portal.case_moves.requests import record_stage_2_request
from portal.casework import ombudsman
from portal.data.database import db
from portal.data.escalation_models import Recommendation
from portal.data.models import Case, Remedy, StaffUser
from portal.domain.types import CaseState, ClockEvent, OmbudsmanStatus, Procedure, RemedyKind, StaffRole
from tests.integration.auth.staff import make_staff
from tests.integration.escalation.conftest import responded
from tests.integration.test_access_matrix import build_url, staff_rules
from tests.integration.test_staff_random_input import VALUES, field_names

PATHS = ("/stage-2", "/stage-3", "/mediation", "/recommendations", "/ombudsman")
ASKED = date(2027, 1, 20)


def the_world(officer) -> list[Case]:
    """Cases at each step of the later stages, made once: hypothesis runs every example in one test."""
    cases = list(db.session.scalars(select(Case).order_by(Case.id)))
    if cases:
        return cases
    make_staff("ira@example.org", StaffRole.INVESTIGATOR, name="Ira Quennell")
    make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Tey")
    make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, name="Jamie Rivers")
    responded(officer)
    responded(officer, procedure=Procedure.CORPORATE)
    offered = responded(officer)
    record_stage_2_request(offered, ASKED, False, user=officer, today=ASKED)
    mediation.offer_mediation(offered, officer, ASKED, today=ASKED)
    investigating = responded(officer)
    record_stage_2_request(investigating, ASKED, False, user=officer, today=ASKED)
    move_case(
        investigating, officer, CaseState.STAGE_2, on=ASKED, action="tor", event=ClockEvent.TERMS_OF_REFERENCE_AGREED
    )
    db.session.add(Recommendation(case_id=investigating.id, stage=2, text="Cover visits", recorded_on=ASKED))
    panel = responded(officer)
    for state, event in (
        (CaseState.STAGE_2_REQUESTED, ClockEvent.STAGE_2_REQUESTED),
        (CaseState.STAGE_2, ClockEvent.TERMS_OF_REFERENCE_AGREED),
        (CaseState.STAGE_2_ADJUDICATED, ClockEvent.ADJUDICATION_SENT),
        (CaseState.STAGE_3_REQUESTED, ClockEvent.STAGE_3_REQUESTED),
    ):
        move_case(panel, officer, state, on=ASKED, action="moved", event=event)
    referred = responded(officer)
    details = ombudsman.Details(reference="26 1", status=OmbudsmanStatus.ENQUIRY, received_on=ASKED)
    ombudsman.refer(referred, officer, details, ASKED)
    record = referred.ombudsman_cases[-1]
    db.session.add(Remedy(case_id=referred.id, kind=RemedyKind.APOLOGY, due_on=ASKED, ombudsman_case_id=record.id))
    db.session.commit()
    return list(db.session.scalars(select(Case).order_by(Case.id)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_posts_to_the_later_stage_pages_never_cause_a_server_error(app, officer, client_for, data):
    cases = the_world(officer)
    case = data.draw(st.sampled_from(cases), label="case")
    rules = [
        (rule, roles)
        for rule, method, roles in staff_rules(app)
        if method == "POST" and any(path in rule.rule for path in PATHS)
    ]
    rule, roles = data.draw(st.sampled_from(rules), label="route")
    users = {user.role: user for user in db.session.scalars(select(StaffUser).order_by(StaffUser.id))}
    role = data.draw(st.sampled_from(sorted(set(roles) & set(users))), label="role")
    client = client_for(users[role])
    values = {
        "reference": case.reference,
        "remedy_id": case.remedies[0].id if case.remedies else 1,
        "recommendation_id": case.recommendations[0].id if case.recommendations else 1,
    }
    url = build_url(app, rule, {name: values.get(name, 1) for name in rule.arguments})
    page = url.rsplit("/", 1)[0] if "GET" not in rule.methods else url
    names = field_names(client.get(page).get_data(as_text=True))
    posted = {name: data.draw(VALUES, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    response = client.post(url, data=posted)
    assert response.status_code < 500, (url, posted, response.get_data(as_text=True)[:1500])
