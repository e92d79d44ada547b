"""The Ombudsman: a complaint may go there from any stage or once closed; the enquiry's details and decision are kept;
a premature referral, or the Ombudsman asking for the next step, goes back into the procedure only at the stage
after the last response sent; remedies are tracked until evidenced."""

from datetime import date

import pytest

from portal.case_moves.moving import move_case
from portal.case_moves.requests import current_stage_2
from portal.casework import ombudsman
from portal.data.database import db
from portal.domain.types import CaseState, Closure, OmbudsmanStatus, Procedure, Progress, RemedyKind, TimescaleStep
from tests.integration.casework.conftest import make_case
from tests.integration.escalation.conftest import RECEIVED, page, responded
from tests.integration.stages.conftest import error_messages, soup

HEARD = date(2027, 2, 1)


def details(**fields) -> ombudsman.Details:
    return ombudsman.Details(
        **{"reference": "26 012 345", "status": OmbudsmanStatus.ENQUIRY, "received_on": HEARD, **fields}
    )


def test_an_early_referral_during_stage_1_goes_back_to_stage_1_with_a_fresh_clock(officer):
    case = responded(officer)
    case.state, case.progress = CaseState.STAGE_1, Progress.NONE
    db.session.commit()
    ombudsman.refer(case, officer, details(status=OmbudsmanStatus.PREMATURE_REFERRAL), HEARD)
    assert case.state is CaseState.OMBUDSMAN
    assert ombudsman.sent_back_to(case) is CaseState.STAGE_1
    ombudsman.send_back(case, officer, date(2027, 2, 3))
    stage_1 = case.stages[-1]
    assert (case.state, stage_1.step, stage_1.clock_started_on) == (
        CaseState.STAGE_1,
        TimescaleStep.STAGE_1_RESPONSE,
        date(2027, 2, 3),
    )


def test_after_stage_1_the_ombudsman_sends_the_case_on_to_stage_2_never_further(officer):
    case = responded(officer)
    move_case(case, officer, CaseState.CLOSED, on=HEARD, action="closed", closure=Closure.NOT_PURSUED)
    ombudsman.refer(case, officer, details(status=OmbudsmanStatus.INVESTIGATION), HEARD)
    assert ombudsman.sent_back_to(case) is CaseState.STAGE_2_REQUESTED
    ombudsman.send_back(case, officer, date(2027, 3, 1))
    stage_2 = current_stage_2(case)
    assert (case.state, stage_2.requested_on, stage_2.requested_through) == (
        CaseState.STAGE_2_REQUESTED,
        date(2027, 3, 1),
        "ombudsman",
    )


def test_after_the_last_response_only_closing_is_left(officer):
    case = responded(officer)
    case.state, case.progress = CaseState.CLOSED, Progress.STAGE_3
    db.session.commit()
    ombudsman.refer(case, officer, details(), HEARD)
    assert ombudsman.sent_back_to(case) is None
    with pytest.raises(ombudsman.StepError, match="only be closed"):
        ombudsman.send_back(case, officer, HEARD)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"received_on": date(2026, 12, 1)}, "on or after 4 January 2027"),
        ({"investigation_started_on": date(2027, 1, 30)}, "on or after 1 February 2027"),
        ({"received_on": date(2027, 3, 1)}, "today or in the past"),
    ],
)
def test_the_ombudsmans_dates_must_fit(officer, fields, message):
    case = responded(officer)
    with pytest.raises(ombudsman.StepError, match=message):
        ombudsman.refer(case, officer, details(**fields), date(2027, 2, 10))
    assert case.state is CaseState.STAGE_1_RESPONDED


def test_a_case_before_screening_cannot_go_to_the_ombudsman(officer, client_for):
    case = make_case(received_on=RECEIVED)
    assert not ombudsman.can_refer(case)
    team = client_for(officer)
    assert "cannot go to the Ombudsman" in soup(team.get(page(case, "/ombudsman"))).get_text()
    response = team.post(page(case, "/ombudsman"), data={"status": "enquiry", "received_on": ["1", "2", "2027"]})
    assert error_messages(response) == ["This case cannot go to the Ombudsman from where it is: received"]


def test_a_remedy_is_overdue_until_its_evidence_is_recorded(officer, client_for, today):
    case = responded(officer, procedure=Procedure.CORPORATE)
    ombudsman.refer(case, officer, details(status=OmbudsmanStatus.INVESTIGATION), HEARD)
    record = case.ombudsman_cases[-1]
    remedy = ombudsman.add_remedy(
        case, officer, record, RemedyKind.APOLOGY, "A letter of apology", None, date(2027, 3, 1)
    )
    team = client_for(officer)
    remedies = (
        soup(team.get(page(case, "/ombudsman"))).select_one(f"#remedy-{remedy.id} + dl").get_text(" ", strip=True)
    )
    assert "Overdue" in remedies
    response = team.post(page(case, f"/ombudsman/remedies/{remedy.id}/evidence"), data={})
    assert error_messages(response) == ["Enter the evidence that it was done", "Enter the date it was done"]
    ombudsman.record_evidence(case, officer, remedy, "Letter sent on 2 March", date(2027, 3, 2), today)
    remedies = (
        soup(team.get(page(case, "/ombudsman"))).select_one(f"#remedy-{remedy.id} + dl").get_text(" ", strip=True)
    )
    assert "Overdue" not in remedies and "Letter sent on 2 March" in remedies
