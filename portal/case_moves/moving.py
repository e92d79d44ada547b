"""Moving a case: the one way a case changes state, from screening to closing (issue 11).

A change that moves a case goes through `change_case` (or `move_case`, its short form for a move with nothing else
to it), which does the same seven things every time:

1. checks the move with the domain (`portal.domain.moves.transition`), told the case's progress (the furthest stage
   answered) and the state a held case was held from;
2. keeps the case's new state, procedure, progress, hold and closure;
3. runs the clocks (`portal.domain.clocks`): the event the move records completes the steps it completes
   (`steps_completed_by`) and starts the clocks it starts (`clocks_started_by`); the row of the state the case leaves
   is completed, and the state it enters gets a row of its own with its step's clock (a `StageRecord`);
4. calls the closing-the-loop hook, `portal.common.closing.case_closed`, when the case closes;
5. records one audit event with what changed and the clocks started and completed;
6. queues the messages for the person in the outbox, in the same transaction;
7. commits everything together, or rolls everything back when a rule refuses the change (the domain's exception
   goes on to the caller, who shows it in the error summary).

Send the queued messages after the change with `portal.notifications.outbox.deliver_now(change.message_ids)`.

A row's clock starts from the day of the event its step counts from (`clock_event`): the move's own event, or one
that happened earlier (a corporate case screened again after its acknowledgement keeps that day), or, when a hold
ends, the day it ended (regulation 8). Until then the row waits with no clock, as a corporate Stage 1 waits for the
acknowledgement (Complaint Handling Code). Receipt and screening have no row of their own: the acknowledgement they
wait for is timed on the case (`Case.acknowledgement_due_on`), because its clock runs before the procedure is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from portal.common.changes import changes, json_safe, snapshot
from portal.common.closing import case_closed
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, OutboxMessage, StaffUser, StageRecord
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries.settings import timescale_policy
from portal.domain.clocks import (
    STATE_STEPS,
    Clock,
    clock_event,
    clocks_started_by,
    start_clock,
    steps_completed_by,
    timescale_met,
)
from portal.domain.moves import progress_after, transition
from portal.domain.types import CaseState, ClockEvent, Closure, Procedure, TimescaleStep

# What every move may change on the case, so the audit event always says so.
STATE_FIELDS = ("procedure", "state", "progress", "held_from", "closure", "closed_on")
# Receipt and screening wait for the acknowledgement, timed on the case; a closed case waits for nothing.
_WITHOUT_ROW = frozenset({CaseState.RECEIVED, CaseState.SCREENING, CaseState.CLOSED})


class CaseChange:
    """One audited change to a case, made inside `change_case`: its moves and clock events, extra audit detail, and
    the messages to queue. After the block, `message_ids` holds the ids of the queued messages."""

    def __init__(self, case: Case, user: StaffUser | None, action: str, fields: tuple[str, ...]) -> None:
        self.case = case
        self.user = user
        self.action = action
        self.fields = STATE_FIELDS + tuple(name for name in fields if name not in STATE_FIELDS)
        self.before = snapshot(case, self.fields)
        self.detail: dict = {}
        self.started: list[StageRecord] = []
        self.completed: list[StageRecord] = []
        self.messages: list[OutboxMessage] = []
        self.message_ids: list[int] = []

    # Moves -------------------------------------------------------------------------------------------------------

    def move(
        self,
        target: CaseState,
        on: date,
        *,
        event: ClockEvent | None = None,
        event_on: date | None = None,
        procedure: Procedure | None = None,
        closure: Closure | None = None,
        response_sent: bool = False,
        clock_restarts_on: date | None = None,
        review_on: date | None = None,
    ) -> StageRecord | None:
        """Moves the case to ``target`` on ``on`` and returns the row of the state it enters (``None`` for receipt,
        screening and closed). Raises ``InvalidTransition`` when the procedure does not allow the move.

        - ``event``: what happened (``ClockEvent``), if the move records one; ``event_on`` is its day when that is not
          ``on`` (screening records the day the complaint was received).
        - ``procedure``: a screening decision, putting the case into that procedure; a case already in a procedure
          goes back to screening first (``Stage 1 -> screening -> the procedure's first state``).
        - ``closure``: how the case ended, when ``target`` is closed (a compliment has none); ``response_sent`` when
          the procedure's last response closes it (``portal.domain.moves.progress_after``).
        - ``clock_restarts_on``: regulation 8, the day a hold ended, from which the new state's clock starts again in
          full; ``review_on``: a hold's review date, kept as its row's due date.
        """
        if procedure is not None and self.case.state is not CaseState.SCREENING:
            self._leg(CaseState.SCREENING, on, self.case.procedure)
        return self._leg(
            target,
            on,
            procedure or self.case.procedure,
            event=event,
            event_on=event_on,
            closure=closure,
            response_sent=response_sent,
            clock_restarts_on=clock_restarts_on,
            review_on=review_on,
        )

    def clock_event(self, event: ClockEvent, on: date) -> None:
        """Records an event that moves no state but stops or starts clocks: the acknowledgement completes nothing
        timed on a row, and starts a corporate Stage 1 clock (Complaint Handling Code)."""
        procedure = self.case.procedure
        if procedure is None:
            return
        self._complete(procedure, event, on, on, leaving=False)
        for clock in _clocks(procedure, event, on):
            waiting = next((row for row in _open_rows(self.case) if step_of(self.case, row) is clock.step), None)
            if waiting is not None and waiting.clock_started_on is None:
                waiting.step = clock.step
                _set_clock(waiting, clock)
                self.started.append(waiting)
            else:
                self._add_row(self.case.state, procedure, clock.step, clock, started_on=on)

    def queue(self, messages: Iterable[OutboxMessage]) -> None:
        """Messages for the person, queued in the outbox by the caller: committed with the change."""
        self.messages.extend(messages)

    # The work ----------------------------------------------------------------------------------------------------

    def _leg(
        self,
        target: CaseState,
        on: date,
        procedure: Procedure | None,
        *,
        event: ClockEvent | None = None,
        event_on: date | None = None,
        closure: Closure | None = None,
        response_sent: bool = False,
        clock_restarts_on: date | None = None,
        review_on: date | None = None,
    ) -> StageRecord | None:
        case = self.case
        current = case.state
        held_from = CaseState(case.held_from) if case.held_from else None
        transition(procedure, current, target, progress=case.progress, held_from=held_from)
        progress = progress_after(
            procedure, current, target, case.progress, held_from=held_from, response_sent=response_sent
        )
        happened_on = event_on or on
        self._complete(procedure, event, happened_on, on, leaving=True)
        case.procedure = procedure
        case.state = target
        case.progress = progress
        case.held_from = current.value if target is CaseState.ON_HOLD else None
        if target is CaseState.CLOSED:
            case.closure = closure
            case.closed_on = on
        elif current is CaseState.CLOSED:
            case.closure = None
            case.closed_on = None
        started = _clocks(procedure, event, happened_on) if procedure is not None and event is not None else []
        row = None
        if target not in _WITHOUT_ROW:
            row = self._enter(target, on, procedure, started, clock_restarts_on, review_on)
        for clock in started:
            if row is None or clock.step is not row.step:
                self._add_row(target, procedure, clock.step, clock, started_on=happened_on)
        if target is CaseState.CLOSED:
            case_closed(case, on)
        return row

    def _complete(
        self, procedure: Procedure | None, event: ClockEvent | None, happened_on: date, on: date, *, leaving: bool
    ) -> None:
        """Completes the open rows the event completes; when the case leaves its state, the others stop too."""
        completing = set(steps_completed_by(procedure, event)) if procedure is not None and event is not None else set()
        for row in _open_rows(self.case):
            if step_of(self.case, row) in completing:
                row.completed_on = happened_on
                row.completed_by = event
            elif leaving:
                row.completed_on = on
            else:
                continue
            self.completed.append(row)

    def _enter(
        self,
        target: CaseState,
        on: date,
        procedure: Procedure | None,
        started: list[Clock],
        clock_restarts_on: date | None,
        review_on: date | None,
    ) -> StageRecord:
        """The row of the state the case enters, with its step's clock if that has started (see the module)."""
        step = STATE_STEPS.get((procedure, target)) if procedure is not None else None
        clock = next((clock for clock in started if clock.step is step), None) if step else None
        started_on = clock.started_on if clock else on
        if step is not None and clock_restarts_on is not None:
            clock = _start(procedure, step, clock_restarts_on)
            started_on = on
        elif step is not None and clock is None:
            earlier = event_day(self.case, clock_event(procedure, step))
            clock = _start(procedure, step, earlier) if earlier else None
        row = self._add_row(target, procedure, step, clock, started_on=started_on)
        if review_on is not None:
            row.due_on = review_on
        return row

    def _add_row(
        self,
        state: CaseState,
        procedure: Procedure | None,
        step: TimescaleStep | None,
        clock: Clock | None,
        *,
        started_on: date,
    ) -> StageRecord:
        row = StageRecord(
            state=state,
            procedure=procedure,
            step=step,
            started_on=started_on,
            handler_id=self.case.responding_manager_id,
        )
        if clock is not None:
            _set_clock(row, clock)
        queries.add_stage(self.case, row)
        self.started.append(row)
        return row

    def finish(self) -> None:
        """Audits the change and commits it; called by `change_case` when its block ends without an error."""
        case = self.case
        extra = dict(self.detail)
        detail = {"changes": {**changes(self.before, snapshot(case, self.fields)), **extra.pop("changes", {})}}
        clocks = _clocks_detail(self.started, self.completed)
        if clocks:
            detail["clocks"] = clocks
        actor = self.user.id if self.user is not None else None
        audit.record(actor, self.action, case_id=case.id, detail={**detail, **extra})
        transaction.commit()
        self.message_ids = [message.id for message in self.messages]


@contextmanager
def change_case(case: Case, user: StaffUser | None, action: str, *, fields: Iterable[str] = ()) -> Iterator[CaseChange]:
    """One audited change to ``case`` by ``user`` (``None``: the person who made the case, on the public pages),
    recorded as ``action``: inside the block, move the case
    (``change.move``), record clock events (``change.clock_event``), change other ``fields`` of the case (the audit
    event lists their changes too), add ``change.detail`` (its "changes" join the fields' changes) and queue messages
    (``change.queue``). When the block
    ends, the change is audited and committed; if it raises, everything is rolled back and the error goes on."""
    change = CaseChange(case, user, action, tuple(fields))
    try:
        yield change
    except BaseException:
        transaction.rollback()
        raise
    change.finish()


def move_case(
    case: Case,
    user: StaffUser,
    target: CaseState,
    *,
    on: date,
    action: str,
    detail: dict | None = None,
    messages: Callable[[Case], Iterable[OutboxMessage]] | None = None,
    **move,
) -> CaseChange:
    """Moves ``case`` to ``target`` as one audited, committed change (``CaseChange.move`` takes the same keywords).
    ``messages`` is called once the case has moved, so that what it says can use the new due dates."""
    with change_case(case, user, action) as change:
        change.move(target, on, **move)
        change.detail.update(detail or {})
        if messages is not None:
            change.queue(messages(case))
    return change


# Helpers -------------------------------------------------------------------------------------------------------------


def event_day(case: Case, event: ClockEvent) -> date | None:
    """The day ``event`` happened to ``case``, or ``None`` if it has not: receipt and the acknowledgement are kept on
    the case; any other event is the day it completed a step."""
    if event is ClockEvent.RECEIVED:
        return case.received_on
    if event is ClockEvent.ACKNOWLEDGED:
        return case.acknowledged_on
    return max((row.completed_on for row in case.stages if row.completed_by is event), default=None)


def step_of(case: Case, row: StageRecord) -> TimescaleStep | None:
    """The step a row times: its own, or, for a row recorded without one, the step its state works towards."""
    if row.step is not None:
        return row.step
    procedure = row.procedure or case.procedure
    step = STATE_STEPS.get((procedure, row.state)) if procedure is not None else None
    return None if step is TimescaleStep.ACKNOWLEDGE else step


def _open_rows(case: Case) -> list[StageRecord]:
    return [row for row in case.stages if row.completed_on is None]


def _start(procedure: Procedure, step: TimescaleStep, started_on: date) -> Clock:
    return start_clock(procedure, step, started_on, timescale_policy(), council_calendar())


def _clocks(procedure: Procedure, event: ClockEvent, happened_on: date) -> list[Clock]:
    """The clocks ``event`` starts, but the acknowledgement's, which is timed on the case."""
    clocks = clocks_started_by(procedure, event, happened_on, timescale_policy(), council_calendar())
    return [clock for clock in clocks if clock.step is not TimescaleStep.ACKNOWLEDGE]


def _set_clock(row: StageRecord, clock: Clock) -> None:
    row.clock_started_on = clock.started_on
    row.due_on = clock.due_on
    row.latest_due_on = clock.latest_due_on


def _clocks_detail(started: list[StageRecord], completed: list[StageRecord]) -> dict:
    detail = {}
    if started:
        detail["started"] = [
            {
                "state": row.state.value,
                "step": json_safe(row.step),
                "clock_started_on": json_safe(row.clock_started_on),
                "due_on": json_safe(row.due_on),
            }
            for row in started
        ]
    if completed:
        detail["completed"] = [
            {
                "state": row.state.value,
                "step": json_safe(row.step),
                "completed_on": json_safe(row.completed_on),
                "in_time": in_time(row),
            }
            for row in completed
        ]
    return detail


def in_time(row: StageRecord) -> bool | None:
    """Whether a completed step met its timescale (``portal.domain.clocks.timescale_met``, with any extension), or
    ``None`` when that cannot be said: not completed by its event, or no clock."""
    if row.completed_by is None or row.completed_on is None or row.due_on is None:
        return None
    return timescale_met(row.completed_on, row.due_on, row.extended_to)
