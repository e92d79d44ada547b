"""How a case stands against a deadline on a given day: overdue (red), due soon (amber) or on track (green), with the
working days left. One rule for the work queues, the case page and the acknowledgement; pure, so tests can stand on
any day, 24 December included.
"""

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

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag colour that shows it (GOV.UK has no amber tag: yellow stands for it)."""
        return {"red": "red", "amber": "yellow", "green": "green"}[self.value]


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
