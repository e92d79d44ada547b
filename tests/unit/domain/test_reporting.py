"""The report's definitions: periods, table 1's columns, percentages, ethnic groups and repeat complainants."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.reporting import (
    CLOSURE_ENDS,
    Column,
    Episode,
    EpisodeEnd,
    ReportPeriod,
    Stage1Answer,
    complainant_key,
    default_period,
    episode_end,
    ethnic_group,
    interval_of,
    period_boundaries,
    rate,
    repeat_complainants,
    shares,
    stage_1_answer,
    table_one_by_interval,
    table_one_columns,
    year_so_far,
)
from portal.domain.types import CaseState, ClockEvent, Closure

YEAR = ReportPeriod.reporting_year(2022)


def test_a_reporting_year_runs_from_1_april_to_31_march():
    assert YEAR == ReportPeriod(date(2022, 4, 1), date(2023, 3, 31))
    assert YEAR.label == "2022/23"
    assert ReportPeriod(date(2022, 4, 1), date(2022, 9, 30)).label == "1 April 2022 to 30 September 2022"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="cannot end before it starts"):
        ReportPeriod(date(2023, 1, 2), date(2023, 1, 1))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 1), ReportPeriod.reporting_year(2025)),
        (date(2026, 4, 1), ReportPeriod.reporting_year(2025)),
        (date(2026, 3, 31), ReportPeriod.reporting_year(2024)),
        (date(2027, 1, 1), ReportPeriod.reporting_year(2025)),
    ],
)
def test_the_default_period_is_the_last_reporting_year_that_has_ended(today, expected):
    assert default_period(today) == expected
    assert expected.last_day < today


def test_the_year_so_far_starts_on_the_last_1_april():
    assert year_so_far(date(2026, 12, 1)) == ReportPeriod(date(2026, 4, 1), date(2026, 12, 1))
    assert year_so_far(date(2027, 2, 14)) == ReportPeriod(date(2026, 4, 1), date(2027, 2, 14))
    assert year_so_far(date(2027, 4, 1)) == ReportPeriod(date(2027, 4, 1), date(2027, 4, 1))


def test_the_same_period_a_year_earlier_keeps_its_days():
    assert YEAR.years_earlier(1) == ReportPeriod.reporting_year(2021)
    leap = ReportPeriod(date(2024, 2, 1), date(2024, 2, 29))
    assert leap.years_earlier(1) == ReportPeriod(date(2023, 2, 1), date(2023, 2, 28))


def test_quarters_and_months_of_a_reporting_year():
    quarters = YEAR.quarters()
    assert [(q.label, q.first_day, q.last_day) for q in quarters] == [
        ("Q1", date(2022, 4, 1), date(2022, 6, 30)),
        ("Q2", date(2022, 7, 1), date(2022, 9, 30)),
        ("Q3", date(2022, 10, 1), date(2022, 12, 31)),
        ("Q4", date(2023, 1, 1), date(2023, 3, 31)),
    ]
    months = YEAR.months()
    assert len(months) == 12
    assert months[0].label == "April 2022" and months[-1].label == "March 2023"


def test_a_short_period_is_cut_into_its_own_months_and_quarters():
    period = ReportPeriod(date(2026, 4, 15), date(2026, 8, 3))
    assert [(m.first_day, m.last_day) for m in period.months()][0] == (date(2026, 4, 15), date(2026, 4, 30))
    assert period.months()[-1].last_day == date(2026, 8, 3)
    assert [(q.first_day, q.last_day) for q in period.quarters()] == [
        (date(2026, 4, 15), date(2026, 7, 14)),
        (date(2026, 7, 15), date(2026, 8, 3)),
    ]


# Table 1 ----------------------------------------------------------------------------------------------------------


def columns(started, ended=None, end=EpisodeEnd.RESOLVED):
    return table_one_columns(Episode(started, ended, end if ended else None), YEAR)


def test_received_and_resolved_in_the_year():
    assert columns(date(2022, 5, 1), date(2022, 6, 1)) == {Column.RECEIVED, Column.RESOLVED}


def test_carried_over_from_the_year_before_and_resolved():
    assert columns(date(2022, 3, 1), date(2022, 4, 20)) == {Column.CARRIED_OVER, Column.RESOLVED}


def test_ended_on_the_last_day_before_the_year_is_not_carried_over():
    assert columns(date(2022, 3, 1), date(2022, 3, 31)) == frozenset()


def test_ended_on_the_first_day_of_the_year_is_carried_over():
    assert columns(date(2022, 3, 1), date(2022, 4, 1), EpisodeEnd.NOT_PURSUED) == {
        Column.CARRIED_OVER,
        Column.NOT_PURSUED,
    }


def test_still_open_is_carried_forward():
    assert columns(date(2023, 3, 31)) == {Column.RECEIVED, Column.CARRIED_FORWARD}
    assert columns(date(2021, 3, 31)) == {Column.CARRIED_OVER, Column.CARRIED_FORWARD}
    assert columns(date(2022, 12, 1), date(2023, 4, 1)) == {Column.RECEIVED, Column.CARRIED_FORWARD}


def test_outside_the_year_counts_nowhere():
    assert columns(date(2023, 4, 1)) == frozenset()
    assert columns(date(2020, 1, 1), date(2021, 1, 1)) == frozenset()


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2025, 12, 31))


@given(days, st.one_of(st.none(), st.integers(min_value=0, max_value=800)), st.sampled_from(list(EpisodeEnd)))
def test_what_comes_in_equals_what_goes_out(started, length, end):
    episode = Episode(
        started, None if length is None else started + timedelta(days=length), None if length is None else end
    )
    counted = table_one_columns(episode, YEAR)
    coming_in = (Column.CARRIED_OVER in counted) + (Column.RECEIVED in counted)
    going_out = sum(column in counted for column in (Column.RESOLVED, Column.OUTSIDE_SCOPE, Column.NOT_PURSUED))
    going_out += Column.CARRIED_FORWARD in counted
    assert coming_in == going_out
    assert coming_in <= 1


episodes = st.builds(
    lambda started, length, end: Episode(
        started, None if length is None else started + timedelta(days=length), None if length is None else end
    ),
    days,
    st.one_of(st.none(), st.integers(min_value=0, max_value=800)),
    st.sampled_from(list(EpisodeEnd)),
)
periods = st.builds(
    lambda first, length: ReportPeriod(first, first + timedelta(days=length)),
    days,
    st.integers(min_value=0, max_value=400),
)


@given(st.lists(episodes, max_size=30), st.lists(periods, min_size=1, max_size=5))
def test_counting_by_interval_gives_each_period_the_columns_of_counting_episode_by_episode(episodes, periods):
    """What the database does for table 1: it groups episodes by the intervals between the periods' boundaries their
    dates fall in, and the groups give every period's columns exactly."""
    boundaries = period_boundaries(periods)
    groups: dict[tuple, int] = {}
    for episode in episodes:
        ended = None if episode.ended_on is None else interval_of(episode.ended_on, boundaries)
        key = (interval_of(episode.started_on, boundaries), ended, episode.end)
        groups[key] = groups.get(key, 0) + 1
    by_interval = table_one_by_interval(periods, [(*key, count) for key, count in groups.items()])
    for period, columns in zip(periods, by_interval, strict=True):
        one_by_one = dict.fromkeys(Column, 0)
        for episode in episodes:
            for column in table_one_columns(episode, period):
                one_by_one[column] += 1
        assert columns == one_by_one


