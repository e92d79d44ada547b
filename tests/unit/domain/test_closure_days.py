"""Council closure days: never in a statutory clock (regulation 2 of the 2006 Regulations), in the corporate and
comment clocks when the council's policy says so (domain.md section 4)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.calendar import WorkingCalendar, add_working_days
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, FeedbackKind, Procedure, TimescaleStep
from portal.domain.workflow import acknowledgement_due, deadline_for, due_date, non_working_days, response_due
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

POLICY = TimescalePolicy.default()
CHRISTMAS_EVE_CLOSED = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=frozenset({date(2026, 12, 24)}))
RECEIVED = date(2026, 12, 22)  # a Tuesday; 25 December is a Friday and Boxing Day is made up on Monday 28 December


def test_the_acceptance_example_a_closure_day_never_moves_the_statutory_acknowledgement():
    # 3 working days: 23 and 24 December (the closure day counts), then 29 December after Christmas Day, the
    # weekend and Monday 28 December (Boxing Day's substitute bank holiday).
    assert acknowledgement_due(Procedure.STATUTORY, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED) == date(2026, 12, 29)


def test_the_acceptance_example_the_corporate_acknowledgement_counts_the_closure_day_out():
    # 5 working days. Counting 24 December as a working day they end on 31 December 2026; counted out (the default)
    # the fifth is Monday 4 January 2027, since 1 January is a bank holiday.
    counted_in = POLICY.with_overrides({"corporate": {"skip_closure_days": False}})
    assert acknowledgement_due(Procedure.CORPORATE, RECEIVED, counted_in, CHRISTMAS_EVE_CLOSED) == date(2026, 12, 31)
    assert acknowledgement_due(Procedure.CORPORATE, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED) == date(2027, 1, 4)


def test_before_screening_a_complaint_is_acknowledged_by_the_statutory_date():
    assert acknowledgement_due(FeedbackKind.COMPLAINT, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED) == date(2026, 12, 29)


def test_a_comment_response_skips_closure_days_unless_the_council_counts_them():
    comment = deadline_for(Procedure.COMMENT, CaseState.AWAITING_RESPONSE, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED)
    counted_in = POLICY.with_overrides({"comment": {"skip_closure_days": False}})
    counted = deadline_for(Procedure.COMMENT, CaseState.AWAITING_RESPONSE, RECEIVED, counted_in, CHRISTMAS_EVE_CLOSED)
    assert (counted, comment) == (date(2027, 1, 8), date(2027, 1, 11))


@pytest.mark.parametrize(
    ("procedure_or_kind", "skips"),
    [
        (Procedure.STATUTORY, False),
        (Procedure.CORPORATE, True),
        (Procedure.COMMENT, True),
        (Procedure.COMPLIMENT, False),
        (Procedure.NOT_ACCEPTED, False),
        (Procedure.OUTSIDE_PROCEDURES, False),
        (FeedbackKind.COMPLAINT, False),
        (FeedbackKind.ADVOCACY_REQUEST, False),
        (FeedbackKind.COMMENT, True),
        (FeedbackKind.COMPLIMENT, False),
        (FeedbackKind.DUTY_MATTER, False),
        (None, False),
    ],
)
def test_which_clocks_skip_closure_days_by_default(procedure_or_kind, skips):
    days = non_working_days(procedure_or_kind, POLICY, CHRISTMAS_EVE_CLOSED)
    assert (date(2026, 12, 24) in days) is skips
    assert BANK_HOLIDAYS_EW <= days


closure_days = st.frozensets(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=15)
started = st.dates(date(2026, 1, 1), date(2027, 10, 31))
STATUTORY_STEPS = [
    TimescaleStep.ACKNOWLEDGE,
    TimescaleStep.STAGE_1_RESPONSE,
    TimescaleStep.STAGE_2_RESPONSE,
    TimescaleStep.STAGE_3_PANEL,
]


@settings(max_examples=150, deadline=None)
@given(closed=closure_days, started_on=started, step=st.sampled_from(STATUTORY_STEPS))
def test_no_closure_day_ever_moves_a_statutory_deadline(closed, started_on, step):
    without = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW)
    with_closures = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=closed)
    assert due_date(Procedure.STATUTORY, step, started_on, POLICY, with_closures) == due_date(
        Procedure.STATUTORY, step, started_on, POLICY, without
    )


@settings(max_examples=150, deadline=None)
@given(closed=closure_days, started_on=started)
def test_a_corporate_deadline_moves_by_exactly_the_closure_days_in_its_way(closed, started_on):
    calendar = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=closed)
    due = due_date(Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE, started_on, POLICY, calendar)
    assert due == add_working_days(started_on, POLICY.corporate.stage_1, BANK_HOLIDAYS_EW | closed)
    unmoved = due_date(
        Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE, started_on, POLICY, WorkingCalendar(BANK_HOLIDAYS_EW)
    )
    assert due >= unmoved
    assert (due > unmoved) is any(started_on < day <= due and day.weekday() < 5 for day in closed - BANK_HOLIDAYS_EW)


def test_a_comment_receipt_promises_its_response_date_and_nothing_else_does():
    assert response_due(FeedbackKind.COMMENT, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED) == date(2027, 1, 11)
    for kind in (FeedbackKind.COMPLAINT, FeedbackKind.COMPLIMENT, FeedbackKind.ADVOCACY_REQUEST):
        assert response_due(kind, RECEIVED, POLICY, CHRISTMAS_EVE_CLOSED) is None
