"""Working-day arithmetic across weekends, bank holidays and Christmas (domain.md section 4)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    one_year_after,
    subtract_working_days,
    working_days_between,
    working_days_left,
)
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW, FIRST_YEAR, LAST_YEAR

H = BANK_HOLIDAYS_EW
NONE: frozenset[date] = frozenset()
ONE_DAY = timedelta(days=1)
ONE_OFFS = [date(2020, 5, 8), date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)]

PROPERTIES = settings(max_examples=200, deadline=None)
days_in_range = st.dates(min_value=date(FIRST_YEAR - 1, 12, 1), max_value=date(LAST_YEAR, 6, 30))
holiday_sets = st.one_of(
    st.just(H),
    st.just(NONE),
    st.frozensets(st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 3, 31)), max_size=40),
)


def naive_add(start: date, n: int, holidays: frozenset[date]) -> date:
    day = start
    while n:
        day += ONE_DAY
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def naive_between(start: date, end: date, holidays: frozenset[date]) -> int:
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += day.weekday() < 5 and day not in holidays
    return count


# Examples required by the brief --------------------------------------------------------------------------------


def test_ten_working_days_across_christmas_2026():
    # 25 December (Friday), 28 December (Boxing Day substitute) and 1 January are bank holidays.
    assert add_working_days(date(2026, 12, 18), 10, H) == date(2027, 1, 6)


def test_working_days_across_easter_and_the_platinum_jubilee_2022():
    # Good Friday 15 April, Easter Monday 18 April, 2 May, 2 and 3 June 2022.
    assert working_days_between(date(2022, 2, 22), date(2022, 6, 14), H) == 75
    assert add_working_days(date(2022, 2, 22), 75, H) == date(2022, 6, 14)


# The holiday data and every bank holiday -----------------------------------------------------------------------


def test_the_test_data_holds_every_year_and_the_one_off_days():
    assert {day.year for day in H} == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert all(day.weekday() < 5 for day in H), "gov.uk lists substitute days, never weekend dates"
    assert set(ONE_OFFS) <= H
    assert all(8 <= sum(1 for day in H if day.year == year) <= 10 for year in range(FIRST_YEAR, LAST_YEAR + 1))


@pytest.mark.parametrize("holiday", sorted(H), ids=str)
def test_every_bank_holiday_is_not_a_working_day_and_is_skipped(holiday):
    assert not is_working_day(holiday, H)
    next_day = add_working_days(holiday - ONE_DAY, 1, H)
    assert next_day > holiday
    assert is_working_day(next_day, H)
    assert working_days_between(holiday - ONE_DAY, holiday, H) == 0


# Tables -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 3, 3), 0, date(2025, 3, 3)),  # n == 0 is the start itself
        (date(2025, 3, 1), 0, date(2025, 3, 1)),  # even on a Saturday
        (date(2025, 3, 3), 1, date(2025, 3, 4)),  # Monday -> Tuesday
        (date(2025, 3, 7), 1, date(2025, 3, 10)),  # Friday -> Monday
        (date(2025, 3, 8), 1, date(2025, 3, 10)),  # Saturday -> Monday
        (date(2025, 3, 9), 1, date(2025, 3, 10)),  # Sunday -> Monday
        (date(2025, 3, 8), 5, date(2025, 3, 14)),  # received at the weekend: a full week
        (date(2025, 3, 3), 5, date(2025, 3, 10)),
        (date(2025, 3, 3), 10, date(2025, 3, 17)),
        (date(2020, 12, 24), 1, date(2020, 12, 29)),  # 25 Dec, weekend, 28 Dec substitute
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # 27 and 28 Dec substitutes
        (date(2021, 12, 23), 10, date(2022, 1, 11)),  # and 3 Jan 2022, New Year's Day substitute
        (date(2022, 12, 23), 1, date(2022, 12, 28)),  # 26 Dec, 27 Dec substitute
        (date(2023, 12, 22), 1, date(2023, 12, 27)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        (date(2022, 4, 14), 1, date(2022, 4, 19)),  # Easter
        (date(2024, 3, 28), 1, date(2024, 4, 2)),
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # Platinum Jubilee
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # State Funeral
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # Coronation
        (date(2020, 5, 7), 1, date(2020, 5, 11)),  # VE Day
        (date(2022, 5, 27), 25, date(2022, 7, 5)),
        (date(2022, 8, 31), 30, date(2022, 10, 13)),
        (date(2022, 2, 22), 65, date(2022, 5, 27)),
    ],
)
def test_add_working_days_examples(start, n, expected):
    assert add_working_days(start, n, H) == expected


def test_add_working_days_rejects_a_negative_number():
    with pytest.raises(ValueError, match="cannot be negative"):
        add_working_days(date(2025, 3, 3), -1, H)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 3, 3), date(2025, 3, 3), 0),
        (date(2025, 3, 4), date(2025, 3, 3), 0),  # end before start
        (date(2025, 3, 7), date(2025, 3, 9), 0),  # Friday to Sunday
        (date(2025, 3, 7), date(2025, 3, 10), 1),
        (date(2025, 3, 3), date(2025, 3, 10), 5),
        (date(2025, 3, 1), date(2025, 3, 31), 21),
        (date(2026, 12, 18), date(2027, 1, 6), 10),
        (date(2022, 5, 27), date(2022, 7, 5), 25),
        (date(2018, 12, 31), date(2028, 12, 31), 2609 - len(H)),  # 2,609 weekdays in 2019 to 2028
    ],
)
def test_working_days_between_examples(start, end, expected):
    assert working_days_between(start, end, H) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 3), date(2025, 3, 3)),  # a working day is its own next working day
        (date(2025, 3, 8), date(2025, 3, 10)),
        (date(2020, 12, 25), date(2020, 12, 29)),
        (date(2022, 6, 2), date(2022, 6, 6)),
    ],
)
def test_next_working_day(day, expected):
    assert next_working_day(day, H) == expected


@pytest.mark.parametrize(
    ("today", "due", "expected"),
    [
        (date(2025, 3, 3), date(2025, 3, 3), 0),  # due today
        (date(2025, 3, 3), date(2025, 3, 4), 1),
        (date(2025, 3, 7), date(2025, 3, 10), 1),  # Friday, due Monday
        (date(2025, 3, 3), date(2025, 3, 17), 10),
        (date(2025, 3, 4), date(2025, 3, 3), -1),  # one working day late
        (date(2025, 3, 10), date(2025, 3, 7), -1),  # due Friday, Monday now
        (date(2025, 3, 8), date(2025, 3, 7), 0),  # due Friday, Saturday now: late but no working day lost
        (date(2027, 1, 6), date(2026, 12, 18), -10),
        (date(2026, 12, 24), date(2026, 12, 29), 1),  # over Christmas
    ],
)
def test_working_days_left(today, due, expected):
    assert working_days_left(today, due, H) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 1), date(2026, 3, 1)),
        (date(2023, 3, 1), date(2024, 3, 1)),
        (date(2023, 2, 28), date(2024, 2, 28)),
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 12, 31), date(2026, 12, 31)),
    ],
)
def test_one_year_after(day, expected):
    assert one_year_after(day) == expected


@pytest.mark.parametrize("n", [1, 3, 5, 10, 20, 25, 65])
def test_add_working_days_matches_counting_one_day_at_a_time_for_every_start_2019_to_2028(n):
    day = date(FIRST_YEAR - 1, 12, 20)
    while day.year <= LAST_YEAR:
        assert add_working_days(day, n, H) == naive_add(day, n, H), day
        day += ONE_DAY


# Properties ---------------------------------------------------------------------------------------------------


@PROPERTIES
@given(start=days_in_range, a=st.integers(0, 300), b=st.integers(0, 300), holidays=holiday_sets)
def test_add_working_days_is_monotonic_in_n(start, a, b, holidays):
    low, high = sorted((a, b))
    assert add_working_days(start, low, holidays) <= add_working_days(start, high, holidays)
    if low < high:
        assert add_working_days(start, low, holidays) < add_working_days(start, high, holidays)


@PROPERTIES
@given(start=days_in_range, n=st.integers(0, 300), holidays=holiday_sets)
def test_working_days_between_inverts_add_working_days(start, n, holidays):
    assert working_days_between(start, add_working_days(start, n, holidays), holidays) == n


@PROPERTIES
@given(start=days_in_range, n=st.integers(1, 300), holidays=holiday_sets)
def test_a_due_date_is_always_a_working_day(start, n, holidays):
    due = add_working_days(start, n, holidays)
    assert due.weekday() < 5
    assert due not in holidays
    assert due == naive_add(start, n, holidays)


@PROPERTIES
@given(start=days_in_range, a=st.integers(0, 200), b=st.integers(0, 200), holidays=holiday_sets)
def test_adding_working_days_in_two_steps_is_the_same_as_in_one(start, a, b, holidays):
    assert add_working_days(start, a + b, holidays) == add_working_days(
        add_working_days(start, a, holidays), b, holidays
    )


@PROPERTIES
@given(start=days_in_range, end=days_in_range, holidays=holiday_sets)
def test_working_days_between_counts_working_days(start, end, holidays):
    assert working_days_between(start, end, holidays) == naive_between(start, end, holidays)


@PROPERTIES
@given(today=days_in_range, due=days_in_range, holidays=holiday_sets)
def test_working_days_left_is_signed(today, due, holidays):
    left = working_days_left(today, due, holidays)
    assert left == -working_days_left(due, today, holidays)
    if due < today:
        assert left <= 0
    else:
        assert left == working_days_between(today, due, holidays) >= 0


@PROPERTIES
@given(day=days_in_range, holidays=holiday_sets)
def test_next_working_day_is_the_first_working_day_on_or_after(day, holidays):
    found = next_working_day(day, holidays)
    assert found >= day
    assert is_working_day(found, holidays)
    assert all(not is_working_day(day + timedelta(days=offset), holidays) for offset in range((found - day).days))
    assert found == (day if is_working_day(day, holidays) else add_working_days(day, 1, holidays))


@PROPERTIES
@given(end=days_in_range, n=st.integers(1, 300), holidays=holiday_sets)
def test_subtracting_working_days_lands_on_the_latest_working_day_that_many_back(end, n, holidays):
    start = subtract_working_days(end, n, holidays)
    assert is_working_day(start, holidays)
    assert working_days_between(start, end, holidays) == n
    assert working_days_between(start + timedelta(days=1), end, holidays) < n or not is_working_day(
        start + timedelta(days=1), holidays
    )


@PROPERTIES
@given(end=days_in_range, n=st.integers(1, 300), holidays=holiday_sets)
def test_subtracting_then_adding_returns_to_a_working_day(end, n, holidays):
    if is_working_day(end, holidays):
        assert add_working_days(subtract_working_days(end, n, holidays), n, holidays) == end


def test_subtracting_crosses_christmas_and_new_year():
    assert subtract_working_days(date(2027, 1, 6), 10, BANK_HOLIDAYS_EW) == date(2026, 12, 18)
    assert subtract_working_days(date(2027, 1, 6), 0, BANK_HOLIDAYS_EW) == date(2027, 1, 6)
    with pytest.raises(ValueError):
        subtract_working_days(date(2027, 1, 6), -1, BANK_HOLIDAYS_EW)
