"""The annual report's closing-the-loop table: what children said when their case ended (domain.md section 10)."""

from datetime import date

from portal.domain.closing_the_loop import CHILD_QUESTIONS, Feeling, FollowUpStatus
from portal.domain.reporting import ReportPeriod
from portal.reporting.annual import annual_report
from tests.integration.participation.conftest import make_follow_up


def test_the_report_counts_each_childs_answers_in_the_period_as_the_participation_team_does(app_context):
    make_follow_up(FollowUpStatus.ANSWERED, date(2027, 4, 10), answers={"rights": "yes"}, feeling=Feeling.HAPPY)
    make_follow_up(FollowUpStatus.ANSWERED, date(2027, 9, 10), answers={"rights": "no", "in_time": "yes"})
    make_follow_up(FollowUpStatus.SENT, date(2028, 1, 10))
    make_follow_up(FollowUpStatus.ADVOCATE_CHECK, None, marked_on=date(2027, 6, 11))
    make_follow_up(FollowUpStatus.ANSWERED, date(2027, 3, 31), answers={"rights": "yes"})  # the year before
    make_follow_up(FollowUpStatus.TO_DO, None)

    table = annual_report(ReportPeriod.reporting_year(2027)).table("closing_the_loop")

    assert table.columns == ["Question", "Yes", "Partly", "No", "Not sure", "Not answered"]
    assert table.rows[0] == [CHILD_QUESTIONS[0].wording, 1, 0, 1, 0, 0]
    in_time = next(row for row, question in zip(table.rows, CHILD_QUESTIONS, strict=True) if question.key == "in_time")
    assert in_time[1:] == [1, 0, 0, 0, 1]
    assert table.note == "3 asked, 2 answered; 1 checked with the child by their advocate instead."


def test_a_year_with_no_answers_has_an_empty_table_that_says_how_many_were_asked(app_context):
    make_follow_up(FollowUpStatus.SENT, date(2027, 5, 10))

    table = annual_report(ReportPeriod.reporting_year(2027)).table("closing_the_loop")

    assert table.empty
    assert table.note.startswith("1 asked, 0 answered")
