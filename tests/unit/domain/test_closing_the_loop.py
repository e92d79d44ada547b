"""Closing the loop: who is followed up, when the one reminder is due, and how answers are counted by quarter."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.closing_the_loop import (
    ADULT_QUESTIONS,
    CHILD_QUESTIONS,
    Answer,
    Audience,
    Feeling,
    FollowUpStatus,
    Quarter,
    SurveyOutcome,
    follow_up_audiences,
    period_results,
    quarter_of,
    quarters_of_year,
    reminder_due,
    results_by_quarter,
)
from portal.domain.types import Procedure

CHILD, ADULT = Audience.CHILD, Audience.ADULT


def test_the_seven_questions_are_sandwells_in_order():
    assert [question.wording for question in CHILD_QUESTIONS] == [
        "Did you understand your rights, entitlements and responsibilities?",
        "Do you understand what happened as a result of your concerns?",
        "Do you feel that your concerns were taken seriously?",
        "Do you think that necessary action was taken in response to your concerns?",
        "Was the response that you received to your concerns in the time promised?",
        "Do you feel that things have improved as a result of your raising your concerns?",
        "Were you made aware of the advocacy and independent visitor services available to you?",
    ]
    assert len({question.key for question in CHILD_QUESTIONS}) == 7
    assert [answer.label for answer in Answer] == ["Yes", "Partly", "No", "Not sure"]
    assert len(Feeling) == 5


@pytest.mark.parametrize(
    ("procedure", "child_involved", "adult_email", "adult_survey_on", "expected"),
    [
        (Procedure.STATUTORY, True, False, False, [CHILD]),
        (Procedure.CORPORATE, True, False, False, [CHILD]),
        (Procedure.COMMENT, True, False, False, [CHILD]),
        (Procedure.STATUTORY, False, False, False, []),
        (Procedure.COMPLIMENT, True, True, True, []),
        (Procedure.NOT_ACCEPTED, True, True, True, []),
        (Procedure.OUTSIDE_PROCEDURES, True, True, True, []),
        (None, True, True, True, []),
        # The adult survey: switched on, a complaint, and an email address to send it to.
        (Procedure.STATUTORY, False, True, True, [ADULT]),
        (Procedure.CORPORATE, False, True, True, [ADULT]),
        (Procedure.STATUTORY, True, True, True, [CHILD, ADULT]),
        (Procedure.STATUTORY, False, True, False, []),
        (Procedure.STATUTORY, False, False, True, []),
        (Procedure.COMMENT, False, True, True, []),
    ],
)
def test_who_is_followed_up(procedure, child_involved, adult_email, adult_survey_on, expected):
    assert follow_up_audiences(procedure, child_involved, adult_email, adult_survey_on) == expected


SENT_ON = date(2027, 5, 3)


@pytest.mark.parametrize(
    ("status", "reminded_on", "wanted", "today", "due"),
    [
        (FollowUpStatus.SENT, None, True, SENT_ON + timedelta(days=6), False),
        (FollowUpStatus.SENT, None, True, SENT_ON + timedelta(days=7), True),
        (FollowUpStatus.SENT, None, True, SENT_ON + timedelta(days=30), True),
        (FollowUpStatus.SENT, SENT_ON + timedelta(days=7), True, SENT_ON + timedelta(days=30), False),
        (FollowUpStatus.SENT, None, False, SENT_ON + timedelta(days=30), False),
        (FollowUpStatus.ANSWERED, None, True, SENT_ON + timedelta(days=30), False),
        (FollowUpStatus.TO_DO, None, True, SENT_ON + timedelta(days=30), False),
        (FollowUpStatus.NOT_ANSWERED, None, True, SENT_ON + timedelta(days=30), False),
        (FollowUpStatus.ADVOCATE_CHECK, None, True, SENT_ON + timedelta(days=30), False),
    ],
)
def test_one_reminder_after_the_set_number_of_days(status, reminded_on, wanted, today, due):
    assert reminder_due(status, SENT_ON, reminded_on, wanted, today, after_days=7) is due


def test_no_reminder_without_a_first_sending():
    assert not reminder_due(FollowUpStatus.SENT, None, None, True, date(2027, 6, 1), after_days=7)


@pytest.mark.parametrize(
    ("day", "quarter", "label"),
    [
        (date(2027, 4, 1), Quarter(2027, 1), "April to June 2027"),
        (date(2027, 6, 30), Quarter(2027, 1), "April to June 2027"),
        (date(2027, 7, 1), Quarter(2027, 2), "July to September 2027"),
        (date(2027, 12, 31), Quarter(2027, 3), "October to December 2027"),
        (date(2028, 1, 1), Quarter(2027, 4), "January to March 2028"),
        (date(2028, 3, 31), Quarter(2027, 4), "January to March 2028"),
    ],
)
def test_quarters_of_the_reporting_year_start_in_april(day, quarter, label):
    assert quarter_of(day) == quarter
    assert quarter.label == label


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_falls_inside_its_quarter(day):
    quarter = quarter_of(day)
    assert quarter.first_day <= day <= quarter.last_day
    assert quarter_of(quarter.first_day) == quarter_of(quarter.last_day) == quarter


def test_the_four_quarters_cover_the_year_without_gaps():
    quarters = quarters_of_year(2027)
    assert quarters[0].first_day == date(2027, 4, 1)
    assert quarters[-1].last_day == date(2028, 3, 31)
    for earlier, later in zip(quarters, quarters[1:], strict=False):
        assert later.first_day == earlier.last_day + timedelta(days=1)


def outcome(day, answered=True, asked=True, feeling=None, **answers):
    return SurveyOutcome(counted_on=day, asked=asked, answered=answered, answers=answers, feeling=feeling)


def test_results_count_asked_answering_and_each_answer_by_quarter():
    outcomes = [
        outcome(date(2027, 4, 10), rights="yes", taken_seriously="partly", feeling="happy"),
        outcome(date(2027, 5, 10), rights="no", feeling="very_sad"),
        outcome(date(2027, 6, 10), answered=False),
        outcome(date(2027, 8, 1), rights="not_sure"),
        outcome(date(2027, 8, 2), asked=False, answered=False),
        outcome(date(2028, 4, 1), rights="yes"),  # the next reporting year
        outcome(date(2027, 3, 31), rights="yes"),  # the year before
    ]
    quarters, year = results_by_quarter(2027, outcomes, CHILD_QUESTIONS)
    first, second, third, fourth = quarters
    assert (first.asked, first.answering, first.advocate_checks) == (3, 2, 0)
    assert first.answers["rights"] == {Answer.YES: 1, Answer.PARTLY: 0, Answer.NO: 1, Answer.NOT_SURE: 0}
    assert first.answers["taken_seriously"][Answer.PARTLY] == 1
    assert first.skipped("taken_seriously") == 1
    assert first.feelings[Feeling.HAPPY] == first.feelings[Feeling.VERY_SAD] == 1
    assert (second.asked, second.answering, second.advocate_checks) == (1, 1, 1)
    assert second.answers["rights"][Answer.NOT_SURE] == 1
    assert (third.asked, fourth.asked) == (0, 0)
    assert (year.asked, year.answering, year.advocate_checks) == (4, 3, 1)
    assert year.label == "April 2027 to March 2028"


def test_unknown_answers_are_left_out_not_guessed():
    results = period_results(
        "All", [outcome(date(2027, 4, 1), handled_well="maybe", feeling="grumpy")], ADULT_QUESTIONS
    )
    assert results.answering == 1
    assert sum(results.answers["handled_well"].values()) == 0
    assert sum(results.feelings.values()) == 0
