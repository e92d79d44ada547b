"""How something stands against its due date on a given day, in working days: red once overdue, amber when due soon,
green otherwise, with the words the pages use ("Overdue by 2 working days", "Due today", "3 working days left").
Shared by the work queues, the case page and the learning actions."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.domain.calendar import Holidays, add_working_days, working_days_left

# A deadline this many working days away or fewer is "due soon" (amber); after its date it is overdue (red).
DUE_SOON_WORKING_DAYS = 2


class DeadlineStatus(StrEnum):
    OVERDUE = "red"
    DUE_SOON = "amber"
    ON_TRACK = "green"


@dataclass(frozen=True)
class Deadline:
    """How a case stands against its next deadline on a given day, counted in working days."""

    due_on: date
    working_days_left: int
    status: DeadlineStatus

    @property
    def text(self) -> str:
        if self.status is DeadlineStatus.OVERDUE:
            # The day after a Friday deadline is a Saturday: overdue, though no working day has passed yet.
            days = -self.working_days_left
            return f"Overdue by {_working_days(days)}" if days else "Overdue"
        if self.working_days_left == 0:
            return "Due today"
        return f"{_working_days(self.working_days_left)} left"


def _working_days(number: int) -> str:
    return f"{number} working day{'' if number == 1 else 's'}"


def deadline(today: date, due_on: date, holidays: Holidays) -> Deadline:
    """Red once `today` is past the due date, amber when it is at most two working days away, green otherwise.

    Working days come from `portal.domain.calendar.working_days_left` (day 1 is the first working day after today).
    """
    left = working_days_left(today, due_on, holidays)
    if today > due_on:
        status = DeadlineStatus.OVERDUE
    elif left <= DUE_SOON_WORKING_DAYS:
        status = DeadlineStatus.DUE_SOON
    else:
        status = DeadlineStatus.ON_TRACK
    return Deadline(due_on=due_on, working_days_left=left, status=status)


def due_soon_before(today: date, holidays: Holidays) -> date:
    """The first due date that is no longer due soon: any date before it is amber or red on `today`."""
    return add_working_days(today, DUE_SOON_WORKING_DAYS + 1, holidays)


# The GOV.UK tag colour for each status.
DEADLINE_TAG_COLOURS = {
    DeadlineStatus.OVERDUE: "red",
    DeadlineStatus.DUE_SOON: "yellow",
    DeadlineStatus.ON_TRACK: "green",
}
