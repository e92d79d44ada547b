"""The procedures' states and moves: every allowed and every forbidden move, per procedure and context (issue 11)."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.moves import (
    ALLOWED_MOVES,
    REOPENING_MOVES,
    InvalidTransition,
    allowed_moves,
    first_state,
    next_stage,
    progress_after,
    progress_of,
    return_state,
    stage_of,
    state_label,
    transition,
)
from portal.domain.types import OPEN_STATES, CaseState, Procedure, Progress

S = CaseState
RECEIVED, SCREENING, STAGE_1, STAGE_1_RESPONDED = S.RECEIVED, S.SCREENING, S.STAGE_1, S.STAGE_1_RESPONDED
MEDIATION, STAGE_2_REQUESTED, STAGE_2 = S.MEDIATION, S.STAGE_2_REQUESTED, S.STAGE_2
STAGE_2_ADJUDICATED, STAGE_3_REQUESTED = S.STAGE_2_ADJUDICATED, S.STAGE_3_REQUESTED
STAGE_3_PANEL_HELD, STAGE_3_FINDINGS = S.STAGE_3_PANEL_HELD, S.STAGE_3_FINDINGS
OMBUDSMAN, AWAITING, ON_HOLD, CLOSED = S.OMBUDSMAN, S.AWAITING_RESPONSE, S.ON_HOLD, S.CLOSED
STATUTORY, CORPORATE = Procedure.STATUTORY, Procedure.CORPORATE
NONE, ANSWERED_1, ANSWERED_2, ANSWERED_3 = Progress.NONE, Progress.STAGE_1, Progress.STAGE_2, Progress.STAGE_3

STATUTORY_STAGES = [
    STAGE_1,
    STAGE_1_RESPONDED,
    MEDIATION,
    STAGE_2_REQUESTED,
    STAGE_2,
    STAGE_2_ADJUDICATED,
    STAGE_3_REQUESTED,
    STAGE_3_PANEL_HELD,
    STAGE_3_FINDINGS,
]
CORPORATE_STAGES = [STAGE_1, STAGE_1_RESPONDED, STAGE_2_REQUESTED, STAGE_2]
STATUTORY_HOLDABLE = [
    SCREENING,
    STAGE_1,
    STAGE_2_REQUESTED,
    STAGE_2,
    STAGE_3_REQUESTED,
    STAGE_3_PANEL_HELD,
    STAGE_3_FINDINGS,
]
CORPORATE_HOLDABLE = [SCREENING, STAGE_1, STAGE_2_REQUESTED, STAGE_2]

UNSCREENED = {(RECEIVED, SCREENING), (RECEIVED, CLOSED), (SCREENING, CLOSED)}
EXPECTED: dict[Procedure | None, set[tuple[CaseState, CaseState]]] = {
    None: UNSCREENED,
    STATUTORY: UNSCREENED
    | {
        (SCREENING, STAGE_1),
        (STAGE_1, SCREENING),
        (STAGE_1, STAGE_1_RESPONDED),
        (STAGE_1_RESPONDED, STAGE_2_REQUESTED),
        (STAGE_2_REQUESTED, MEDIATION),
        (MEDIATION, STAGE_2_REQUESTED),
        (STAGE_2_REQUESTED, STAGE_2),
        (STAGE_2, STAGE_2_ADJUDICATED),
        (STAGE_2_ADJUDICATED, STAGE_3_REQUESTED),
        (STAGE_3_REQUESTED, STAGE_3_PANEL_HELD),
        (STAGE_3_PANEL_HELD, STAGE_3_FINDINGS),
        # The Ombudsman: from any open state or after closing; back only into a stage's first state, or closed.
        *[(state, OMBUDSMAN) for state in [*STATUTORY_STAGES, ON_HOLD, CLOSED]],
        (OMBUDSMAN, STAGE_1),
        (OMBUDSMAN, STAGE_2_REQUESTED),
        (OMBUDSMAN, STAGE_3_REQUESTED),
        (OMBUDSMAN, CLOSED),
        # Late requests reopen a closed case into Stage 2 or Stage 3.
        (CLOSED, STAGE_2_REQUESTED),
        (CLOSED, STAGE_3_REQUESTED),
        *[(state, CLOSED) for state in [*STATUTORY_STAGES, ON_HOLD]],
        # Regulation 8.
        *[(state, ON_HOLD) for state in STATUTORY_HOLDABLE],
        *[(ON_HOLD, state) for state in STATUTORY_HOLDABLE if state is not SCREENING],
        (ON_HOLD, CLOSED),
    },
    CORPORATE: UNSCREENED
    | {
        (SCREENING, STAGE_1),
        (STAGE_1, SCREENING),
        (STAGE_1, STAGE_1_RESPONDED),
        (STAGE_1_RESPONDED, STAGE_2_REQUESTED),
        (STAGE_2_REQUESTED, STAGE_2),
        *[(state, OMBUDSMAN) for state in [*CORPORATE_STAGES, ON_HOLD, CLOSED]],
        (OMBUDSMAN, STAGE_1),
        (OMBUDSMAN, STAGE_2_REQUESTED),
        (OMBUDSMAN, CLOSED),
        (CLOSED, STAGE_2_REQUESTED),
        *[(state, CLOSED) for state in [*CORPORATE_STAGES, ON_HOLD]],
        *[(state, ON_HOLD) for state in CORPORATE_HOLDABLE],
        *[(ON_HOLD, state) for state in CORPORATE_HOLDABLE if state is not SCREENING],
        (ON_HOLD, CLOSED),
    },
    Procedure.COMMENT: UNSCREENED | {(SCREENING, AWAITING), (AWAITING, CLOSED), (AWAITING, SCREENING)},
    Procedure.COMPLIMENT: UNSCREENED,
    Procedure.NOT_ACCEPTED: UNSCREENED | {(CLOSED, OMBUDSMAN), (OMBUDSMAN, CLOSED), (OMBUDSMAN, SCREENING)},
    Procedure.OUTSIDE_PROCEDURES: UNSCREENED,
}

# What the table cannot know. A closed case reopens only into the stage after the last response sent, and never
# when no response was sent; the Ombudsman sends a case back only into that stage (Stage 1 when none was sent).
LATE_REQUESTS = {
    (STATUTORY, ANSWERED_1, STAGE_2_REQUESTED),
    (STATUTORY, ANSWERED_2, STAGE_3_REQUESTED),
    (CORPORATE, ANSWERED_1, STAGE_2_REQUESTED),
}
SENT_BACK = {
    (STATUTORY, NONE, STAGE_1),
    (STATUTORY, ANSWERED_1, STAGE_2_REQUESTED),
    (STATUTORY, ANSWERED_2, STAGE_3_REQUESTED),
    (CORPORATE, NONE, STAGE_1),
    (CORPORATE, ANSWERED_1, STAGE_2_REQUESTED),
}
STAGE_STATES = set(STATUTORY_STAGES)
PROCEDURES: list[Procedure | None] = [None, *Procedure]
CONTEXTS = [(progress, held_from) for progress in Progress for held_from in [None, *CaseState]]


def expected_allowed(procedure, current, target, progress, held_from) -> bool:
    """The oracle: the table above, then the context rules written out independently of the code."""
    if (current, target) not in EXPECTED[procedure]:
        return False
    if current is ON_HOLD and target not in (CLOSED, OMBUDSMAN):
        return held_from is not None and target is (STAGE_1 if held_from is SCREENING else held_from)
    if current is CLOSED and target in STAGE_STATES:
        return (procedure, progress, target) in LATE_REQUESTS
    if current is OMBUDSMAN and target in STAGE_STATES:
        return (procedure, progress, target) in SENT_BACK
    return True


# The procedure's last response, which closes the case with its stage answered.
FINAL_RESPONSES = {(STATUTORY, STAGE_3_FINDINGS), (CORPORATE, STAGE_2)}


def can_close_with_response(procedure, current, target) -> bool:
    return target is CLOSED and (procedure, current) in FINAL_RESPONSES


def procedure_id(procedure):
    return "unscreened" if procedure is None else procedure.value


def states_of(procedure):
    return {state for move in EXPECTED[procedure] for state in move}


# Every pair of states, for every procedure and context ------------------------------------------------------------


def test_every_procedure_has_a_table():
    assert set(ALLOWED_MOVES) == set(Procedure)


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_the_declared_table_is_the_expected_one(procedure):
    assert ALLOWED_MOVES[procedure] == EXPECTED[procedure]


@pytest.mark.parametrize(
    ("procedure", "current", "target"),
    [(procedure, current, target) for procedure in PROCEDURES for current, target in product(CaseState, CaseState)],
    ids=lambda value: procedure_id(value) if value is None or isinstance(value, Procedure) else value.value,
)
def test_every_move_in_every_context(procedure, current, target):
    for progress, held_from in CONTEXTS:
        context = {"progress": progress, "held_from": held_from}
        if expected_allowed(procedure, current, target, progress, held_from):
            assert transition(procedure, current, target, **context) is target, context
            assert target in allowed_moves(procedure, current, **context), context
        else:
            with pytest.raises(InvalidTransition) as error:
                transition(procedure, current, target, **context)
            assert (error.value.procedure, error.value.current, error.value.target) == (procedure, current, target)
            assert target not in allowed_moves(procedure, current, **context), context


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_the_oracle_allows_something_in_every_context_it_names(procedure):
    """Guards the oracle itself: each late request and each return from the Ombudsman is reachable."""
    allowed = {
        (current, target, progress)
        for (current, target) in EXPECTED[procedure]
        for progress in Progress
        if expected_allowed(procedure, current, target, progress, None)
    }
    for p, progress, target in LATE_REQUESTS | SENT_BACK:
        if p is procedure:
            assert (CLOSED, target, progress) in allowed or (OMBUDSMAN, target, progress) in allowed


# Notable moves ----------------------------------------------------------------------------------------------------


def test_the_issue_example_closed_after_stage_1_never_reopens_straight_into_stage_3():
    progress = progress_after(STATUTORY, STAGE_1, STAGE_1_RESPONDED)
    assert progress is ANSWERED_1
    progress = progress_after(STATUTORY, STAGE_1_RESPONDED, CLOSED, progress)
    assert progress is ANSWERED_1
    with pytest.raises(InvalidTransition, match="only to the stage after the last response sent"):
        transition(STATUTORY, CLOSED, STAGE_3_REQUESTED, progress=progress)
    assert transition(STATUTORY, CLOSED, STAGE_2_REQUESTED, progress=progress) is STAGE_2_REQUESTED


def test_a_case_closed_during_stage_1_cannot_be_reopened_into_any_stage():
    progress = progress_after(STATUTORY, STAGE_1, CLOSED)
    assert progress is NONE
    assert allowed_moves(STATUTORY, CLOSED, progress=progress) == [OMBUDSMAN]
    with pytest.raises(InvalidTransition, match="closed before any response cannot be reopened"):
        transition(STATUTORY, CLOSED, STAGE_2_REQUESTED, progress=progress)


@pytest.mark.parametrize(
    ("procedure", "progress", "back_to"),
    [
        (STATUTORY, NONE, [STAGE_1, CLOSED]),  # premature: the council has not answered yet
        (STATUTORY, ANSWERED_1, [STAGE_2_REQUESTED, CLOSED]),  # Sandwell: "commence a Stage 2 investigation"
        (STATUTORY, ANSWERED_2, [STAGE_3_REQUESTED, CLOSED]),
        (STATUTORY, ANSWERED_3, [CLOSED]),
        (CORPORATE, NONE, [STAGE_1, CLOSED]),
        (CORPORATE, ANSWERED_1, [STAGE_2_REQUESTED, CLOSED]),
        (CORPORATE, ANSWERED_2, [CLOSED]),
    ],
)
def test_the_ombudsman_sends_a_case_back_only_into_the_next_stage(procedure, progress, back_to):
    assert allowed_moves(procedure, OMBUDSMAN, progress=progress) == back_to


@pytest.mark.parametrize(
    ("procedure", "current", "target"),
    [
        (CORPORATE, STAGE_2_REQUESTED, MEDIATION),  # mediation is part of the statutory procedure only
        (CORPORATE, STAGE_2, STAGE_2_ADJUDICATED),  # the corporate procedure has two stages
        (STATUTORY, STAGE_1, STAGE_2_REQUESTED),  # the Stage 1 response is sent first
        (STATUTORY, STAGE_1, STAGE_3_REQUESTED),
        (STATUTORY, STAGE_1_RESPONDED, STAGE_2),  # terms of reference follow the request
        (STATUTORY, STAGE_1_RESPONDED, MEDIATION),  # mediation is offered on the request
        (STATUTORY, STAGE_2, STAGE_3_REQUESTED),  # the adjudication is sent first
        (STATUTORY, STAGE_2_ADJUDICATED, STAGE_3_PANEL_HELD),
        (STATUTORY, STAGE_3_REQUESTED, STAGE_3_FINDINGS),
        (STATUTORY, STAGE_1_RESPONDED, SCREENING),  # once answered, screening is not done again
        (STATUTORY, RECEIVED, STAGE_1),  # screening first
        (STATUTORY, STAGE_2, STAGE_1),
        (STATUTORY, SCREENING, OMBUDSMAN),
        (Procedure.COMMENT, AWAITING, STAGE_1),
        (Procedure.COMPLIMENT, CLOSED, SCREENING),
        (None, SCREENING, STAGE_1),  # a procedure must be chosen before Stage 1
    ],
)
def test_notable_moves_that_are_refused_in_every_context(procedure, current, target):
    for progress, held_from in CONTEXTS:
        with pytest.raises(InvalidTransition):
            transition(procedure, current, target, progress=progress, held_from=held_from)


@pytest.mark.parametrize("procedure", [STATUTORY, CORPORATE])
def test_a_hold_returns_only_to_where_it_came_from(procedure):
    holdable = STATUTORY_HOLDABLE if procedure is STATUTORY else CORPORATE_HOLDABLE
    for held_from in holdable:
        back = STAGE_1 if held_from is SCREENING else held_from
        assert return_state(procedure, held_from) is back
        assert allowed_moves(procedure, ON_HOLD, held_from=held_from) == [back, OMBUDSMAN, CLOSED]
    assert allowed_moves(procedure, ON_HOLD) == [OMBUDSMAN, CLOSED]


def test_a_hold_without_its_origin_refuses_to_guess():
    with pytest.raises(InvalidTransition, match="goes back only to the state it was held from"):
        transition(STATUTORY, ON_HOLD, STAGE_2)
    with pytest.raises(InvalidTransition):
        transition(STATUTORY, ON_HOLD, STAGE_2, held_from=STAGE_1)


@pytest.mark.parametrize(
    ("procedure", "path"),
    [
        (STATUTORY, [RECEIVED, SCREENING, STAGE_1, STAGE_1_RESPONDED, CLOSED]),
        (STATUTORY, [RECEIVED, SCREENING, STAGE_1, STAGE_1_RESPONDED, STAGE_2_REQUESTED, MEDIATION, CLOSED]),
        (
            STATUTORY,
            [
                RECEIVED,
                SCREENING,
                STAGE_1,
                STAGE_1_RESPONDED,
                STAGE_2_REQUESTED,
                MEDIATION,
                STAGE_2_REQUESTED,  # mediation not accepted: Stage 2 goes ahead
                STAGE_2,
                STAGE_2_ADJUDICATED,
                STAGE_3_REQUESTED,
                STAGE_3_PANEL_HELD,
                STAGE_3_FINDINGS,
                CLOSED,
                OMBUDSMAN,
                CLOSED,
            ],
        ),
        (STATUTORY, [RECEIVED, SCREENING, STAGE_1, OMBUDSMAN, STAGE_1, STAGE_1_RESPONDED]),  # premature referral
        (STATUTORY, [SCREENING, ON_HOLD, STAGE_1, STAGE_1_RESPONDED, STAGE_2_REQUESTED, STAGE_2, ON_HOLD, STAGE_2]),
        (CORPORATE, [RECEIVED, SCREENING, STAGE_1, STAGE_1_RESPONDED, STAGE_2_REQUESTED, STAGE_2, CLOSED, OMBUDSMAN]),
        (CORPORATE, [SCREENING, STAGE_1, STAGE_1_RESPONDED, STAGE_2_REQUESTED, CLOSED]),  # review refused
        (Procedure.COMMENT, [RECEIVED, SCREENING, AWAITING, CLOSED]),
        (Procedure.COMPLIMENT, [RECEIVED, SCREENING, CLOSED]),
        (Procedure.NOT_ACCEPTED, [RECEIVED, SCREENING, CLOSED, OMBUDSMAN, SCREENING]),
        (Procedure.OUTSIDE_PROCEDURES, [RECEIVED, SCREENING, CLOSED]),
    ],
)
def test_journeys_through_a_procedure_keeping_progress_and_holds(procedure, path):
    progress, held_from = NONE, None
    for current, target in zip(path, path[1:], strict=False):
        final = can_close_with_response(procedure, current, target)
        progress = progress_after(procedure, current, target, progress, held_from=held_from, response_sent=final)
        held_from = current if target is ON_HOLD else None


def test_the_last_response_of_each_procedure_records_its_stage():
    assert progress_after(STATUTORY, STAGE_3_FINDINGS, CLOSED, response_sent=True) is ANSWERED_3
    assert progress_after(STATUTORY, STAGE_3_FINDINGS, CLOSED) is ANSWERED_2  # withdrawn before the response
    assert progress_after(CORPORATE, STAGE_2, CLOSED, response_sent=True) is ANSWERED_2
    assert progress_after(CORPORATE, STAGE_2, CLOSED) is ANSWERED_1
    assert progress_after(STATUTORY, STAGE_2, STAGE_2_ADJUDICATED) is ANSWERED_2


@pytest.mark.parametrize(
    ("procedure", "current", "target"),
    [
        (STATUTORY, STAGE_1, CLOSED),
        (STATUTORY, STAGE_2, CLOSED),
        (CORPORATE, STAGE_1, CLOSED),
        (None, SCREENING, CLOSED),
    ],
)
def test_only_the_last_response_closes_a_case_with_a_response(procedure, current, target):
    with pytest.raises(ValueError, match="Only the procedure's last response"):
        progress_after(procedure, current, target, response_sent=True)


def test_progress_after_checks_the_move():
    with pytest.raises(InvalidTransition):
        progress_after(STATUTORY, STAGE_1, STAGE_2)


def test_progress_through_a_hold_and_the_ombudsman_comes_from_where_the_case_was():
    assert progress_after(STATUTORY, ON_HOLD, CLOSED, held_from=STAGE_3_PANEL_HELD) is ANSWERED_2
    assert progress_after(STATUTORY, ON_HOLD, OMBUDSMAN, NONE, held_from=STAGE_2) is ANSWERED_1
    assert progress_after(STATUTORY, OMBUDSMAN, CLOSED, ANSWERED_2) is ANSWERED_2
    assert progress_after(STATUTORY, CLOSED, OMBUDSMAN, ANSWERED_3) is ANSWERED_3


# Reading the tables -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_screening_leads_to_the_first_state_of_the_procedure(procedure):
    assert transition(procedure, SCREENING, first_state(procedure)) is first_state(procedure)


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_every_open_state_of_a_procedure_can_be_closed(procedure):
    for state in states_of(procedure) & OPEN_STATES:
        assert transition(procedure, state, CLOSED) is CLOSED


@pytest.mark.parametrize("procedure", list(Procedure), ids=procedure_id)
def test_every_state_of_a_procedure_is_reachable_from_received(procedure):
    reached, frontier = {(RECEIVED, NONE, None)}, [(RECEIVED, NONE, None)]
    while frontier:
        state, progress, held_from = frontier.pop()
        for target in allowed_moves(procedure, state, progress=progress, held_from=held_from):
            for sent in {False, can_close_with_response(procedure, state, target)}:
                after = progress_after(procedure, state, target, progress, held_from=held_from, response_sent=sent)
                node = (target, after, state if target is ON_HOLD else None)
                if node not in reached:
                    reached.add(node)
                    frontier.append(node)
    assert {state for state, _, _ in reached} == states_of(procedure)


def test_reopening_moves_are_exactly_those_out_of_closed():
    assert REOPENING_MOVES == {move for table in EXPECTED.values() for move in table if move[0] is CLOSED}


def test_allowed_moves_come_in_state_order():
    assert allowed_moves(STATUTORY, STAGE_1) == [SCREENING, STAGE_1_RESPONDED, OMBUDSMAN, ON_HOLD, CLOSED]
    assert allowed_moves(Procedure.COMPLIMENT, CLOSED) == []
    assert allowed_moves(None, RECEIVED) == [SCREENING, CLOSED]


def test_stages_and_the_progress_each_state_implies():
    assert [stage_of(state) for state in STATUTORY_STAGES] == [1, 1, 2, 2, 2, 2, 3, 3, 3]
    assert {stage_of(state) for state in (RECEIVED, SCREENING, OMBUDSMAN, AWAITING, ON_HOLD, CLOSED)} == {None}
    assert [progress_of(state) for state in STATUTORY_STAGES] == [NONE] + [ANSWERED_1] * 4 + [ANSWERED_2] * 4
    assert {progress_of(state) for state in (OMBUDSMAN, ON_HOLD, CLOSED)} == {None}
    assert [next_stage(STATUTORY, progress) for progress in Progress] == [
        STAGE_1,
        STAGE_2_REQUESTED,
        STAGE_3_REQUESTED,
        None,
    ]
    assert next_stage(CORPORATE, ANSWERED_2) is None
    assert next_stage(Procedure.COMMENT, NONE) is None
    assert [progress.rank for progress in Progress] == [0, 1, 2, 3]


def test_first_states():
    assert {procedure: first_state(procedure) for procedure in Procedure} == {
        STATUTORY: STAGE_1,
        CORPORATE: STAGE_1,
        Procedure.COMMENT: AWAITING,
        Procedure.COMPLIMENT: CLOSED,
        Procedure.NOT_ACCEPTED: CLOSED,
        Procedure.OUTSIDE_PROCEDURES: CLOSED,
    }


# Labels and messages ---------------------------------------------------------------------------------------------


def test_the_waiting_periods_say_what_is_awaited():
    assert state_label(STATUTORY, STAGE_1_RESPONDED) == "Stage 1 response sent: time to ask for Stage 2"
    assert state_label(STATUTORY, STAGE_2_REQUESTED) == "Stage 2 requested: terms of reference not agreed yet"
    assert state_label(STATUTORY, STAGE_2_ADJUDICATED) == "Adjudication sent: time to ask for a review panel"
    assert state_label(STATUTORY, STAGE_3_FINDINGS) == "Panel findings received: council's response due"


def test_the_corporate_procedure_has_its_own_words():
    assert state_label(CORPORATE, STAGE_2_REQUESTED) == "Review requested: to be screened and acknowledged"
    assert state_label(CORPORATE, STAGE_2) == "Stage 2 review"
    assert state_label(CORPORATE, STAGE_1) == state_label(STATUTORY, STAGE_1) == "Stage 1: response being prepared"
    assert state_label(None, ON_HOLD) == "On hold (regulation 8)"


@pytest.mark.parametrize("procedure", PROCEDURES, ids=procedure_id)
def test_every_state_has_a_label_unique_within_its_procedure(procedure):
    labels = [state_label(procedure, state) for state in CaseState]
    assert all(labels)
    assert len(labels) == len(set(labels))


def test_an_invalid_transition_explains_itself_in_plain_english():
    with pytest.raises(InvalidTransition) as error:
        transition(STATUTORY, STAGE_3_REQUESTED, STAGE_1)
    assert isinstance(error.value, ValueError)
    assert str(error.value) == (
        "Statutory children's complaints procedure: a case cannot move from \"Review panel requested: panel to be "
        'held" to "Stage 1: response being prepared". From "Review panel requested: panel to be held" it can move '
        'to "Review panel held: findings due", "With the Ombudsman", "On hold (regulation 8)" or "Closed".'
    )


def test_an_invalid_transition_in_context_says_why():
    with pytest.raises(InvalidTransition) as error:
        transition(CORPORATE, OMBUDSMAN, STAGE_1, progress=ANSWERED_1)
    assert str(error.value) == (
        'Corporate complaints procedure: a case cannot move from "With the Ombudsman" to "Stage 1: response being '
        'prepared". It can go on only to the stage after the last response sent. From "With the Ombudsman" it can '
        'move to "Review requested: to be screened and acknowledged" or "Closed".'
    )


def test_an_invalid_transition_with_nowhere_to_go_says_so():
    with pytest.raises(InvalidTransition) as error:
        transition(Procedure.COMPLIMENT, CLOSED, STAGE_1)
    assert str(error.value) == 'Compliment: a case cannot move from "Closed" to "Stage 1: response being prepared".'


def test_an_invalid_transition_before_screening():
    with pytest.raises(InvalidTransition, match='^Not screened yet: .* "Screening" or "Closed".$'):
        transition(None, RECEIVED, STAGE_1)


# Properties -------------------------------------------------------------------------------------------------------


@st.composite
def walks(draw, procedure):
    """A random path of allowed moves from received, with the progress and hold origin a caller would keep."""
    state, progress, held_from = RECEIVED, NONE, None
    steps = []
    for _ in range(draw(st.integers(1, 40))):
        moves = allowed_moves(procedure, state, progress=progress, held_from=held_from)
        if not moves:
            break
        target = draw(st.sampled_from(moves))
        sent = can_close_with_response(procedure, state, target) and draw(st.booleans())
        after = progress_after(procedure, state, target, progress, held_from=held_from, response_sent=sent)
        steps.append((state, target, progress, after))
        held_from = state if target is ON_HOLD else None
        state, progress = target, after
    return steps


@settings(max_examples=300, deadline=None)
@given(data=st.data(), procedure=st.sampled_from([STATUTORY, CORPORATE, Procedure.COMMENT, Procedure.NOT_ACCEPTED]))
def test_no_path_of_allowed_moves_ever_skips_a_stage(data, procedure):
    furthest_stage = 0
    for current, target, before, after in data.draw(walks(procedure)):
        assert after.rank >= before.rank, "a response once sent stays sent"
        stage = stage_of(target)
        if stage is not None:
            # A stage is entered only once the one before it has been answered, and never beyond the next one.
            assert after.rank >= stage - 1, (current, target, before)
            assert stage <= furthest_stage + 1, (current, target, furthest_stage)
            furthest_stage = max(furthest_stage, stage)
        assert after.rank <= furthest_stage, "nothing is answered that was never reached"
        if procedure is CORPORATE:
            assert stage is None or stage <= 2


@settings(max_examples=200, deadline=None)
@given(
    procedure=st.sampled_from([STATUTORY, CORPORATE]),
    progress=st.sampled_from(list(Progress)),
    current=st.sampled_from([CLOSED, OMBUDSMAN]),
)
def test_from_closed_or_the_ombudsman_a_case_enters_at_most_one_stage_and_only_the_next(procedure, progress, current):
    stages = [state for state in allowed_moves(procedure, current, progress=progress) if stage_of(state) is not None]
    assert len(stages) <= 1
    for state in stages:
        assert stage_of(state) == progress.rank + 1
        assert progress_of(state).rank == progress.rank
