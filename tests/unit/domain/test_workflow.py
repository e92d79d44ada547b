"""Procedures as state machines; due dates across weekends, bank holidays and Christmas; extensions."""

from datetime import date
from itertools import product

import pytest

from portal.domain.calendar import WorkingCalendar
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import OPEN_STATES, CaseState, FeedbackKind, Procedure, TimescaleStep
from portal.domain.workflow import (
    ALLOWED_MOVES,
    REOPENING_MOVES,
    STATE_STEPS,
    Extension,
    InvalidExtension,
    InvalidTransition,
    acknowledgement_due,
    allowed_moves,
    counted_from,
    deadline_for,
    due_date,
    extend,
    first_state,
    format_date,
    has_timescale,
    is_extendable,
    transition,
)
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

H = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW)
POLICY = TimescalePolicy.default()
S = CaseState
RECEIVED, SCREENING, STAGE_1, MEDIATION = S.RECEIVED, S.SCREENING, S.STAGE_1, S.MEDIATION
STAGE_2, STAGE_3, OMBUDSMAN, AWAITING, CLOSED = S.STAGE_2, S.STAGE_3, S.OMBUDSMAN, S.AWAITING_RESPONSE, S.CLOSED
ON_HOLD = S.ON_HOLD

UNSCREENED = {(RECEIVED, SCREENING), (RECEIVED, CLOSED), (SCREENING, CLOSED)}
EXPECTED: dict[Procedure | None, set[tuple[CaseState, CaseState]]] = {
    None: UNSCREENED,
    Procedure.STATUTORY: UNSCREENED
    | {
        (SCREENING, STAGE_1),
        (STAGE_1, MEDIATION),
        (STAGE_1, STAGE_2),
        (STAGE_1, OMBUDSMAN),
        (STAGE_1, SCREENING),
        (STAGE_1, CLOSED),
        (MEDIATION, STAGE_2),
        (MEDIATION, OMBUDSMAN),
        (MEDIATION, CLOSED),
        (STAGE_2, STAGE_3),
        (STAGE_2, OMBUDSMAN),
        (STAGE_2, CLOSED),
        (STAGE_3, OMBUDSMAN),
        (STAGE_3, CLOSED),
        (OMBUDSMAN, STAGE_1),
        (OMBUDSMAN, STAGE_2),
        (OMBUDSMAN, STAGE_3),
        (OMBUDSMAN, CLOSED),
        (CLOSED, MEDIATION),
        (CLOSED, STAGE_2),
        (CLOSED, STAGE_3),
        (CLOSED, OMBUDSMAN),
        # Regulation 8: on hold from screening or any stage, back to that stage, or closed or to the Ombudsman.
        (SCREENING, ON_HOLD),
        (STAGE_1, ON_HOLD),
        (STAGE_2, ON_HOLD),
        (STAGE_3, ON_HOLD),
        (ON_HOLD, STAGE_1),
        (ON_HOLD, STAGE_2),
        (ON_HOLD, STAGE_3),
        (ON_HOLD, OMBUDSMAN),
        (ON_HOLD, CLOSED),
    },
    Procedure.CORPORATE: UNSCREENED
    | {
        (SCREENING, STAGE_1),
        (STAGE_1, STAGE_2),
        (STAGE_1, OMBUDSMAN),
        (STAGE_1, SCREENING),
        (STAGE_1, CLOSED),
        (STAGE_2, OMBUDSMAN),
        (STAGE_2, CLOSED),
        (OMBUDSMAN, STAGE_1),
        (OMBUDSMAN, STAGE_2),
        (OMBUDSMAN, CLOSED),
        (CLOSED, STAGE_2),
        (CLOSED, OMBUDSMAN),
        (SCREENING, ON_HOLD),
        (STAGE_1, ON_HOLD),
        (STAGE_2, ON_HOLD),
        (ON_HOLD, STAGE_1),
        (ON_HOLD, STAGE_2),
        (ON_HOLD, OMBUDSMAN),
        (ON_HOLD, CLOSED),
    },
    Procedure.COMMENT: UNSCREENED | {(SCREENING, AWAITING), (AWAITING, CLOSED), (AWAITING, SCREENING)},
    Procedure.COMPLIMENT: UNSCREENED,
    Procedure.NOT_ACCEPTED: UNSCREENED | {(CLOSED, OMBUDSMAN), (OMBUDSMAN, CLOSED), (OMBUDSMAN, SCREENING)},
    Procedure.OUTSIDE_PROCEDURES: UNSCREENED,
}
ALL_PAIRS = list(product(CaseState, CaseState))
PROCEDURES: list[Procedure | None] = [None, *Procedure]


