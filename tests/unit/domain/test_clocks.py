"""The fourteen timed steps: which event starts and completes each clock, and every due date at its boundary across
weekends, Christmas 2026 (24 December a council closure day), Easter 2027 and the one-off bank holidays."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.calendar import WorkingCalendar, is_working_day, working_days_between
from portal.domain.clocks import (
    COMPLAINANT_WINDOWS,
    STATE_STEPS,
    TIMED_STEPS,
    Clock,
    EscalationRequest,
    InvalidRequest,
    check_escalation_request,
    clock_event,
    clocks_started_by,
    completed_by,
    counted_from,
    deadline_for,
    due_date,
    has_timescale,
    is_complainants_window,
    is_extendable,
    non_working_days,
    start_clock,
    steps_completed_by,
    steps_started_by,
    timescale_met,
)
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, ClockEvent, Procedure, TimescaleStep
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

POLICY = TimescalePolicy.default()
H = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW)
CHRISTMAS_EVE_CLOSED = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=frozenset({date(2026, 12, 24)}))
STATUTORY, CORPORATE, COMMENT = Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT
T, E, S = TimescaleStep, ClockEvent, CaseState
ONE_DAY = timedelta(days=1)

# (procedure, step, started on, calendar, extended, due): each worked out by hand, day by day, in the comment.
DUE_DATES = [
    # 23 (1), 24 (2: a closure day is a working day for the statutory clock), 25 and 28 bank holidays, 29 (3).
    (STATUTORY, T.ACKNOWLEDGE, date(2026, 12, 22), CHRISTMAS_EVE_CLOSED, False, date(2026, 12, 29)),
    # Received on a Saturday: Monday 3 (1), 4 (2), 5 (3).
    (STATUTORY, T.ACKNOWLEDGE, date(2025, 3, 1), H, False, date(2025, 3, 5)),
    # From Christmas Eve: 29, 30, 31 (3), 1 January a bank holiday, 4 to 8 (8), 11 (9), 12 (10).
    (STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 24), CHRISTMAS_EVE_CLOSED, False, date(2027, 1, 12)),
    # ... and 13 to 15, 18 to 22, 25 (19), 26 (20) when extended.
    (STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 24), CHRISTMAS_EVE_CLOSED, True, date(2027, 1, 26)),
    # Easter 2027: 19 to 25 March (5), Good Friday 26 and Easter Monday 29, 30 March to 16 April (19), 19 April (20).
    (STATUTORY, T.REQUEST_STAGE_2, date(2027, 3, 18), H, False, date(2027, 4, 19)),
    # Platinum Jubilee, 2 and 3 June 2022: 30 May to 1 June (3), 6 June to 1 July (23), 4 (24), 5 July (25).
    (STATUTORY, T.STAGE_2_RESPONSE, date(2022, 5, 27), H, False, date(2022, 7, 5)),
    (STATUTORY, T.STAGE_2_RESPONSE, date(2022, 2, 22), H, True, date(2022, 5, 27)),  # 65, over Easter 2022
    # Christmas 2025: 22 to 24 (3), 29 to 31 (6), 2 January (7) ... 21 January 2026 (20).
    (STATUTORY, T.REQUEST_STAGE_3, date(2025, 12, 19), H, False, date(2026, 1, 21)),
    # State Funeral, 19 September 2022: 1 to 16 September (12), 20 September to 13 October (30).
    (STATUTORY, T.STAGE_3_PANEL, date(2022, 8, 31), H, False, date(2022, 10, 13)),
    # Coronation, 8 May 2023: 5 (1), 9 to 12 May (5).
    (STATUTORY, T.STAGE_3_FINDINGS, date(2023, 5, 4), H, False, date(2023, 5, 12)),
    (STATUTORY, T.STAGE_3_RESPONSE, date(2022, 10, 20), H, False, date(2022, 11, 10)),
    # The corporate clock skips the closure day: 23 (1), 29 to 31 (4), 4 January (5).
    (CORPORATE, T.ACKNOWLEDGE, date(2026, 12, 22), CHRISTMAS_EVE_CLOSED, False, date(2027, 1, 4)),
    (CORPORATE, T.ACKNOWLEDGE, date(2026, 12, 22), H, False, date(2026, 12, 31)),
    (CORPORATE, T.ACKNOWLEDGE, date(2027, 12, 24), H, False, date(2028, 1, 5)),  # 3 January 2028 a substitute day
    # From 23 December 2026, closure day skipped: 29 to 31 (3), 4 to 8 (8), 11 (9), 12 January (10) ...
    (CORPORATE, T.STAGE_1_RESPONSE, date(2026, 12, 23), CHRISTMAS_EVE_CLOSED, False, date(2027, 1, 12)),
    (CORPORATE, T.STAGE_1_RESPONSE, date(2026, 12, 23), H, False, date(2027, 1, 11)),  # ... or counted: 11th
    (CORPORATE, T.STAGE_1_RESPONSE, date(2026, 12, 23), CHRISTMAS_EVE_CLOSED, True, date(2027, 1, 26)),
    # Easter 2027: 25 March (1), 30 March to 23 April (20).
    (CORPORATE, T.REQUEST_STAGE_2, date(2027, 3, 24), H, False, date(2027, 4, 23)),
    (CORPORATE, T.STAGE_2_ACKNOWLEDGE, date(2024, 12, 20), H, False, date(2024, 12, 31)),
    # Coronation and spring bank holiday 2023: 9 to 26 May (14), 30 May to 6 June (20) ...
    (CORPORATE, T.STAGE_2_RESPONSE, date(2023, 5, 5), H, False, date(2023, 6, 6)),
    (CORPORATE, T.STAGE_2_RESPONSE, date(2023, 5, 5), H, True, date(2023, 7, 4)),  # ... 7 June to 4 July (40)
    # Christmas 2021 and New Year 2022: 24 (1), 29 to 31 (4), 4 to 7 January (8), 10 (9), 11 (10).
    (COMMENT, T.COMMENT_RESPONSE, date(2021, 12, 23), H, False, date(2022, 1, 11)),
]


def test_there_are_fourteen_timed_steps():
    assert len(TIMED_STEPS) == 14
    assert [step for procedure, step in TIMED_STEPS if procedure is STATUTORY] == [
        T.ACKNOWLEDGE,
        T.STAGE_1_RESPONSE,
        T.REQUEST_STAGE_2,
        T.STAGE_2_RESPONSE,
        T.REQUEST_STAGE_3,
        T.STAGE_3_PANEL,
        T.STAGE_3_FINDINGS,
        T.STAGE_3_RESPONSE,
    ]
    assert [step for procedure, step in TIMED_STEPS if procedure is CORPORATE] == [
        T.ACKNOWLEDGE,
        T.STAGE_1_RESPONSE,
        T.REQUEST_STAGE_2,
        T.STAGE_2_ACKNOWLEDGE,
        T.STAGE_2_RESPONSE,
    ]
    assert [step for procedure, step in TIMED_STEPS if procedure is COMMENT] == [T.COMMENT_RESPONSE]


def test_every_timed_step_has_a_hand_worked_due_date():
    assert {(procedure, step) for procedure, step, *_ in DUE_DATES} == set(TIMED_STEPS)


@pytest.mark.parametrize(("procedure", "step", "started_on", "calendar", "extended", "due"), DUE_DATES)
def test_due_dates(procedure, step, started_on, calendar, extended, due):
    assert due_date(procedure, step, started_on, POLICY, calendar, extended=extended) == due


@pytest.mark.parametrize(("procedure", "step", "started_on", "calendar", "extended", "due"), DUE_DATES)
def test_each_due_date_at_its_boundary(procedure, step, started_on, calendar, extended, due):
    """Completed the day before, on the day and the day after the due date."""
    assert timescale_met(due - ONE_DAY, due)
    assert timescale_met(due, due)
    assert not timescale_met(due + ONE_DAY, due)
    # The due date is the last working day of the timescale: the day after it is beyond, whatever day it is.
    days_off = non_working_days(procedure, POLICY, calendar)
    days = getattr(getattr(POLICY, procedure.value), _setting(procedure, step, extended))
    assert working_days_between(started_on, due, days_off) == days
    assert working_days_between(started_on, due - ONE_DAY, days_off) == days - 1


def _setting(procedure, step, extended):
    names = {
        T.ACKNOWLEDGE: "acknowledge",
        T.STAGE_1_RESPONSE: "stage_1",
        T.REQUEST_STAGE_2: "request_stage_2",
        T.STAGE_2_ACKNOWLEDGE: "stage_2_acknowledge",
        T.STAGE_2_RESPONSE: "stage_2",
        T.REQUEST_STAGE_3: "request_stage_3",
        T.STAGE_3_PANEL: "stage_3_panel",
        T.STAGE_3_FINDINGS: "stage_3_findings",
        T.STAGE_3_RESPONSE: "stage_3_response",
        T.COMMENT_RESPONSE: "response",
    }
    return names[step] + ("_extended" if extended else "")


def test_an_extension_moves_the_boundary():
    due, extended_to = date(2027, 1, 12), date(2027, 1, 26)
    assert timescale_met(date(2027, 1, 26), due, extended_to)
    assert not timescale_met(date(2027, 1, 27), due, extended_to)
    assert not timescale_met(date(2027, 1, 13), due)


def test_a_council_override_changes_the_due_date():
    policy = POLICY.with_overrides({"statutory": {"stage_1": 8}})
    assert due_date(STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 18), policy, H) == date(2027, 1, 4)


# Which event starts and which completes each clock ------------------------------------------------------------------

EVENTS = {
    (STATUTORY, T.ACKNOWLEDGE): (E.RECEIVED, E.ACKNOWLEDGED),
    (STATUTORY, T.STAGE_1_RESPONSE): (E.RECEIVED, E.STAGE_1_RESPONSE_SENT),
    (STATUTORY, T.REQUEST_STAGE_2): (E.STAGE_1_RESPONSE_SENT, E.STAGE_2_REQUESTED),
    (STATUTORY, T.STAGE_2_RESPONSE): (E.TERMS_OF_REFERENCE_AGREED, E.ADJUDICATION_SENT),
    (STATUTORY, T.REQUEST_STAGE_3): (E.ADJUDICATION_SENT, E.STAGE_3_REQUESTED),
    (STATUTORY, T.STAGE_3_PANEL): (E.STAGE_3_REQUESTED, E.PANEL_HELD),
    (STATUTORY, T.STAGE_3_FINDINGS): (E.PANEL_HELD, E.FINDINGS_RECEIVED),
    (STATUTORY, T.STAGE_3_RESPONSE): (E.FINDINGS_RECEIVED, E.PANEL_RESPONSE_SENT),
    (CORPORATE, T.ACKNOWLEDGE): (E.RECEIVED, E.ACKNOWLEDGED),
    (CORPORATE, T.STAGE_1_RESPONSE): (E.ACKNOWLEDGED, E.STAGE_1_RESPONSE_SENT),
    (CORPORATE, T.REQUEST_STAGE_2): (E.STAGE_1_RESPONSE_SENT, E.STAGE_2_REQUESTED),
    (CORPORATE, T.STAGE_2_ACKNOWLEDGE): (E.STAGE_2_REQUESTED, E.STAGE_2_ACKNOWLEDGED),
    (CORPORATE, T.STAGE_2_RESPONSE): (E.STAGE_2_ACKNOWLEDGED, E.STAGE_2_RESPONSE_SENT),
    (COMMENT, T.COMMENT_RESPONSE): (E.RECEIVED, E.COMMENT_ANSWERED),
}


@pytest.mark.parametrize(("procedure", "step"), list(EVENTS))
def test_the_event_that_starts_and_the_event_that_completes_each_step(procedure, step):
    starts, completes = EVENTS[procedure, step]
    assert clock_event(procedure, step) is starts
    assert completed_by(procedure, step) is completes
    assert step in steps_started_by(procedure, starts)
    assert step in steps_completed_by(procedure, completes)
    assert counted_from(procedure, step).startswith("the day ")


@pytest.mark.parametrize(
    ("procedure", "event", "started", "completed"),
    [
        (STATUTORY, E.RECEIVED, [T.ACKNOWLEDGE, T.STAGE_1_RESPONSE], []),
        (STATUTORY, E.ACKNOWLEDGED, [], [T.ACKNOWLEDGE]),
        (STATUTORY, E.STAGE_1_RESPONSE_SENT, [T.REQUEST_STAGE_2], [T.STAGE_1_RESPONSE]),
        (STATUTORY, E.STAGE_2_REQUESTED, [], [T.REQUEST_STAGE_2]),
        (STATUTORY, E.TERMS_OF_REFERENCE_AGREED, [T.STAGE_2_RESPONSE], []),
        (STATUTORY, E.ADJUDICATION_SENT, [T.REQUEST_STAGE_3], [T.STAGE_2_RESPONSE]),
        (STATUTORY, E.STAGE_3_REQUESTED, [T.STAGE_3_PANEL], [T.REQUEST_STAGE_3]),
        (STATUTORY, E.PANEL_HELD, [T.STAGE_3_FINDINGS], [T.STAGE_3_PANEL]),
        (STATUTORY, E.FINDINGS_RECEIVED, [T.STAGE_3_RESPONSE], [T.STAGE_3_FINDINGS]),
        (STATUTORY, E.PANEL_RESPONSE_SENT, [], [T.STAGE_3_RESPONSE]),
        (STATUTORY, E.STAGE_2_ACKNOWLEDGED, [], []),  # the statutory procedure has no Stage 2 acknowledgement
        (CORPORATE, E.RECEIVED, [T.ACKNOWLEDGE], []),
        (CORPORATE, E.ACKNOWLEDGED, [T.STAGE_1_RESPONSE], [T.ACKNOWLEDGE]),
        (CORPORATE, E.STAGE_1_RESPONSE_SENT, [T.REQUEST_STAGE_2], [T.STAGE_1_RESPONSE]),
        (CORPORATE, E.STAGE_2_REQUESTED, [T.STAGE_2_ACKNOWLEDGE], [T.REQUEST_STAGE_2]),
        (CORPORATE, E.STAGE_2_ACKNOWLEDGED, [T.STAGE_2_RESPONSE], [T.STAGE_2_ACKNOWLEDGE]),
        (CORPORATE, E.STAGE_2_RESPONSE_SENT, [], [T.STAGE_2_RESPONSE]),
        (CORPORATE, E.ADJUDICATION_SENT, [], []),
        (COMMENT, E.RECEIVED, [T.COMMENT_RESPONSE], []),
        (COMMENT, E.COMMENT_ANSWERED, [], [T.COMMENT_RESPONSE]),
        (Procedure.COMPLIMENT, E.RECEIVED, [], []),
    ],
)
def test_what_each_event_starts_and_completes(procedure, event, started, completed):
    assert steps_started_by(procedure, event) == started
    assert steps_completed_by(procedure, event) == completed


def test_every_step_is_started_and_completed_by_exactly_one_event():
    for procedure, step in TIMED_STEPS:
        assert [event for event in ClockEvent if step in steps_started_by(procedure, event)] == [
            clock_event(procedure, step)
        ]
        assert [event for event in ClockEvent if step in steps_completed_by(procedure, event)] == [
            completed_by(procedure, step)
        ]
        assert clock_event(procedure, step) is not completed_by(procedure, step)


def test_receipt_starts_both_statutory_clocks_with_their_dates():
    assert clocks_started_by(STATUTORY, E.RECEIVED, date(2026, 12, 24), POLICY, CHRISTMAS_EVE_CLOSED) == [
        Clock(STATUTORY, T.ACKNOWLEDGE, date(2026, 12, 24), date(2026, 12, 31), date(2026, 12, 31)),
        Clock(STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 24), date(2027, 1, 12), date(2027, 1, 26)),
    ]


def test_a_clock_that_cannot_be_extended_has_its_due_date_as_its_latest():
    clock = start_clock(STATUTORY, T.STAGE_3_PANEL, date(2022, 8, 31), POLICY, H)
    assert clock.due_on == clock.latest_due_on == date(2022, 10, 13)


@pytest.mark.parametrize(
    ("procedure", "step"),
    [(CORPORATE, T.STAGE_3_PANEL), (COMMENT, T.ACKNOWLEDGE), (Procedure.COMPLIMENT, T.ACKNOWLEDGE)],
)
def test_a_step_the_procedure_does_not_time_is_refused(procedure, step):
    assert not has_timescale(procedure, step)
    for rule in (clock_event, completed_by, counted_from):
        with pytest.raises(ValueError, match="there is no timescale for"):
            rule(procedure, step)
    with pytest.raises(ValueError):
        due_date(procedure, step, date(2026, 1, 5), POLICY, H)


def test_what_the_clock_is_counted_from_in_words():
    assert counted_from(CORPORATE, T.STAGE_1_RESPONSE) == "the day the complaint was acknowledged"
    assert counted_from(STATUTORY, T.STAGE_2_RESPONSE) == "the day the terms of reference were agreed"


@pytest.mark.parametrize(
    ("procedure", "step", "expected"),
    [
        (STATUTORY, T.STAGE_1_RESPONSE, True),
        (STATUTORY, T.STAGE_2_RESPONSE, True),
        (CORPORATE, T.STAGE_1_RESPONSE, True),
        (CORPORATE, T.STAGE_2_RESPONSE, True),
        (STATUTORY, T.ACKNOWLEDGE, False),
        (STATUTORY, T.REQUEST_STAGE_2, False),
        (STATUTORY, T.STAGE_3_PANEL, False),
        (STATUTORY, T.STAGE_3_RESPONSE, False),
        (CORPORATE, T.STAGE_2_ACKNOWLEDGE, False),
        (COMMENT, T.COMMENT_RESPONSE, False),
        (Procedure.COMPLIMENT, T.STAGE_1_RESPONSE, False),
    ],
)
def test_is_extendable(procedure, step, expected):
    assert is_extendable(procedure, step) is expected


def test_a_step_that_cannot_be_extended_says_so():
    with pytest.raises(ValueError, match='"Review panel meeting" timescale cannot be extended'):
        due_date(STATUTORY, T.STAGE_3_PANEL, date(2026, 1, 5), POLICY, H, extended=True)


def test_the_complainants_windows():
    assert COMPLAINANT_WINDOWS == {T.REQUEST_STAGE_2, T.REQUEST_STAGE_3}
    assert [step for step in TimescaleStep if is_complainants_window(step)] == [T.REQUEST_STAGE_2, T.REQUEST_STAGE_3]


# Due dates by state -------------------------------------------------------------------------------------------------

STATE_DEADLINES = [
    (STATUTORY, S.RECEIVED, date(2026, 12, 18), False, date(2026, 12, 23)),
    (STATUTORY, S.SCREENING, date(2025, 3, 1), False, date(2025, 3, 5)),
    (STATUTORY, S.STAGE_1, date(2026, 12, 18), False, date(2027, 1, 6)),
    (STATUTORY, S.STAGE_1, date(2026, 12, 18), True, date(2027, 1, 20)),
    (STATUTORY, S.STAGE_1_RESPONDED, date(2027, 3, 18), False, date(2027, 4, 19)),
    (STATUTORY, S.STAGE_2, date(2022, 5, 27), False, date(2022, 7, 5)),
    (STATUTORY, S.STAGE_2, date(2022, 2, 22), True, date(2022, 5, 27)),
    (STATUTORY, S.STAGE_2_ADJUDICATED, date(2025, 12, 19), False, date(2026, 1, 21)),
    (STATUTORY, S.STAGE_3_REQUESTED, date(2022, 8, 31), False, date(2022, 10, 13)),
    (STATUTORY, S.STAGE_3_PANEL_HELD, date(2023, 5, 4), False, date(2023, 5, 12)),
    (STATUTORY, S.STAGE_3_FINDINGS, date(2022, 10, 20), False, date(2022, 11, 10)),
    (CORPORATE, S.RECEIVED, date(2026, 12, 18), False, date(2026, 12, 29)),  # 21 to 24 (4), 29 December (5)
    (CORPORATE, S.SCREENING, date(2026, 4, 1), False, date(2026, 4, 10)),  # Easter 2026
    (CORPORATE, S.STAGE_1, date(2026, 4, 10), False, date(2026, 4, 24)),
    (CORPORATE, S.STAGE_1, date(2026, 4, 10), True, date(2026, 5, 11)),  # early May bank holiday
    (CORPORATE, S.STAGE_1_RESPONDED, date(2027, 3, 24), False, date(2027, 4, 23)),
    (CORPORATE, S.STAGE_2_REQUESTED, date(2024, 12, 20), False, date(2024, 12, 31)),
    (CORPORATE, S.STAGE_2, date(2023, 5, 5), False, date(2023, 6, 6)),
    (COMMENT, S.RECEIVED, date(2021, 12, 23), False, date(2022, 1, 11)),
    (COMMENT, S.SCREENING, date(2021, 12, 23), False, date(2022, 1, 11)),
    (COMMENT, S.AWAITING_RESPONSE, date(2021, 12, 23), False, date(2022, 1, 11)),
]


@pytest.mark.parametrize(("procedure", "state", "started_on", "extended", "expected"), STATE_DEADLINES)
def test_deadline_for(procedure, state, started_on, extended, expected):
    assert deadline_for(procedure, state, started_on, POLICY, H, extended=extended) == expected


def test_every_state_with_a_step_has_a_hand_worked_deadline():
    assert {(procedure, state) for procedure, state, *_ in STATE_DEADLINES} == set(STATE_STEPS)


@pytest.mark.parametrize(
    ("procedure", "state"),
    [
        (STATUTORY, S.MEDIATION),
        (STATUTORY, S.STAGE_2_REQUESTED),  # the Stage 2 clock waits for the terms of reference
        (STATUTORY, S.OMBUDSMAN),
        (STATUTORY, S.ON_HOLD),
        (STATUTORY, S.CLOSED),
        (STATUTORY, S.AWAITING_RESPONSE),
        (CORPORATE, S.OMBUDSMAN),
        (CORPORATE, S.ON_HOLD),
        (CORPORATE, S.STAGE_2_ADJUDICATED),
        (Procedure.COMPLIMENT, S.RECEIVED),
        (Procedure.COMPLIMENT, S.CLOSED),
        (Procedure.NOT_ACCEPTED, S.SCREENING),
        (Procedure.OUTSIDE_PROCEDURES, S.RECEIVED),
    ],
)
def test_states_without_a_timescale_have_no_deadline(procedure, state):
    assert deadline_for(procedure, state, date(2026, 1, 5), POLICY, H) is None
    assert deadline_for(procedure, state, date(2026, 1, 5), POLICY, H, extended=True) is None


def test_the_step_of_each_state_starts_with_the_event_that_brings_the_case_there():
    """Entering a waiting state starts its clock: the response sent starts the time to ask, and so on."""
    assert clock_event(STATUTORY, STATE_STEPS[STATUTORY, S.STAGE_1_RESPONDED]) is E.STAGE_1_RESPONSE_SENT
    assert clock_event(STATUTORY, STATE_STEPS[STATUTORY, S.STAGE_2_ADJUDICATED]) is E.ADJUDICATION_SENT
    assert clock_event(STATUTORY, STATE_STEPS[STATUTORY, S.STAGE_3_PANEL_HELD]) is E.PANEL_HELD
    assert clock_event(CORPORATE, STATE_STEPS[CORPORATE, S.STAGE_2_REQUESTED]) is E.STAGE_2_REQUESTED
    assert clock_event(CORPORATE, STATE_STEPS[CORPORATE, S.STAGE_2]) is E.STAGE_2_ACKNOWLEDGED


# Requests for the next stage ----------------------------------------------------------------------------------------

RESPONSE_SENT = date(2027, 3, 18)
LAST_DAY = date(2027, 4, 19)  # 20 working days over Easter 2027


@pytest.mark.parametrize("requested_on", [RESPONSE_SENT, date(2027, 4, 16), date(2027, 4, 18), LAST_DAY])
def test_a_request_on_or_before_the_last_day_is_in_time(requested_on):
    request = check_escalation_request(STATUTORY, T.REQUEST_STAGE_2, RESPONSE_SENT, requested_on, POLICY, H)
    assert request == EscalationRequest(requested_on=requested_on, last_day=LAST_DAY, in_time=True, late_reason=None)


def test_a_request_the_day_after_the_last_day_is_late_and_needs_a_reason():
    with pytest.raises(InvalidRequest, match="came after 19 April 2027, the last day to ask"):
        check_escalation_request(STATUTORY, T.REQUEST_STAGE_2, RESPONSE_SENT, date(2027, 4, 20), POLICY, H, "  ")
    request = check_escalation_request(
        STATUTORY, T.REQUEST_STAGE_2, RESPONSE_SENT, date(2027, 4, 20), POLICY, H, " In hospital until April. "
    )
    assert (request.in_time, request.late_reason) == (False, "In hospital until April.")


def test_a_late_review_panel_request_over_christmas():
    # Adjudication sent 19 December 2025: the last day to ask is 21 January 2026.
    on_time = check_escalation_request(STATUTORY, T.REQUEST_STAGE_3, date(2025, 12, 19), date(2026, 1, 21), POLICY, H)
    assert on_time.in_time
    late = check_escalation_request(
        STATUTORY, T.REQUEST_STAGE_3, date(2025, 12, 19), date(2026, 1, 22), POLICY, H, "Advocate was away."
    )
    assert not late.in_time


def test_a_corporate_request_counts_closure_days_out():
    # Stage 1 response sent 23 December 2026: skipping 24 December, 29 to 31 (3), 4 to 22 January (18), 25 (19),
    # 26 January 2027 (20); counting it, the 25th.
    request = check_escalation_request(
        CORPORATE, T.REQUEST_STAGE_2, date(2026, 12, 23), date(2027, 1, 26), POLICY, CHRISTMAS_EVE_CLOSED
    )
    assert (request.last_day, request.in_time) == (date(2027, 1, 26), True)
    counted = check_escalation_request(
        CORPORATE, T.REQUEST_STAGE_2, date(2026, 12, 23), date(2027, 1, 26), POLICY, H, "Ill"
    )
    assert (counted.last_day, counted.in_time, counted.late_reason) == (date(2027, 1, 25), False, "Ill")


def test_a_request_cannot_come_before_the_response():
    with pytest.raises(InvalidRequest, match="before the response it asks to escalate, sent on 18 March 2027"):
        check_escalation_request(STATUTORY, T.REQUEST_STAGE_2, RESPONSE_SENT, date(2027, 3, 17), POLICY, H)


def test_only_the_complainants_windows_are_requests():
    with pytest.raises(ValueError, match="not the complainant's time"):
        check_escalation_request(STATUTORY, T.STAGE_1_RESPONSE, RESPONSE_SENT, RESPONSE_SENT, POLICY, H)


# Properties ---------------------------------------------------------------------------------------------------------

closure_days = st.frozensets(st.dates(date(2026, 1, 1), date(2028, 6, 30)), max_size=20)


@settings(max_examples=300, deadline=None)
@given(
    timed=st.sampled_from(TIMED_STEPS),
    started_on=st.dates(date(2019, 1, 1), date(2027, 12, 31)),
    closed=closure_days,
    extended=st.booleans(),
)
def test_a_due_date_is_always_a_working_day_after_the_start(timed, started_on, closed, extended):
    procedure, step = timed
    calendar = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=closed)
    extended = extended and is_extendable(procedure, step)
    due = due_date(procedure, step, started_on, POLICY, calendar, extended=extended)
    days_off = non_working_days(procedure, POLICY, calendar)
    assert is_working_day(due, days_off)
    assert due > started_on
    assert working_days_between(started_on, due, days_off) == getattr(
        getattr(POLICY, procedure.value), _setting(procedure, step, extended)
    )
    if extended:
        assert due >= due_date(procedure, step, started_on, POLICY, calendar)


@settings(max_examples=200, deadline=None)
@given(
    timed=st.sampled_from(TIMED_STEPS),
    started_on=st.dates(date(2019, 1, 1), date(2027, 12, 31)),
    offset=st.integers(-5, 5),
)
def test_a_timescale_is_met_exactly_up_to_its_due_date(timed, started_on, offset):
    procedure, step = timed
    due = due_date(procedure, step, started_on, POLICY, H)
    assert timescale_met(due + timedelta(days=offset), due) is (offset <= 0)
