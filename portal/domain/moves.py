"""The procedures' states and the moves between them.

Each procedure has a declared table of ``(from, to)`` moves between ``CaseState``s, and ``transition()`` is the only
way to check a move: it raises ``InvalidTransition`` for anything outside the table, and for the moves the table
allows only in context, which it is told through two keywords:

- ``progress``: the furthest stage whose response the council has sent (``Progress``). Every open state of a
  procedure implies it (a case at "Stage 2: investigating" has had its Stage 1 response), so it is read only where
  the state cannot tell: a closed case, and a case with the Ombudsman. ``progress_after()`` gives the new value
  after each move, for the caller to keep.
- ``held_from``: the state a case on hold was held from.

The waiting periods are states of their own (issue 11), so no move can skip a stage:

- Statutory (2006 Regulations; domain.md section 4; seeds 003 and 004): Stage 1 -> Stage 1 response sent (20
  working days to ask for Stage 2) -> Stage 2 requested (terms of reference not agreed yet; mediation may be
  offered here and, if it does not resolve the complaint, the request stands: Sandwell) -> Stage 2 investigating
  -> adjudication sent (20 working days to ask for a review panel) -> review panel requested -> panel held (findings
  due) -> findings received (council's response due) -> closed.
- Corporate (the Ombudsman's Complaint Handling Code): Stage 1 -> Stage 1 response sent -> review requested (to be
  screened and acknowledged; a refusal closes the case with the reason and the Ombudsman's details, seed 003) ->
  Stage 2 review -> closed.
- Comments wait for the manager's answer, then close. Compliments, complaints not accepted and matters outside the
  procedures close at screening; the Ombudsman may ask for a refusal to be screened again (seed 003).

Moves that need context:

- A closed case reopens only into the stage after ``progress``, when the complainant asks late and the council
  accepts at its discretion (the caller records why): after Stage 1, Stage 2 requested; after Stage 2 (statutory),
  review panel requested. Never closed after Stage 1 straight into Stage 3. A case closed before any response
  cannot be reopened: the person complains again and is screened again. Any closed case can go to the Ombudsman.
- The complainant may go to the Ombudsman from any open state ("early referral"; seeds 003 and 004). The Ombudsman
  may close the matter or send it back into the procedure (premature, or it asks the council to take the next
  step, as in Sandwell's case where it asked for a Stage 2 investigation): only into the stage after ``progress``,
  Stage 1 when no response has been sent.
- Regulation 8 of the 2006 Regulations: a complaint is put on hold (from screening or from any state in which the
  council is working on it) while concurrent proceedings run, and returns only to the state it was held from
  (Stage 1 when it was held at screening), or is closed, or goes to the Ombudsman. The corporate procedure follows
  the same rule. ``portal.domain.holds`` restarts the clock.
- Every open state can be closed: withdrawn, not pursued, resolved, and so on (``Closure`` records which).
- Stage 1 (before its response) and a comment can go back to screening when screening must be done again.
"""

from portal.domain.types import CaseState, Procedure, Progress

RECEIVED = CaseState.RECEIVED
SCREENING = CaseState.SCREENING
STAGE_1 = CaseState.STAGE_1
STAGE_1_RESPONDED = CaseState.STAGE_1_RESPONDED
MEDIATION = CaseState.MEDIATION
STAGE_2_REQUESTED = CaseState.STAGE_2_REQUESTED
STAGE_2 = CaseState.STAGE_2
STAGE_2_ADJUDICATED = CaseState.STAGE_2_ADJUDICATED
STAGE_3_REQUESTED = CaseState.STAGE_3_REQUESTED
STAGE_3_PANEL_HELD = CaseState.STAGE_3_PANEL_HELD
STAGE_3_FINDINGS = CaseState.STAGE_3_FINDINGS
OMBUDSMAN = CaseState.OMBUDSMAN
AWAITING_RESPONSE = CaseState.AWAITING_RESPONSE
ON_HOLD = CaseState.ON_HOLD
CLOSED = CaseState.CLOSED

Move = tuple[CaseState, CaseState]

# Before screening, whatever the procedure will be.
UNSCREENED_MOVES: frozenset[Move] = frozenset({(RECEIVED, SCREENING), (RECEIVED, CLOSED), (SCREENING, CLOSED)})

FIRST_STATES: dict[Procedure, CaseState] = {
    Procedure.STATUTORY: STAGE_1,
    Procedure.CORPORATE: STAGE_1,
    Procedure.COMMENT: AWAITING_RESPONSE,
    Procedure.COMPLIMENT: CLOSED,
    Procedure.NOT_ACCEPTED: CLOSED,
    Procedure.OUTSIDE_PROCEDURES: CLOSED,
}