def test_the_five_years_compared_have_six_boundaries():
    years = [YEAR.years_earlier(back) for back in range(5)]
    assert period_boundaries(years) == tuple(date(year, 4, 1) for year in range(2018, 2024))
    assert interval_of(date(2018, 3, 31), period_boundaries(years)) == 0
    assert interval_of(date(2023, 4, 1), period_boundaries(years)) == 6


def test_a_response_resolves_whatever_the_case_closed_as():
    assert episode_end(True, Closure.WITHDRAWN) is EpisodeEnd.RESOLVED


@pytest.mark.parametrize(
    ("closure", "expected"),
    [
        (Closure.RESOLVED, EpisodeEnd.RESOLVED),
        (Closure.RESOLVED_BY_MEDIATION, EpisodeEnd.RESOLVED),
        (Closure.OUTSIDE_SCOPE, EpisodeEnd.OUTSIDE_SCOPE),
        (Closure.NOT_ACCEPTED, EpisodeEnd.OUTSIDE_SCOPE),
        (Closure.WITHDRAWN, EpisodeEnd.NOT_PURSUED),
        (Closure.NOT_PURSUED, EpisodeEnd.NOT_PURSUED),
        (Closure.NOT_ENGAGING, EpisodeEnd.NOT_PURSUED),
        (None, EpisodeEnd.NOT_PURSUED),
    ],
)
def test_without_a_response_the_closure_decides(closure, expected):
    assert episode_end(False, closure) is expected


