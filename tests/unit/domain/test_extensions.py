"""Extensions: statutory Stage 1 to 20 and Stage 2 to 65 working days in total, corporate Stage 1 once by up to 10,
corporate Stage 2 by up to 20; each with a reason, at the boundary of each limit."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from portal.domain.calendar import WorkingCalendar, is_working_day, working_days_between
from portal.domain.clocks import TIMED_STEPS, due_date, is_extendable, non_working_days
from portal.domain.extensions import Extension, InvalidExtension, extend, extension_limit
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Procedure, TimescaleStep
from tests.unit.domain.bank_holidays_ew import BANK_HOLIDAYS_EW

POLICY = TimescalePolicy.default()
H = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW)
CHRISTMAS_EVE_CLOSED = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=frozenset({date(2026, 12, 24)}))
STATUTORY, CORPORATE = Procedure.STATUTORY, Procedure.CORPORATE
T = TimescaleStep
ONE_DAY = timedelta(days=1)

# (procedure, step, clock started, calendar, usual due date, latest date), worked out in test_clocks.
LIMITS = [
    (STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 24), CHRISTMAS_EVE_CLOSED, date(2027, 1, 12), date(2027, 1, 26)),
    (STATUTORY, T.STAGE_2_RESPONSE, date(2022, 2, 22), H, date(2022, 3, 29), date(2022, 5, 27)),
    (CORPORATE, T.STAGE_1_RESPONSE, date(2026, 12, 23), CHRISTMAS_EVE_CLOSED, date(2027, 1, 12), date(2027, 1, 26)),
    (CORPORATE, T.STAGE_2_RESPONSE, date(2023, 5, 5), H, date(2023, 6, 6), date(2023, 7, 4)),
]


def extension(procedure, step, started_on, calendar, current_due, new_due, **changes):
    arguments = {
        "started_on": started_on,
        "current_due": current_due,
        "new_due": new_due,
        "reason": "The complaint is complex.",
        "granted_on": started_on + ONE_DAY,
        "policy": POLICY,
        "calendar": calendar,
    } | changes
    return extend(procedure, step, **arguments)


@pytest.mark.parametrize(("procedure", "step", "started_on", "calendar", "due", "latest"), LIMITS)
def test_the_longest_extension_each_policy_allows(procedure, step, started_on, calendar, due, latest):
    assert due_date(procedure, step, started_on, POLICY, calendar) == due
    assert extension_limit(procedure, step, started_on, POLICY, calendar) == latest


@pytest.mark.parametrize(("procedure", "step", "started_on", "calendar", "due", "latest"), LIMITS)
def test_an_extension_to_the_day_before_and_the_day_of_the_limit_is_allowed_but_not_the_day_after(
    procedure, step, started_on, calendar, due, latest
):
    day_before = latest - ONE_DAY
    while not is_working_day(day_before, non_working_days(procedure, POLICY, calendar)):
        day_before -= ONE_DAY
    assert extension(procedure, step, started_on, calendar, due, day_before).new_due_on == day_before
    assert extension(procedure, step, started_on, calendar, due, latest) == Extension(
        reason="The complaint is complex.", new_due_on=latest, granted_on=started_on + ONE_DAY, previous_due_on=due
    )
    with pytest.raises(InvalidExtension, match="cannot be later than"):
        extension(procedure, step, started_on, calendar, due, latest + ONE_DAY)


def test_the_statutory_stage_2_limit_is_65_working_days_over_easter_2022():
    # 22 February 2022 + 65 working days, skipping Good Friday 15 and Easter Monday 18 April and 2 May.
    assert working_days_between(date(2022, 2, 22), date(2022, 5, 27), BANK_HOLIDAYS_EW) == 65
    with pytest.raises(InvalidExtension, match="cannot be later than 27 May 2022"):
        extension(STATUTORY, T.STAGE_2_RESPONSE, date(2022, 2, 22), H, date(2022, 3, 29), date(2022, 5, 30))


def test_statutory_extensions_may_be_agreed_more_than_once_within_the_total():
    started, calendar = date(2026, 12, 24), CHRISTMAS_EVE_CLOSED
    first = extension(STATUTORY, T.STAGE_1_RESPONSE, started, calendar, date(2027, 1, 12), date(2027, 1, 19))
    second = extension(
        STATUTORY, T.STAGE_1_RESPONSE, started, calendar, first.new_due_on, date(2027, 1, 26), previous_extensions=1
    )
    assert (second.previous_due_on, second.new_due_on) == (date(2027, 1, 19), date(2027, 1, 26))


def test_a_corporate_stage_1_response_is_extended_once_only():
    started, calendar = date(2026, 12, 23), CHRISTMAS_EVE_CLOSED
    extension(CORPORATE, T.STAGE_1_RESPONSE, started, calendar, date(2027, 1, 12), date(2027, 1, 19))
    with pytest.raises(InvalidExtension, match="extended once already: the Complaint Handling Code allows one"):
        extension(
            CORPORATE,
            T.STAGE_1_RESPONSE,
            started,
            calendar,
            date(2027, 1, 19),
            date(2027, 1, 26),
            previous_extensions=1,
        )
    with pytest.raises(InvalidExtension, match="extended once already"):
        extension_limit(CORPORATE, T.STAGE_1_RESPONSE, started, POLICY, calendar, previous_extensions=1)


def test_a_corporate_stage_2_response_may_be_extended_again_within_its_maximum():
    second = extension(
        CORPORATE, T.STAGE_2_RESPONSE, date(2023, 5, 5), H, date(2023, 6, 20), date(2023, 7, 4), previous_extensions=1
    )
    assert second.new_due_on == date(2023, 7, 4)


def test_a_council_may_set_a_shorter_corporate_stage_2_maximum():
    policy = POLICY.with_overrides({"corporate": {"stage_2_max_extension": 5}})
    # 20 + 5 working days from Friday 5 May 2023: 6 June (20), then 7 to 9 and 12 to 13 June (25).
    assert extension_limit(CORPORATE, T.STAGE_2_RESPONSE, date(2023, 5, 5), policy, H) == date(2023, 6, 13)


@pytest.mark.parametrize(("procedure", "step"), [timed for timed in TIMED_STEPS if not is_extendable(*timed)])
def test_no_other_timed_step_can_be_extended(procedure, step):
    with pytest.raises(InvalidExtension, match="timescale cannot be extended"):
        extension_limit(procedure, step, date(2026, 1, 5), POLICY, H)
    with pytest.raises(InvalidExtension, match="timescale cannot be extended"):
        extension(procedure, step, date(2026, 1, 5), H, date(2026, 1, 8), date(2026, 1, 9))


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_an_extension_needs_a_reason(reason):
    with pytest.raises(InvalidExtension, match="Enter the reason for the extension"):
        extension(*LIMITS[0][:4], date(2027, 1, 12), date(2027, 1, 19), reason=reason)


def test_the_reason_is_kept_without_surrounding_space():
    kept = extension(
        *LIMITS[0][:4], date(2027, 1, 12), date(2027, 1, 19), reason="  The child asked for an advocate.\n"
    )
    assert kept.reason == "The child asked for an advocate."


@pytest.mark.parametrize("new_due", [date(2027, 1, 12), date(2027, 1, 11)])
def test_an_extension_must_be_later_than_the_current_due_date(new_due):
    with pytest.raises(InvalidExtension, match="must be after the current due date, 12 January 2027"):
        extension(*LIMITS[0][:4], date(2027, 1, 12), new_due)


def test_an_extension_must_end_after_the_day_it_is_agreed():
    with pytest.raises(InvalidExtension, match="after the day the extension is agreed, 19 January 2027"):
        extension(*LIMITS[0][:4], date(2027, 1, 12), date(2027, 1, 19), granted_on=date(2027, 1, 19))


def test_an_extension_can_be_agreed_after_the_due_date_has_passed():
    late = extension(*LIMITS[0][:4], date(2027, 1, 12), date(2027, 1, 26), granted_on=date(2027, 1, 14))
    assert late.previous_due_on == date(2027, 1, 12)


def test_the_new_due_date_is_a_working_day_of_the_procedures_clock():
    # Statutory Stage 1 from 3 December 2026: due 17 December, at most 5 January 2027. Christmas Eve, a council
    # closure day, is a working day for the statutory clock; Christmas Day and a Saturday are not.
    started, due = date(2026, 12, 3), date(2026, 12, 17)
    assert extension_limit(STATUTORY, T.STAGE_1_RESPONSE, started, POLICY, CHRISTMAS_EVE_CLOSED) == date(2027, 1, 5)
    assert extension(STATUTORY, T.STAGE_1_RESPONSE, started, CHRISTMAS_EVE_CLOSED, due, date(2026, 12, 24))
    for day in (date(2026, 12, 25), date(2026, 12, 19)):
        with pytest.raises(InvalidExtension, match="is not a working day"):
            extension(STATUTORY, T.STAGE_1_RESPONSE, started, CHRISTMAS_EVE_CLOSED, due, day)
    # The corporate clock counts the closure day out.
    with pytest.raises(InvalidExtension, match="24 December 2026 is not a working day"):
        extension(
            CORPORATE,
            T.STAGE_1_RESPONSE,
            date(2026, 12, 1),
            CHRISTMAS_EVE_CLOSED,
            date(2026, 12, 15),
            date(2026, 12, 24),
        )


def test_the_number_of_earlier_extensions_cannot_be_negative():
    with pytest.raises(ValueError, match="cannot be negative"):
        extension_limit(STATUTORY, T.STAGE_1_RESPONSE, date(2026, 12, 24), POLICY, H, previous_extensions=-1)


def test_invalid_extension_is_a_value_error():
    assert issubclass(InvalidExtension, ValueError)


EXTENDABLE = [timed for timed in TIMED_STEPS if is_extendable(*timed)]
LEGAL_TOTALS = {
    (STATUTORY, T.STAGE_1_RESPONSE): 20,
    (STATUTORY, T.STAGE_2_RESPONSE): 65,
    (CORPORATE, T.STAGE_1_RESPONSE): 20,
}


@settings(max_examples=300, deadline=None)
@given(
    timed=st.sampled_from(EXTENDABLE),
    started_on=st.dates(date(2019, 1, 1), date(2027, 12, 31)),
    extra_days=st.integers(1, 120),
    granted_after=st.integers(0, 60),
    earlier=st.integers(0, 3),
    closed=st.frozensets(st.dates(date(2019, 1, 1), date(2028, 6, 30)), max_size=20),
)
def test_an_extension_never_exceeds_the_maximum(timed, started_on, extra_days, granted_after, earlier, closed):
    procedure, step = timed
    calendar = WorkingCalendar(bank_holidays=BANK_HOLIDAYS_EW, closure_days=closed)
    due = due_date(procedure, step, started_on, POLICY, calendar)
    new_due = due + timedelta(days=extra_days)
    try:
        granted = extension(
            procedure,
            step,
            started_on,
            calendar,
            due,
            new_due,
            granted_on=started_on + timedelta(days=granted_after),
            previous_extensions=earlier,
        )
    except InvalidExtension:
        assume(False)
    days_off = non_working_days(procedure, POLICY, calendar)
    assert granted.new_due_on <= due_date(procedure, step, started_on, POLICY, calendar, extended=True)
    assert is_working_day(granted.new_due_on, days_off)
    if timed in LEGAL_TOTALS:
        assert working_days_between(started_on, granted.new_due_on, days_off) <= LEGAL_TOTALS[timed]
    if (procedure, step) == (CORPORATE, T.STAGE_1_RESPONSE):
        assert earlier == 0