def procedure_id(procedure):
    return "unscreened" if procedure is None else procedure.value


def states_of(procedure):
    return {state for move in EXPECTED[procedure] for state in move}


# Tables -------------------------------------------------------------------------------------------------------


def test_every_procedure_has_a_table():
    assert set(ALLOWED_MOVES) == set(Procedure)


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_the_declared_table_is_the_expected_one(procedure):
    assert ALLOWED_MOVES[procedure] == EXPECTED[procedure]


@pytest.mark.parametrize(("procedure", "move"), [(p, m) for p in PROCEDURES for m in sorted(EXPECTED[p])])
def test_every_allowed_move_succeeds(procedure, move):
    current, target = move
    assert transition(procedure, current, target) is target
    assert target in allowed_moves(procedure, current)


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_every_other_pair_of_states_is_refused(procedure):
    refused = [(a, b) for a, b in ALL_PAIRS if (a, b) not in EXPECTED[procedure]]
    assert len(refused) == len(ALL_PAIRS) - len(EXPECTED[procedure])
    for current, target in refused:
        with pytest.raises(InvalidTransition) as error:
            transition(procedure, current, target)
        assert (error.value.procedure, error.value.current, error.value.target) == (procedure, current, target)
        assert target not in allowed_moves(procedure, current)


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_staying_in_the_same_state_is_not_a_move(procedure):
    for state in CaseState:
        with pytest.raises(InvalidTransition):
            transition(procedure, state, state)


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_screening_leads_to_the_first_state_of_the_procedure(procedure):
    assert transition(procedure, SCREENING, first_state(procedure)) is first_state(procedure)


def test_first_states():
    assert {procedure: first_state(procedure) for procedure in Procedure} == {
        Procedure.STATUTORY: STAGE_1,
        Procedure.CORPORATE: STAGE_1,
        Procedure.COMMENT: AWAITING,
        Procedure.COMPLIMENT: CLOSED,
        Procedure.NOT_ACCEPTED: CLOSED,
        Procedure.OUTSIDE_PROCEDURES: CLOSED,
    }


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_every_open_state_of_a_procedure_can_be_closed(procedure):
    for state in states_of(procedure) & OPEN_STATES:
        assert transition(procedure, state, CLOSED) is CLOSED


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_every_state_of_a_procedure_is_reachable_from_received(procedure):
    reached, frontier = {RECEIVED}, [RECEIVED]
    while frontier:
        for state in allowed_moves(procedure, frontier.pop()):
            if state not in reached:
                reached.add(state)
                frontier.append(state)
    assert reached == states_of(procedure)


def test_reopening_moves_are_exactly_those_out_of_closed():
    assert REOPENING_MOVES == {move for table in EXPECTED.values() for move in table if move[0] is CLOSED}
    assert (CLOSED, STAGE_2) in REOPENING_MOVES


