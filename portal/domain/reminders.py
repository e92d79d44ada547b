"""Which deadlines a daily reminder should mention: those due soon and those overdue (issue 11, "Deadlines
everywhere"; domain.md section 4: "Staff need a tracker of cases coming up to their deadline or past it").

The app collects what is open (the clocks of timed steps not yet completed, and anything else with a due date, such
as an Ombudsman remedy or a learning action), asks ``reminders_due`` which to mention on ``today``, and sends each
person one message; never sending the same reminder twice in a day is the app's record to keep.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Protocol, TypeVar

from portal.domain.calendar import WorkingCalendar, working_days_left
from portal.domain.clocks import non_working_days
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Procedure


class Dated(Protocol):
    """Anything with a due date, and the procedure whose clock counts its working days (``None``: bank holidays
    only, as for dates the Ombudsman or a learning lead sets)."""

    @property
    def due_on(self) -> date: ...

    @property
    def procedure(self) -> Procedure | None: ...


D = TypeVar("D", bound=Dated)


@dataclass(frozen=True)
class Reminders(Generic[D]):
    """What to remind people of: due soon (today or within the next working days) and overdue, earliest first."""

    due_soon: list[D] = field(default_factory=list)
    overdue: list[D] = field(default_factory=list)


def reminders_due(
    open_items: Iterable[D],
    today: date,
    within_working_days: int,
    policy: TimescalePolicy,
    calendar: WorkingCalendar,
) -> Reminders[D]:
    """Splits ``open_items`` into those due soon and those overdue on ``today``; the rest are left out.

    Overdue: the due date has passed (``due_on < today``). Due soon: due today or within ``within_working_days``
    working days of ``today``, counted by the item's own procedure's clock (``non_working_days``: a council closure
    day is a working day for a statutory clock, regulation 2, but may not be for a corporate one), as
    ``portal.domain.calendar.working_days_left`` does: 1 means due on the next working day. Each list is sorted by
    due date, earliest first, keeping the given order for equal dates. Raises ``ValueError`` for a negative number
    of days.
    """
    if within_working_days < 0:
        raise ValueError(f"The number of working days cannot be negative (got {within_working_days}).")
    due_soon, overdue = [], []
    for item in open_items:
        if item.due_on < today:
            overdue.append(item)
        elif (
            working_days_left(today, item.due_on, non_working_days(item.procedure, policy, calendar))
            <= within_working_days
        ):
            due_soon.append(item)
    return Reminders(
        due_soon=sorted(due_soon, key=lambda item: item.due_on), overdue=sorted(overdue, key=lambda item: item.due_on)
    )