# The stage each state of the complaints procedures belongs to.
STAGES: dict[CaseState, int] = {
    STAGE_1: 1,
    STAGE_1_RESPONDED: 1,
    MEDIATION: 2,
    STAGE_2_REQUESTED: 2,
    STAGE_2: 2,
    STAGE_2_ADJUDICATED: 2,
    STAGE_3_REQUESTED: 3,
    STAGE_3_PANEL_HELD: 3,
    STAGE_3_FINDINGS: 3,
}

# The progress every state but closed, Ombudsman and on hold implies.
_IMPLIED_PROGRESS: dict[CaseState, Progress] = {
    RECEIVED: Progress.NONE,
    SCREENING: Progress.NONE,
    AWAITING_RESPONSE: Progress.NONE,
    STAGE_1: Progress.NONE,
    STAGE_1_RESPONDED: Progress.STAGE_1,
    MEDIATION: Progress.STAGE_1,
    STAGE_2_REQUESTED: Progress.STAGE_1,
    STAGE_2: Progress.STAGE_1,
    STAGE_2_ADJUDICATED: Progress.STAGE_2,
    STAGE_3_REQUESTED: Progress.STAGE_2,
    STAGE_3_PANEL_HELD: Progress.STAGE_2,
    STAGE_3_FINDINGS: Progress.STAGE_2,
}

# Where a case goes on to after each response: a late request from a closed case, or the Ombudsman sending it back.
_NEXT_STAGE: dict[Procedure, dict[Progress, CaseState]] = {
    Procedure.STATUTORY: {
        Progress.NONE: STAGE_1,
        Progress.STAGE_1: STAGE_2_REQUESTED,
        Progress.STAGE_2: STAGE_3_REQUESTED,
    },
    Procedure.CORPORATE: {Progress.NONE: STAGE_1, Progress.STAGE_1: STAGE_2_REQUESTED},
}

# The state whose response ends each procedure: sending it closes the case with that stage answered.
_FINAL_STATES: dict[Procedure, tuple[CaseState, Progress]] = {
    Procedure.STATUTORY: (STAGE_3_FINDINGS, Progress.STAGE_3),
    Procedure.CORPORATE: (STAGE_2, Progress.STAGE_2),
}

# Regulation 8: the states in which the council is working on a complaint, so that it can be put on hold.
_HOLDABLE: dict[Procedure, tuple[CaseState, ...]] = {
    Procedure.STATUTORY: (
        SCREENING,
        STAGE_1,
        STAGE_2_REQUESTED,
        STAGE_2,
        STAGE_3_REQUESTED,
        STAGE_3_PANEL_HELD,
        STAGE_3_FINDINGS,
    ),
    Procedure.CORPORATE: (SCREENING, STAGE_1, STAGE_2_REQUESTED, STAGE_2),
}

_LABELS: dict[Procedure, dict[CaseState, str]] = {
    Procedure.CORPORATE: {
        STAGE_2_REQUESTED: "Review requested: to be screened and acknowledged",
        STAGE_2: "Stage 2 review",
        ON_HOLD: "On hold while other proceedings run",
    },
}


def first_state(procedure: Procedure) -> CaseState:
    """The state a case enters when screening puts it into ``procedure`` (domain.md section 3).

    Statutory and corporate complaints start at Stage 1, comments wait for a response, and compliments, complaints
    not accepted and those outside the procedures are closed straight away.
    """
    return FIRST_STATES[procedure]


def return_state(procedure: Procedure, held_from: CaseState) -> CaseState:
    """The state a case held from ``held_from`` goes back to when the hold ends: that state, or the procedure's first
    stage when it was held at screening (regulation 8 of the 2006 Regulations)."""
    return first_state(procedure) if held_from is SCREENING else held_from


def _complaint_table(procedure: Procedure, forward: set[Move]) -> frozenset[Move]:
    """A complaints procedure's table: its forward moves, and the moves every complaint has (see the module)."""
    stages = {state for move in forward for state in move if state in STAGES}
    holdable = _HOLDABLE[procedure]
    next_stages = set(_NEXT_STAGE[procedure].values())
    reopen = next_stages - {FIRST_STATES[procedure]}
    return _table(
        procedure,
        forward
        | {(state, OMBUDSMAN) for state in stages | {ON_HOLD, CLOSED}}
        | {(OMBUDSMAN, state) for state in next_stages}
        | {(CLOSED, state) for state in reopen}
        | {(state, CLOSED) for state in stages | {OMBUDSMAN, ON_HOLD}}
        | {(state, ON_HOLD) for state in holdable}
        | {(ON_HOLD, return_state(procedure, state)) for state in holdable},
    )