@pytest.mark.parametrize(
    ("procedure", "path"),
    [
        (Procedure.STATUTORY, [RECEIVED, SCREENING, STAGE_1, CLOSED]),
        (Procedure.STATUTORY, [RECEIVED, SCREENING, STAGE_1, MEDIATION, CLOSED]),  # resolved by mediation
        (Procedure.STATUTORY, [RECEIVED, SCREENING, STAGE_1, MEDIATION, STAGE_2, STAGE_3, OMBUDSMAN, CLOSED]),
        (Procedure.STATUTORY, [RECEIVED, SCREENING, STAGE_1, CLOSED, STAGE_2, CLOSED, STAGE_3, CLOSED, OMBUDSMAN]),
        (Procedure.STATUTORY, [RECEIVED, SCREENING, STAGE_1, OMBUDSMAN, STAGE_1, STAGE_2]),  # premature referral
        (Procedure.CORPORATE, [RECEIVED, SCREENING, STAGE_1, STAGE_2, OMBUDSMAN, CLOSED]),
        (Procedure.COMMENT, [RECEIVED, SCREENING, AWAITING, CLOSED]),
        (Procedure.COMPLIMENT, [RECEIVED, SCREENING, CLOSED]),
        (Procedure.NOT_ACCEPTED, [RECEIVED, SCREENING, CLOSED, OMBUDSMAN, SCREENING]),
        (Procedure.OUTSIDE_PROCEDURES, [RECEIVED, SCREENING, CLOSED]),
    ],
)
def test_journeys_through_a_procedure(procedure, path):
    for current, target in zip(path, path[1:], strict=False):
        assert transition(procedure, current, target) is target


@pytest.mark.parametrize(
    ("procedure", "current", "target"),
    [
        (Procedure.CORPORATE, STAGE_1, MEDIATION),  # mediation is part of the statutory procedure only
        (Procedure.CORPORATE, STAGE_2, STAGE_3),  # the corporate procedure has two stages
        (Procedure.STATUTORY, STAGE_1, STAGE_3),  # no skipping Stage 2
        (Procedure.STATUTORY, RECEIVED, STAGE_1),  # screening first
        (Procedure.STATUTORY, STAGE_2, STAGE_1),
        (Procedure.COMMENT, AWAITING, STAGE_1),
        (Procedure.COMPLIMENT, CLOSED, SCREENING),
        (None, SCREENING, STAGE_1),  # a procedure must be chosen before Stage 1
    ],
)
def test_notable_moves_that_are_refused(procedure, current, target):
    with pytest.raises(InvalidTransition):
        transition(procedure, current, target)


def test_allowed_moves_come_in_state_order():
    assert allowed_moves(Procedure.STATUTORY, STAGE_1) == [SCREENING, MEDIATION, STAGE_2, OMBUDSMAN, ON_HOLD, CLOSED]
    assert allowed_moves(Procedure.COMPLIMENT, CLOSED) == []
    assert allowed_moves(None, RECEIVED) == [SCREENING, CLOSED]


def test_an_invalid_transition_explains_itself_in_plain_english():
    with pytest.raises(InvalidTransition) as error:
        transition(Procedure.STATUTORY, STAGE_3, STAGE_1)
    assert isinstance(error.value, ValueError)
    assert str(error.value) == (
        'Statutory children\'s complaints procedure: a case cannot move from "Stage 3" to "Stage 1". '
        'From "Stage 3" it can move to "Ombudsman", "On hold" or "Closed".'
    )


def test_an_invalid_transition_with_nowhere_to_go_says_so():
    with pytest.raises(InvalidTransition) as error:
        transition(Procedure.COMPLIMENT, CLOSED, STAGE_1)
    assert str(error.value) == 'Compliment: a case cannot move from "Closed" to "Stage 1".'


def test_an_invalid_transition_before_screening():
    with pytest.raises(InvalidTransition, match='^Not screened yet: .* "Screening" or "Closed".$'):
        transition(None, RECEIVED, STAGE_1)


