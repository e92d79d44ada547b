"""Regulation 8 of the 2006 Regulations: complaints on hold while concurrent proceedings run, and their clocks when
the hold ends."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.calendar import WorkingCalendar
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, Procedure
from portal.domain.workflow import (
    Hold,
    InvalidHold,
    InvalidTransition,
    Resumed,
    acknowledgement_due,
    deadline_for,
    end_hold,
    put_on_hold,
    review_hold,
)
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

POLICY = TimescalePolicy.default()
CALENDAR = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW)
S = CaseState
HELD_ON = date(2027, 2, 1)
REVIEW_ON = date(2027, 3, 1)
REASON = "A police enquiry into the same events is under way."


def hold(procedure=Procedure.STATUTORY, current=S.STAGE_1) -> Hold:
    return put_on_hold(procedure, current, REASON, REVIEW_ON, HELD_ON)


@pytest.mark.parametrize(
    ("procedure", "current"),
    [
        (Procedure.STATUTORY, S.SCREENING),
        (Procedure.STATUTORY, S.STAGE_1),
        (Procedure.STATUTORY, S.STAGE_2_REQUESTED),
        (Procedure.STATUTORY, S.STAGE_2),
        (Procedure.STATUTORY, S.STAGE_3_REQUESTED),
        (Procedure.STATUTORY, S.STAGE_3_PANEL_HELD),
        (Procedure.STATUTORY, S.STAGE_3_FINDINGS),
        (Procedure.CORPORATE, S.SCREENING),
        (Procedure.CORPORATE, S.STAGE_1),
        (Procedure.CORPORATE, S.STAGE_2_REQUESTED),
        (Procedure.CORPORATE, S.STAGE_2),
    ],
)
def test_a_complaint_can_be_held_from_screening_or_any_state_the_council_is_working_in(procedure, current):
    assert hold(procedure, current) == Hold(held_from=current, reason=REASON, held_on=HELD_ON, review_on=REVIEW_ON)


@pytest.mark.parametrize(
    ("procedure", "current"),
    [
        (Procedure.COMMENT, S.AWAITING_RESPONSE),
        (Procedure.STATUTORY, S.CLOSED),
        (Procedure.STATUTORY, S.MEDIATION),
        (Procedure.STATUTORY, S.OMBUDSMAN),
        # The complainant's time to escalate is theirs, not the council's work: nothing to hold.
        (Procedure.STATUTORY, S.STAGE_1_RESPONDED),
        (Procedure.STATUTORY, S.STAGE_2_ADJUDICATED),
        (Procedure.CORPORATE, S.STAGE_1_RESPONDED),
        (Procedure.STATUTORY, S.ON_HOLD),
        (Procedure.NOT_ACCEPTED, S.CLOSED),
        (Procedure.COMPLIMENT, S.SCREENING),
    ],
)
def test_what_cannot_be_held(procedure, current):
    with pytest.raises(InvalidTransition):
        hold(procedure, current)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_hold_needs_a_reason_to_tell_the_complainant(reason):
    with pytest.raises(InvalidHold, match="Enter why the complaint is on hold"):
        put_on_hold(Procedure.STATUTORY, S.STAGE_1, reason, REVIEW_ON, HELD_ON)


@pytest.mark.parametrize("review_on", [HELD_ON, date(2027, 1, 31)])
def test_the_review_date_is_after_the_hold_starts(review_on):
    with pytest.raises(InvalidHold, match="The review date must be after 1 February 2027"):
        put_on_hold(Procedure.STATUTORY, S.STAGE_1, REASON, review_on, HELD_ON)


def test_the_reason_is_kept_without_surrounding_space():
    assert put_on_hold(Procedure.STATUTORY, S.STAGE_1, f"  {REASON}\n", REVIEW_ON, HELD_ON).reason == REASON


def test_a_review_moves_the_review_date_on():
    reviewed = review_hold(hold(), date(2027, 4, 1), reviewed_on=REVIEW_ON)
    assert (reviewed.review_on, reviewed.held_on, reviewed.held_from) == (date(2027, 4, 1), HELD_ON, S.STAGE_1)
    with pytest.raises(InvalidHold, match="after 1 March 2027"):
        review_hold(hold(), REVIEW_ON, reviewed_on=REVIEW_ON)


def test_when_the_hold_ends_the_statutory_stage_1_clock_restarts_from_that_day():
    ended_on = date(2027, 5, 14)  # a Friday
    resumed = end_hold(Procedure.STATUTORY, hold(), ended_on, POLICY, CALENDAR, acknowledged=True)
    # 10 working days after Friday 14 May 2027, counted afresh whatever ran before the hold.
    assert resumed == Resumed(
        state=S.STAGE_1, clock_started_on=ended_on, due_on=date(2027, 5, 28), acknowledgement_due_on=None
    )


def test_a_complaint_held_at_screening_starts_stage_1_when_the_hold_ends():
    resumed = end_hold(
        Procedure.STATUTORY, hold(current=S.SCREENING), date(2027, 5, 14), POLICY, CALENDAR, acknowledged=False
    )
    assert resumed.state is S.STAGE_1
    assert resumed.acknowledgement_due_on == date(2027, 5, 19)
    assert resumed.due_on == date(2027, 5, 28)


def test_a_stage_2_hold_returns_to_stage_2_with_its_full_timescale():
    ended_on = date(2027, 5, 14)
    resumed = end_hold(Procedure.STATUTORY, hold(current=S.STAGE_2), ended_on, POLICY, CALENDAR, acknowledged=True)
    assert resumed.state is S.STAGE_2
    assert resumed.due_on == deadline_for(Procedure.STATUTORY, S.STAGE_2, ended_on, POLICY, CALENDAR)


def test_a_corporate_stage_1_clock_still_waits_for_the_acknowledgement():
    resumed = end_hold(
        Procedure.CORPORATE, hold(Procedure.CORPORATE, S.SCREENING), date(2027, 5, 14), POLICY, CALENDAR, False
    )
    assert resumed == Resumed(
        state=S.STAGE_1,
        clock_started_on=None,
        due_on=None,
        acknowledgement_due_on=acknowledgement_due(Procedure.CORPORATE, date(2027, 5, 14), POLICY, CALENDAR),
    )
    acknowledged = end_hold(
        Procedure.CORPORATE, hold(Procedure.CORPORATE, S.STAGE_1), date(2027, 5, 14), POLICY, CALENDAR, True
    )
    assert (acknowledged.clock_started_on, acknowledged.due_on) == (date(2027, 5, 14), date(2027, 5, 28))


def test_a_hold_cannot_end_before_it_began():
    with pytest.raises(InvalidHold, match="cannot end before it started on 1 February 2027"):
        end_hold(Procedure.STATUTORY, hold(), date(2027, 1, 29), POLICY, CALENDAR, acknowledged=True)


@settings(max_examples=150, deadline=None)
@given(
    held_on=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    days_held=st.integers(0, 400),
    current=st.sampled_from(
        [S.STAGE_1, S.STAGE_2_REQUESTED, S.STAGE_2, S.STAGE_3_REQUESTED, S.STAGE_3_PANEL_HELD, S.STAGE_3_FINDINGS]
    ),
)
def test_the_restarted_clock_is_always_a_full_timescale_from_the_day_the_hold_ends(held_on, days_held, current):
    held = put_on_hold(Procedure.STATUTORY, current, REASON, date.fromordinal(held_on.toordinal() + 1), held_on)
    ended_on = date.fromordinal(held_on.toordinal() + days_held)
    resumed = end_hold(Procedure.STATUTORY, held, ended_on, POLICY, CALENDAR, acknowledged=True)
    assert resumed.state is current
    assert resumed.clock_started_on == ended_on
    assert resumed.due_on == deadline_for(Procedure.STATUTORY, current, ended_on, POLICY, CALENDAR)
    if current is S.STAGE_2_REQUESTED:
        assert resumed.due_on is None  # the statutory Stage 2 clock waits for the terms of reference
    else:
        assert resumed.due_on > ended_on