def _table(procedure: Procedure, moves: set[Move]) -> frozenset[Move]:
    screened = UNSCREENED_MOVES | {(SCREENING, FIRST_STATES[procedure])}
    return frozenset(screened | moves)


ALLOWED_MOVES: dict[Procedure, frozenset[Move]] = {
    Procedure.STATUTORY: _complaint_table(
        Procedure.STATUTORY,
        {
            (STAGE_1, SCREENING),
            (STAGE_1, STAGE_1_RESPONDED),
            (STAGE_1_RESPONDED, STAGE_2_REQUESTED),
            # Sandwell offers mediation to those who ask for Stage 2; if it does not resolve things the request stands.
            (STAGE_2_REQUESTED, MEDIATION),
            (MEDIATION, STAGE_2_REQUESTED),
            (STAGE_2_REQUESTED, STAGE_2),
            (STAGE_2, STAGE_2_ADJUDICATED),
            (STAGE_2_ADJUDICATED, STAGE_3_REQUESTED),
            (STAGE_3_REQUESTED, STAGE_3_PANEL_HELD),
            (STAGE_3_PANEL_HELD, STAGE_3_FINDINGS),
        },
    ),
    Procedure.CORPORATE: _complaint_table(
        Procedure.CORPORATE,
        {
            (STAGE_1, SCREENING),
            (STAGE_1, STAGE_1_RESPONDED),
            (STAGE_1_RESPONDED, STAGE_2_REQUESTED),
            (STAGE_2_REQUESTED, STAGE_2),
        },
    ),
    # Forwarded to the Team Manager and monitored until answered (domain.md section 2).
    Procedure.COMMENT: _table(Procedure.COMMENT, {(AWAITING_RESPONSE, SCREENING), (AWAITING_RESPONSE, CLOSED)}),
    # Recorded, shared with the team and closed (domain.md section 8).
    Procedure.COMPLIMENT: _table(Procedure.COMPLIMENT, set()),
    # The person is told why and pointed to the Ombudsman, who may look at the refusal and ask for it to be
    # screened again (seed 003, "Screening System").
    Procedure.NOT_ACCEPTED: _table(
        Procedure.NOT_ACCEPTED, {(CLOSED, OMBUDSMAN), (OMBUDSMAN, SCREENING), (OMBUDSMAN, CLOSED)}
    ),
    # Signposted elsewhere, for example to a school's own complaints procedure.
    Procedure.OUTSIDE_PROCEDURES: _table(Procedure.OUTSIDE_PROCEDURES, set()),
}

# Moves that take a closed case back into a procedure: the caller records why.
REOPENING_MOVES: frozenset[Move] = frozenset(
    move for table in ALLOWED_MOVES.values() for move in table if move[0] is CLOSED
)


class InvalidTransition(ValueError):
    """A case was asked to move between two states that its procedure does not allow, here or at all."""

    def __init__(
        self,
        procedure: Procedure | None,
        current: CaseState,
        target: CaseState,
        *,
        progress: Progress = Progress.NONE,
        held_from: CaseState | None = None,
        why: str = "",
    ) -> None:
        self.procedure = procedure
        self.current = current
        self.target = target
        allowed = allowed_moves(procedure, current, progress=progress, held_from=held_from)
        where = procedure.label if procedure else "Not screened yet"
        now, then = state_label(procedure, current), state_label(procedure, target)
        can = f' From "{now}" it can move to {_or_list(procedure, allowed)}.' if allowed else ""
        why = f" {why}" if why else ""
        super().__init__(f'{where}: a case cannot move from "{now}" to "{then}".{why}{can}')


def _or_list(procedure: Procedure | None, states: list[CaseState]) -> str:
    names = [f'"{state_label(procedure, state)}"' for state in states]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def state_label(procedure: Procedure | None, state: CaseState) -> str:
    """What people read for ``state`` in ``procedure``: the statutory wording (``CaseState``'s labels) unless the
    procedure has its own, e.g. the corporate "Stage 2 review" (Complaint Handling Code; seed 003)."""
    return _LABELS.get(procedure, {}).get(state, state.label) if procedure else state.label


def stage_of(state: CaseState) -> int | None:
    """The stage (1, 2 or 3) of a complaints procedure that ``state`` belongs to; ``None`` outside the stages
    (screening, Ombudsman, on hold, closed, a comment). Mediation belongs to Stage 2: it is offered on the request."""
    return STAGES.get(state)