# Due dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("procedure", "state", "started_on", "extended", "expected"),
    [
        # Statutory acknowledgement: 3 working days from receipt.
        (Procedure.STATUTORY, RECEIVED, date(2026, 12, 18), False, date(2026, 12, 23)),
        (Procedure.STATUTORY, SCREENING, date(2025, 3, 1), False, date(2025, 3, 5)),  # received on a Saturday
        # Statutory Stage 1: 10 working days from receipt, 20 when extended; over Christmas 2026.
        (Procedure.STATUTORY, STAGE_1, date(2026, 12, 18), False, date(2027, 1, 6)),
        (Procedure.STATUTORY, STAGE_1, date(2026, 12, 18), True, date(2027, 1, 20)),
        # Statutory Stage 2: 25 from the terms of reference (over the Platinum Jubilee), 65 when extended.
        (Procedure.STATUTORY, STAGE_2, date(2022, 5, 27), False, date(2022, 7, 5)),
        (Procedure.STATUTORY, STAGE_2, date(2022, 2, 22), True, date(2022, 5, 27)),
        # Statutory Stage 3: the panel within 30 of the request (over the State Funeral).
        (Procedure.STATUTORY, STAGE_3, date(2022, 8, 31), False, date(2022, 10, 13)),
        # Corporate: acknowledge 5 from receipt (over Easter 2026); Stage 1 10 from the acknowledgement, + 10.
        (Procedure.CORPORATE, SCREENING, date(2026, 4, 1), False, date(2026, 4, 10)),
        (Procedure.CORPORATE, STAGE_1, date(2026, 4, 10), False, date(2026, 4, 24)),
        (Procedure.CORPORATE, STAGE_1, date(2026, 4, 10), True, date(2026, 5, 11)),
        # Corporate Stage 2: 20 from the Stage 2 acknowledgement (over the Coronation and spring bank holiday).
        (Procedure.CORPORATE, STAGE_2, date(2023, 5, 5), False, date(2023, 6, 6)),
        # Comments: acknowledged by their receipt, so from the start their clock is the answer, 10 working days from
        # receipt, over Christmas 2021 and New Year 2022.
        (Procedure.COMMENT, RECEIVED, date(2021, 12, 23), False, date(2022, 1, 11)),
        (Procedure.COMMENT, SCREENING, date(2021, 12, 23), False, date(2022, 1, 11)),
        (Procedure.COMMENT, AWAITING, date(2021, 12, 23), False, date(2022, 1, 11)),
    ],
)
def test_deadline_for(procedure, state, started_on, extended, expected):
    assert deadline_for(procedure, state, started_on, POLICY, H, extended=extended) == expected


@pytest.mark.parametrize(
    ("procedure", "state"),
    [
        (Procedure.STATUTORY, MEDIATION),
        (Procedure.STATUTORY, OMBUDSMAN),
        (Procedure.STATUTORY, CLOSED),
        (Procedure.STATUTORY, AWAITING),
        (Procedure.CORPORATE, OMBUDSMAN),
        (Procedure.COMPLIMENT, CLOSED),
        (Procedure.COMPLIMENT, RECEIVED),
        (Procedure.COMPLIMENT, SCREENING),
        (Procedure.STATUTORY, ON_HOLD),
        (Procedure.CORPORATE, ON_HOLD),
        (Procedure.NOT_ACCEPTED, SCREENING),
        (Procedure.OUTSIDE_PROCEDURES, RECEIVED),
    ],
)
def test_states_without_a_timescale_have_no_deadline(procedure, state):
    assert deadline_for(procedure, state, date(2026, 1, 5), POLICY, H) is None
    assert deadline_for(procedure, state, date(2026, 1, 5), POLICY, H, extended=True) is None


@pytest.mark.parametrize(
    ("procedure", "step", "started_on", "expected"),
    [
        (Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_2, date(2024, 3, 28), date(2024, 4, 29)),  # Easter
        (Procedure.STATUTORY, TimescaleStep.REQUEST_STAGE_3, date(2025, 12, 19), date(2026, 1, 21)),  # Christmas
        (Procedure.STATUTORY, TimescaleStep.STAGE_3_FINDINGS, date(2022, 10, 13), date(2022, 10, 20)),
        (Procedure.STATUTORY, TimescaleStep.STAGE_3_RESPONSE, date(2022, 10, 20), date(2022, 11, 10)),
        (Procedure.CORPORATE, TimescaleStep.STAGE_2_ACKNOWLEDGE, date(2024, 12, 20), date(2024, 12, 31)),
        (Procedure.CORPORATE, TimescaleStep.ACKNOWLEDGE, date(2027, 12, 24), date(2028, 1, 5)),  # 3 Jan substitute
    ],
)
def test_due_date_of_steps(procedure, step, started_on, expected):
    assert due_date(procedure, step, started_on, POLICY, H) == expected