def test_every_closure_has_an_end():
    assert set(CLOSURE_ENDS) == set(Closure)


def _step(state, event, completed_on, extended_to=None) -> SimpleNamespace:
    return SimpleNamespace(
        state=state,
        completed_by=event,
        completed_on=completed_on,
        clock_started_on=date(2022, 4, 4),
        due_on=date(2022, 5, 3),
        extended_to=extended_to,
    )


def test_the_stage_1_answer_is_the_latest_stage_1_step_completed_by_the_response():
    steps = [
        _step(CaseState.STAGE_1, ClockEvent.STAGE_1_RESPONSE_SENT, date(2022, 5, 3)),
        _step(CaseState.STAGE_1, ClockEvent.STAGE_1_RESPONSE_SENT, date(2022, 6, 1), extended_to=date(2022, 6, 2)),
        _step(CaseState.AWAITING_RESPONSE, ClockEvent.COMMENT_ANSWERED, date(2022, 5, 20)),
    ]
    assert stage_1_answer(steps) == Stage1Answer(date(2022, 6, 1), date(2022, 4, 4), date(2022, 6, 2), True)


def test_an_answer_not_extended_is_due_on_its_due_date():
    answer = stage_1_answer([_step(CaseState.AWAITING_RESPONSE, ClockEvent.COMMENT_ANSWERED, date(2022, 5, 20))])
    assert answer == Stage1Answer(date(2022, 5, 20), date(2022, 4, 4), date(2022, 5, 3), False)


def test_steps_not_completed_by_the_stage_1_response_leave_it_unanswered():
    steps = [
        _step(CaseState.STAGE_1, None, date(2022, 5, 3)),  # stopped when the case left Stage 1 without an answer
        _step(CaseState.STAGE_1, ClockEvent.STAGE_1_RESPONSE_SENT, None),
        _step(CaseState.STAGE_2, ClockEvent.STAGE_1_RESPONSE_SENT, date(2022, 7, 1)),
    ]
    assert stage_1_answer(steps) is None


# Percentages ------------------------------------------------------------------------------------------------------


def test_shares_add_up_to_100_as_the_seeds_round_them():
    # B&NES table 4 and Staffordshire's Stage 2 findings.
    assert shares([9, 11, 6, 27, 5, 8]) == [14, 17, 9, 41, 7, 12]
    assert shares([19, 24, 6, 6]) == [34, 44, 11, 11]
    assert shares([211, 30]) == [88, 12]
    assert shares([0, 0]) == [None, None]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_always_add_up_to_100_and_stay_within_one_of_the_exact_share(counts):
    result = shares(counts)
    if sum(counts) == 0:
        assert result == [None] * len(counts)
        return
    assert sum(result) == 100
    for count, share in zip(counts, result, strict=True):
        assert abs(share - 100 * count / sum(counts)) < 1


def test_a_rate_rounds_halves_up():
    assert rate(155, 241) == 64
    assert rate(135, 205) == 66
    assert rate(1, 8) == 13
    assert rate(0, 0) is None


# Who complained ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "group"),
    [("asian", "asian"), ("white", "white"), ("prefer_not_to_say", "not_obtained"), (None, "not_obtained")],
)
def test_ethnic_groups(answer, group):
    assert ethnic_group(answer) == group


@pytest.mark.parametrize(
    ("email", "phone", "name", "key"),
    [
        (" Sam.Ellery@Example.org ", "0121 496 0000", "Sam Ellery", "sam.ellery@example.org"),
        ("", "0121 496 0000", "Sam Ellery", "01214960000"),
        (None, " ", " Sam Ellery ", "sam ellery"),
        (None, None, "", None),
    ],
)
def test_a_complainant_is_known_by_email_else_phone_else_name(email, phone, name, key):
    assert complainant_key(email, phone, name) == key


def test_repeat_complainants_as_sandwell_counts_them():
    # (complaints made, people who made that many): one complaint is not a repeat.
    counts = [(1, 180), (2, 10), (3, 9), (4, 1), (5, 2), (6, 3)]
    assert repeat_complainants(counts) == [(10, 2), (9, 3), (1, 4), (2, 5), (3, 6)]
