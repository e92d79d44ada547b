"""Mediation, offered once a Stage 2 request is recorded (the built domain's order): declined, Stage 2 goes ahead;
accepted, the case is in mediation until the meeting, which closes it as resolved by mediation or sends it back to
the Stage 2 request."""

from datetime import date

import pytest

from portal.case_moves import mediation
from portal.case_moves.requests import record_stage_2_request
from portal.data.database import db
from portal.domain.types import CaseState, Closure, Finding, Procedure, Progress
from tests.integration.escalation.conftest import responded

ASKED = date(2027, 1, 20)


def requested(officer, procedure=Procedure.STATUTORY):
    case = responded(officer, procedure=procedure)
    record_stage_2_request(case, ASKED, False, user=officer, today=ASKED)
    return case


def test_mediation_is_offered_once_after_a_statutory_stage_2_request(officer):
    case = responded(officer)
    assert not mediation.can_offer(case)
    with pytest.raises(mediation.MediationError, match="after a request for Stage 2"):
        mediation.offer_mediation(case, officer, ASKED, today=ASKED)
    record_stage_2_request(case, ASKED, False, user=officer, today=ASKED)
    with pytest.raises(mediation.MediationError, match="on or after 20 January 2027"):
        mediation.offer_mediation(case, officer, date(2027, 1, 19), today=ASKED)
    offer = mediation.offer_mediation(case, officer, date(2027, 1, 21), "Alex Brannock", today=date(2027, 1, 21))
    assert (offer.offered_on, offer.mediator_name, offer.accepted) == (date(2027, 1, 21), "Alex Brannock", None)
    assert mediation.offer_waiting(case) is offer
    assert not mediation.can_offer(case)


def test_no_mediation_for_a_corporate_complaint(officer):
    case = requested(officer, Procedure.CORPORATE)
    assert not mediation.can_offer(case)


def test_declined_on_the_tracking_pages_leaves_the_stage_2_request_standing(officer):
    case = requested(officer)
    mediation.offer_mediation(case, officer, ASKED, today=ASKED)
    mediation.answer_mediation(case, False, date(2027, 1, 22), by_complainant=True, today=date(2027, 1, 22))
    current = mediation.current_mediation(case)
    assert (current.accepted, current.answered_on, current.answer_recorded_by_staff) == (
        False,
        date(2027, 1, 22),
        False,
    )
    assert case.state is CaseState.STAGE_2_REQUESTED
    assert mediation.offer_waiting(case) is None
    with pytest.raises(mediation.MediationError, match="no offer"):
        mediation.answer_mediation(case, True, date(2027, 1, 23), by_complainant=True, today=date(2027, 1, 23))


def test_resolved_by_mediation_closes_the_case_with_its_stage_1_outcome(officer):
    case = requested(officer)
    mediation.offer_mediation(case, officer, ASKED, today=ASKED)
    mediation.answer_mediation(
        case, True, date(2027, 1, 22), by_complainant=False, user=officer, today=date(2027, 1, 22)
    )
    assert case.state is CaseState.MEDIATION
    with pytest.raises(mediation.MediationError, match="on or after 22 January 2027"):
        mediation.record_outcome(case, officer, date(2027, 1, 21), True, None, today=date(2027, 2, 1))
    mediation.record_outcome(
        case, officer, date(2027, 1, 29), True, "Visits moved to Saturdays", today=date(2027, 2, 1)
    )
    db.session.refresh(case)
    assert (case.state, case.closure, case.finding, case.progress) == (
        CaseState.CLOSED,
        Closure.RESOLVED_BY_MEDIATION,
        Finding.NOT_UPHELD,
        Progress.STAGE_1,
    )
    assert mediation.current_mediation(case).outcome_notes == "Visits moved to Saturdays"


def test_not_resolved_takes_the_case_back_to_its_stage_2_request(officer):
    case = requested(officer)
    mediation.offer_mediation(case, officer, ASKED, today=ASKED)
    mediation.answer_mediation(case, True, ASKED, by_complainant=True, today=ASKED)
    mediation.record_outcome(case, officer, date(2027, 1, 29), False, None, today=date(2027, 1, 29))
    assert case.state is CaseState.STAGE_2_REQUESTED
    assert mediation.current_mediation(case).resolved is False