def test_a_council_override_changes_the_due_date():
    policy = POLICY.with_overrides({"statutory": {"stage_1": 8}})
    assert deadline_for(Procedure.STATUTORY, STAGE_1, date(2026, 12, 18), policy, H) == date(2027, 1, 4)


def test_a_step_that_cannot_be_extended_says_so():
    with pytest.raises(ValueError, match='"Review panel meeting" timescale cannot be extended'):
        deadline_for(Procedure.STATUTORY, STAGE_3, date(2026, 1, 5), POLICY, H, extended=True)


def test_a_step_the_procedure_does_not_time_is_refused():
    with pytest.raises(ValueError, match='Corporate complaints procedure: there is no timescale for "Review panel'):
        due_date(Procedure.CORPORATE, TimescaleStep.STAGE_3_PANEL, date(2026, 1, 5), POLICY, H)
    with pytest.raises(ValueError):
        counted_from(Procedure.COMPLIMENT, TimescaleStep.STAGE_1_RESPONSE)


def test_every_state_step_has_a_timescale_and_says_what_it_is_counted_from():
    for (procedure, state), step in STATE_STEPS.items():
        assert has_timescale(procedure, step), (procedure, state)
        assert counted_from(procedure, step).startswith("the day ")


@pytest.mark.parametrize(
    ("procedure", "step", "expected"),
    [
        (Procedure.STATUTORY, TimescaleStep.STAGE_1_RESPONSE, True),
        (Procedure.STATUTORY, TimescaleStep.STAGE_2_RESPONSE, True),
        (Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE, True),
        (Procedure.CORPORATE, TimescaleStep.STAGE_2_RESPONSE, True),
        (Procedure.STATUTORY, TimescaleStep.ACKNOWLEDGE, False),
        (Procedure.STATUTORY, TimescaleStep.STAGE_3_PANEL, False),
        (Procedure.COMMENT, TimescaleStep.COMMENT_RESPONSE, False),
        (Procedure.COMPLIMENT, TimescaleStep.STAGE_1_RESPONSE, False),
    ],
)
def test_is_extendable(procedure, step, expected):
    assert is_extendable(procedure, step) is expected


def test_what_the_clock_is_counted_from():
    assert counted_from(Procedure.CORPORATE, TimescaleStep.STAGE_1_RESPONSE) == "the day the complaint was acknowledged"
    assert counted_from(Procedure.STATUTORY, TimescaleStep.STAGE_2_RESPONSE) == (
        "the day the terms of reference were agreed"
    )


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        (FeedbackKind.COMPLAINT, date(2026, 12, 23)),  # 3 (statutory) is earlier than 5 (corporate)
        (FeedbackKind.ADVOCACY_REQUEST, date(2026, 12, 23)),
        # Comments and compliments are acknowledged by their receipt: never overdue for an acknowledgement.
        (FeedbackKind.COMMENT, None),
        (FeedbackKind.COMPLIMENT, None),
        (FeedbackKind.DUTY_MATTER, None),
        (Procedure.STATUTORY, date(2026, 12, 23)),
        (Procedure.CORPORATE, date(2026, 12, 29)),
        (Procedure.COMMENT, None),
        (Procedure.COMPLIMENT, None),
        (Procedure.NOT_ACCEPTED, None),
        (Procedure.OUTSIDE_PROCEDURES, None),
    ],
)
def test_acknowledgement_due(what, expected):
    assert acknowledgement_due(what, date(2026, 12, 18), POLICY, H) == expected


def test_every_kind_of_feedback_has_an_acknowledgement_rule():
    for kind in FeedbackKind:
        acknowledgement_due(kind, date(2026, 12, 18), POLICY, H)


