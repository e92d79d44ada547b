"""The daily reminder selection: due within N working days of each item's own clock, or overdue (issue 11)."""

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.calendar import WorkingCalendar, working_days_left
from portal.domain.clocks import non_working_days
from portal.domain.reminders import Reminders, reminders_due
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Procedure
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

POLICY = TimescalePolicy.default()
CHRISTMAS_EVE_CLOSED = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=frozenset({date(2026, 12, 24)}))
STATUTORY, CORPORATE = Procedure.STATUTORY, Procedure.CORPORATE
TUESDAY_22_DECEMBER = date(2026, 12, 22)


@dataclass(frozen=True)
class Item:
    name: str
    due_on: date
    procedure: Procedure | None


def names(items):
    return [item.name for item in items]


def test_due_soon_and_overdue_each_by_its_own_clock():
    items = [
        Item("statutory, 30 December: 4 working days away, the closure day counting", date(2026, 12, 30), STATUTORY),
        Item("corporate, 30 December: 3 working days away, the closure day skipped", date(2026, 12, 30), CORPORATE),
        Item("statutory, 29 December: 3 working days away", date(2026, 12, 29), STATUTORY),
        Item("due today", TUESDAY_22_DECEMBER, STATUTORY),
        Item("an Ombudsman remedy due yesterday", date(2026, 12, 21), None),
        Item("a learning action due on 29 December", date(2026, 12, 29), None),
        Item("long overdue", date(2026, 11, 2), CORPORATE),
    ]
    reminders = reminders_due(items, TUESDAY_22_DECEMBER, 3, POLICY, CHRISTMAS_EVE_CLOSED)
    assert names(reminders.due_soon) == [
        "due today",
        "statutory, 29 December: 3 working days away",
        "a learning action due on 29 December",
        "corporate, 30 December: 3 working days away, the closure day skipped",
    ]
    assert names(reminders.overdue) == ["long overdue", "an Ombudsman remedy due yesterday"]


@pytest.mark.parametrize(
    ("within", "due_soon"),
    [
        (0, ["today"]),
        (1, ["today", "Wednesday"]),
        (2, ["today", "Wednesday", "Christmas Eve"]),
        (3, ["today", "Wednesday", "Christmas Eve", "29 December"]),
    ],
)
def test_the_boundary_of_due_soon(within, due_soon):
    items = [
        Item("today", TUESDAY_22_DECEMBER, STATUTORY),
        Item("Wednesday", date(2026, 12, 23), STATUTORY),
        Item("Christmas Eve", date(2026, 12, 24), STATUTORY),
        Item("29 December", date(2026, 12, 29), STATUTORY),
    ]
    reminders = reminders_due(items, TUESDAY_22_DECEMBER, within, POLICY, CHRISTMAS_EVE_CLOSED)
    assert (names(reminders.due_soon), reminders.overdue) == (due_soon, [])


def test_on_a_weekend_monday_is_one_working_day_away_and_friday_is_overdue():
    saturday = date(2026, 12, 19)
    items = [Item("Monday", date(2026, 12, 21), STATUTORY), Item("Friday", date(2026, 12, 18), STATUTORY)]
    reminders = reminders_due(items, saturday, 1, POLICY, CHRISTMAS_EVE_CLOSED)
    assert (names(reminders.due_soon), names(reminders.overdue)) == (["Monday"], ["Friday"])


def test_nothing_open_means_nothing_to_send():
    assert reminders_due([], TUESDAY_22_DECEMBER, 3, POLICY, CHRISTMAS_EVE_CLOSED) == Reminders()


def test_the_number_of_days_cannot_be_negative():
    with pytest.raises(ValueError, match="cannot be negative"):
        reminders_due([], TUESDAY_22_DECEMBER, -1, POLICY, CHRISTMAS_EVE_CLOSED)


@settings(max_examples=200, deadline=None)
@given(
    dues=st.lists(
        st.tuples(st.dates(date(2026, 11, 1), date(2027, 2, 28)), st.sampled_from([STATUTORY, CORPORATE, None])),
        max_size=25,
    ),
    today=st.dates(date(2026, 12, 1), date(2027, 1, 31)),
    within=st.integers(0, 10),
)
def test_each_item_is_reminded_at_most_once_and_exactly_when_its_rule_says(dues, today, within):
    items = [Item(str(number), due_on, procedure) for number, (due_on, procedure) in enumerate(dues)]
    reminders = reminders_due(items, today, within, POLICY, CHRISTMAS_EVE_CLOSED)
    assert not set(reminders.due_soon) & set(reminders.overdue)
    for item in items:
        days_left = working_days_left(
            today, item.due_on, non_working_days(item.procedure, POLICY, CHRISTMAS_EVE_CLOSED)
        )
        assert (item in reminders.overdue) is (item.due_on < today)
        assert (item in reminders.due_soon) is (item.due_on >= today and days_left <= within)
    for listed in (reminders.due_soon, reminders.overdue):
        assert [item.due_on for item in listed] == sorted(item.due_on for item in listed)