def next_stage(procedure: Procedure, progress: Progress) -> CaseState | None:
    """The state a case enters when it goes on after the response ``progress`` names: Stage 1 after none, Stage 2
    requested after Stage 1, review panel requested after statutory Stage 2; ``None`` when the procedure has no
    further stage (the Ombudsman comes next). Source: domain.md section 4."""
    return _NEXT_STAGE.get(procedure, {}).get(progress)


def progress_of(state: CaseState) -> Progress | None:
    """The progress a case in ``state`` has made, or ``None`` for closed, Ombudsman and on hold, whose progress the
    caller keeps (the state alone cannot tell)."""
    return _IMPLIED_PROGRESS.get(state)


def allowed_moves(
    procedure: Procedure | None,
    current: CaseState,
    *,
    progress: Progress = Progress.NONE,
    held_from: CaseState | None = None,
) -> list[CaseState]:
    """The states a case in ``procedure`` can move to from ``current``, in ``CaseState`` order, in the context given
    (see ``transition``). ``procedure=None`` means not screened yet. Source: the tables in this module."""
    return [
        state
        for state in CaseState
        if _refusal(procedure, current, state, progress=progress, held_from=held_from) is None
    ]


def transition(
    procedure: Procedure | None,
    current: CaseState,
    target: CaseState,
    *,
    progress: Progress = Progress.NONE,
    held_from: CaseState | None = None,
) -> CaseState:
    """Checks the move from ``current`` to ``target`` and returns ``target``, or raises ``InvalidTransition``.

    ``procedure=None`` means not screened yet. Staying in the same state is not a move. ``progress`` (the furthest
    stage answered) is read only when the case is closed or with the Ombudsman: it may go on only into
    ``next_stage(procedure, progress)``, and a closed case only after a response. ``held_from`` is read only when
    the case is on hold: it goes back only to ``return_state(procedure, held_from)``. Source: the tables and rules
    in this module (domain.md sections 3 to 5; regulation 8 of the 2006 Regulations; the Complaint Handling Code).
    """
    why = _refusal(procedure, current, target, progress=progress, held_from=held_from)
    if why is not None:
        raise InvalidTransition(procedure, current, target, progress=progress, held_from=held_from, why=why)
    return target


def _refusal(
    procedure: Procedure | None,
    current: CaseState,
    target: CaseState,
    *,
    progress: Progress,
    held_from: CaseState | None,
) -> str | None:
    """Why the move is refused ("" when the table has no such move), or ``None`` when it is allowed."""
    table = UNSCREENED_MOVES if procedure is None else ALLOWED_MOVES[procedure]
    if (current, target) not in table:
        return ""
    if current is ON_HOLD and target not in (CLOSED, OMBUDSMAN):
        if held_from is None or target is not return_state(procedure, held_from):
            return "A case on hold goes back only to the state it was held from."
    if current in (CLOSED, OMBUDSMAN) and target in STAGES:
        if current is CLOSED and progress is Progress.NONE:
            return "A case closed before any response cannot be reopened: the complaint is made and screened again."
        if target is not next_stage(procedure, progress):
            return "It can go on only to the stage after the last response sent."
    return None


def progress_after(
    procedure: Procedure | None,
    current: CaseState,
    target: CaseState,
    progress: Progress = Progress.NONE,
    *,
    held_from: CaseState | None = None,
    response_sent: bool = False,
) -> Progress:
    """The case's progress after the move from ``current`` to ``target``, which is checked first (``transition``).

    Sending the Stage 1 response (Stage 1 -> Stage 1 response sent) and the Stage 2 adjudication (-> adjudication
    sent) record those stages as answered. The procedure's last response closes the case: pass
    ``response_sent=True`` when the council's response to the review panel (statutory) or the Stage 2 review
    response (corporate) closes it, and it records that stage; any other closing (withdrawn, not pursued...) records
    nothing new. Raises ``ValueError`` for ``response_sent`` on any other move. Source: domain.md section 4.
    """
    transition(procedure, current, target, progress=progress, held_from=held_from)
    implied = progress_of(target)
    if implied is not None:
        return implied
    was = current if current is not ON_HOLD or held_from is None else held_from
    base = progress_of(was)
    if base is None:
        base = progress
    if response_sent:
        final = _FINAL_STATES.get(procedure) if procedure else None
        if final is None or (current, target) != (final[0], CLOSED):
            raise ValueError("Only the procedure's last response closes a case with a response sent.")
        return final[1]
    return base
