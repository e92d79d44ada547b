"""The procedures in one place: states and moves, clocks, holds and extensions.

The rules live in smaller modules, each with its sources and day-counting convention in its docstring:

- ``portal.domain.moves``: the states (the waiting periods are states of their own), the declared move tables and
  ``transition()``, which also knows the furthest stage answered and the state a hold came from.
- ``portal.domain.clocks``: the fourteen timed steps, the event that starts and the event that completes each, due
  dates, ``timescale_met`` and the complainant's windows to escalate.
- ``portal.domain.holds``: regulation 8 holds, whose end restarts the clock.
- ``portal.domain.extensions``: how far and how often each step can be extended, with a reason.
- ``portal.domain.outcomes`` and ``portal.domain.reminders``: case outcomes, panels, Stage 2 handlers, learning, and
  the daily reminder selection.

This module re-exports what the app has always imported from here, so callers need not know the split.
"""

from portal.domain.calendar import format_date
from portal.domain.clocks import (
    STATE_STEPS,
    acknowledgement_due,
    counted_from,
    deadline_for,
    due_date,
    has_timescale,
    is_extendable,
    non_working_days,
    response_due,
)
from portal.domain.extensions import Extension, InvalidExtension, extend, extension_limit
from portal.domain.holds import Hold, InvalidHold, Resumed, end_hold, put_on_hold, review_hold
from portal.domain.moves import (
    ALLOWED_MOVES,
    REOPENING_MOVES,
    InvalidTransition,
    allowed_moves,
    first_state,
    progress_after,
    state_label,
    transition,
)

__all__ = [
    "ALLOWED_MOVES",
    "REOPENING_MOVES",
    "STATE_STEPS",
    "Extension",
    "Hold",
    "InvalidExtension",
    "InvalidHold",
    "InvalidTransition",
    "Resumed",
    "acknowledgement_due",
    "allowed_moves",
    "counted_from",
    "deadline_for",
    "due_date",
    "end_hold",
    "extend",
    "extension_limit",
    "first_state",
    "format_date",
    "has_timescale",
    "is_extendable",
    "non_working_days",
    "progress_after",
    "put_on_hold",
    "response_due",
    "review_hold",
    "state_label",
    "transition",
]