def test_an_unscreened_complaint_gets_the_earlier_acknowledgement_date_whatever_the_policy():
    policy = POLICY.with_overrides({"statutory": {"acknowledge": 5}, "corporate": {"acknowledge": 2}})
    assert acknowledgement_due(FeedbackKind.COMPLAINT, date(2026, 12, 18), policy, H) == date(2026, 12, 22)


# Extensions ---------------------------------------------------------------------------------------------------

START = date(2026, 12, 18)
DUE = deadline_for(Procedure.STATUTORY, STAGE_1, START, POLICY, H)
LATEST = deadline_for(Procedure.STATUTORY, STAGE_1, START, POLICY, H, extended=True)


def test_an_extension_within_the_policy_is_recorded():
    extension = extend(
        DUE, date(2027, 1, 15), "  The child asked for an advocate.  ", LATEST, granted_on=date(2027, 1, 4)
    )
    assert extension == Extension(
        reason="The child asked for an advocate.",
        new_due_on=date(2027, 1, 15),
        granted_on=date(2027, 1, 4),
        previous_due_on=DUE,
    )


def test_an_extension_to_the_latest_allowed_date_is_allowed():
    assert extend(DUE, LATEST, "Complex case", LATEST, granted_on=DUE).new_due_on == date(2027, 1, 20)


def test_an_extension_can_be_granted_after_the_due_date_has_passed():
    assert extend(DUE, LATEST, "Complex case", LATEST, granted_on=date(2027, 1, 8)).previous_due_on == DUE


def test_without_a_maximum_any_later_date_is_allowed():
    assert extend(DUE, date(2027, 6, 1), "Agreed with the complainant", None, granted_on=DUE).new_due_on == date(
        2027, 6, 1
    )


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_an_extension_needs_a_reason(reason):
    with pytest.raises(InvalidExtension, match="Enter the reason for the extension"):
        extend(DUE, date(2027, 1, 15), reason, LATEST, granted_on=DUE)


@pytest.mark.parametrize("new_due", [DUE, date(2027, 1, 5)])
def test_an_extension_must_be_later_than_the_current_due_date(new_due):
    with pytest.raises(InvalidExtension, match="must be after the current due date, 6 January 2027"):
        extend(DUE, new_due, "Complex case", LATEST, granted_on=date(2027, 1, 4))


def test_an_extension_cannot_go_beyond_the_policy():
    with pytest.raises(InvalidExtension, match="cannot be later than 20 January 2027"):
        extend(DUE, date(2027, 1, 21), "Complex case", LATEST, granted_on=date(2027, 1, 4))


def test_an_extension_must_end_after_the_day_it_is_agreed():
    with pytest.raises(InvalidExtension, match="after the day the extension is agreed, 20 January 2027"):
        extend(DUE, LATEST, "Complex case", LATEST, granted_on=LATEST)


def test_invalid_extension_is_a_value_error():
    assert issubclass(InvalidExtension, ValueError)


@pytest.mark.parametrize(
    ("procedure", "state", "started_on", "latest"),
    [
        (Procedure.STATUTORY, STAGE_2, date(2022, 2, 22), date(2022, 5, 27)),  # 65 working days
        (Procedure.CORPORATE, STAGE_1, date(2026, 4, 10), date(2026, 5, 11)),  # 10 + 10
    ],
)
def test_the_policy_maximum_for_other_stages(procedure, state, started_on, latest):
    due = deadline_for(procedure, state, started_on, POLICY, H)
    maximum = deadline_for(procedure, state, started_on, POLICY, H, extended=True)
    assert maximum == latest
    assert extend(due, maximum, "Complex", maximum, granted_on=started_on).new_due_on == latest
    with pytest.raises(InvalidExtension):
        extend(due, date.fromordinal(latest.toordinal() + 1), "Complex", maximum, granted_on=started_on)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2027, 1, 6), "6 January 2027"), (date(2025, 12, 31), "31 December 2025"), (date(2024, 5, 1), "1 May 2024")],
)
def test_format_date(day, expected):
    assert format_date(day) == expected
