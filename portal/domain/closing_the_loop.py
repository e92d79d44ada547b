"""Closing the loop: what a child (and, where the council wants it, an adult) is asked when their case ends, who is
asked, when the one reminder is due, and how the answers are counted by quarter.

The seven questions are Sandwell's, taken from Ofsted's ILACS framework (domain.md section 7; seed 004, section 5).
Children read them in shorter words; reports use the council's wording. The Participation Team follows up every
child's complaint and informal feedback; where an advocate runs its own satisfaction check, the follow-up is marked so
and counted apart (seed 004: "the remaining 15 ... are being supported by an advocate who carry out their own
satisfaction activity").
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.domain.types import LabelledEnum, Procedure


class Answer(LabelledEnum):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class Feeling(LabelledEnum):
    """How the child feels now, on five faces. The words are the answer; the faces only decorate them."""

    VERY_HAPPY = "very_happy", "Very happy"
    HAPPY = "happy", "Happy"
    OKAY = "okay", "OK"
    SAD = "sad", "Sad"
    VERY_SAD = "very_sad", "Very sad"


FACES: dict[Feeling, str] = {
    Feeling.VERY_HAPPY: "😄",
    Feeling.HAPPY: "🙂",
    Feeling.OKAY: "😐",
    Feeling.SAD: "🙁",
    Feeling.VERY_SAD: "😢",
}


class Audience(LabelledEnum):
    CHILD = "child", "Child or young person"
    ADULT = "adult", "Adult who complained"


class FollowUpStatus(LabelledEnum):
    TO_DO = "to_do", "To do"
    SENT = "sent", "Survey sent"
    ANSWERED = "answered", "Answered"
    ADVOCATE_CHECK = "advocate_check", "Advocate checks satisfaction"
    NOT_ANSWERED = "not_answered", "Not answered"


OPEN_FOLLOW_UP_STATUSES = frozenset({FollowUpStatus.TO_DO, FollowUpStatus.SENT})


class AnswerMethod(LabelledEnum):
    """How the answers reached us."""

    ONLINE = "online", "Online survey"
    CALL = "call", "Phone call"
    IN_PERSON = "in_person", "In person"


class ContactMethod(LabelledEnum):
    """How the Participation Team was in touch with a child (the contact log)."""

    CALL = "call", "Phone call"
    VISIT = "visit", "Visit"
    MESSAGE = "message", "Message"


@dataclass(frozen=True)
class Question:
    key: str
    wording: str
    child_wording: str


CHILD_QUESTIONS: tuple[Question, ...] = (
    Question(
        "rights",
        "Did you understand your rights, entitlements and responsibilities?",
        "Did you know your rights and what you could ask for?",
    ),
    Question(
        "what_happened",
        "Do you understand what happened as a result of your concerns?",
        "Do you know what we did after you told us?",
    ),
    Question(
        "taken_seriously",
        "Do you feel that your concerns were taken seriously?",
        "Did we take you seriously?",
    ),
    Question(
        "action_taken",
        "Do you think that necessary action was taken in response to your concerns?",
        "Did we do what we had to do to help?",
    ),
    Question(
        "in_time",
        "Was the response that you received to your concerns in the time promised?",
        "Did we get back to you in the time we said?",
    ),
    Question(
        "improved",
        "Do you feel that things have improved as a result of your raising your concerns?",
        "Are things better now that you told us?",
    ),
    Question(
        "advocacy",
        "Were you made aware of the advocacy and independent visitor services available to you?",
        "Did we tell you about people who can help you speak up, like an advocate?",
    ),
)

# The optional survey for adults after a complaint closes (issue 14): was it handled well, in time, clear.
ADULT_QUESTIONS: tuple[Question, ...] = (
    Question("handled_well", "Was your complaint handled well?", "Was your complaint handled well?"),
    Question("in_time", "Was your complaint dealt with in the time we promised?", "Was it dealt with in time?"),
    Question("clear", "Was our response clear?", "Was our response clear?"),
)

QUESTIONS: dict[Audience, tuple[Question, ...]] = {Audience.CHILD: CHILD_QUESTIONS, Audience.ADULT: ADULT_QUESTIONS}

# A child's complaint or informal feedback (a comment) is followed up when it ends. Cases not accepted or signposted
# elsewhere never entered a procedure, so there is nothing to ask about how it was handled.
CHILD_FOLLOW_UP_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT})
ADULT_SURVEY_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE})


def follow_up_audiences(
    procedure: Procedure | None,
    child_involved: bool,
    adult_complainant_email: bool,
    adult_survey_on: bool,
) -> list[Audience]:
    """Who is followed up when a case closes.

    - The child, when the case was made by a child or is about a child with their involvement
      (`portal.data.queries.case_access.involves_a_child`) and it was a complaint or informal feedback.
    - The adult who complained, when the council has switched the adult survey on, the case was a complaint, and we
      have an email address to send it to (the adult survey goes only by email).
    """
    audiences = []
    if child_involved and procedure in CHILD_FOLLOW_UP_PROCEDURES:
        audiences.append(Audience.CHILD)
    if adult_survey_on and adult_complainant_email and procedure in ADULT_SURVEY_PROCEDURES:
        audiences.append(Audience.ADULT)
    return audiences


def reminder_due(
    status: FollowUpStatus,
    first_sent_on: date | None,
    reminded_on: date | None,
    reminder_wanted: bool,
    today: date,
    after_days: int,
) -> bool:
    """One reminder, and only one: due once `after_days` calendar days have passed since the first link was sent
    and there is still no answer, unless the officer said not to remind (a text arriving unplanned may not be safe).
    """
    return (
        status is FollowUpStatus.SENT
        and reminder_wanted
        and first_sent_on is not None
        and reminded_on is None
        and today >= first_sent_on + timedelta(days=after_days)
    )


# Counting by quarter --------------------------------------------------------------------------------------------------

QUARTER_MONTHS = ("April to June", "July to September", "October to December", "January to March")


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of the council's reporting year, which runs from 1 April to 31 March (domain.md section 10)."""

    year: int  # the year in which the reporting year starts: 2027 for April 2027 to March 2028
    number: int  # 1 for April to June ... 4 for January to March

    @property
    def first_day(self) -> date:
        month = 3 * self.number + 1
        return date(self.year + 1, 1, 1) if month > 12 else date(self.year, month, 1)

    @property
    def last_day(self) -> date:
        if self.number == 4:
            return date(self.year + 1, 3, 31)
        return Quarter(self.year, self.number + 1).first_day - timedelta(days=1)

    @property
    def label(self) -> str:
        calendar_year = self.year + 1 if self.number == 4 else self.year
        return f"{QUARTER_MONTHS[self.number - 1]} {calendar_year}"


def quarter_of(day: date) -> Quarter:
    if day.month <= 3:
        return Quarter(day.year - 1, 4)
    return Quarter(day.year, (day.month - 4) // 3 + 1)


def reporting_year_of(day: date) -> int:
    """The year in which the reporting year holding `day` starts."""
    return quarter_of(day).year


def quarters_of_year(year: int) -> list[Quarter]:
    return [Quarter(year, number) for number in range(1, 5)]


@dataclass(frozen=True)
class SurveyOutcome:
    """One follow-up as the results report counts it.

    `counted_on` is the day it belongs to: the day the person was first asked, or for an advocate-run check the day
    it was marked so. `asked` is False for an advocate-run check, which the council does not ask itself.
    """

    counted_on: date
    asked: bool
    answered: bool
    answers: Mapping[str, str] = field(default_factory=dict)
    feeling: str | None = None


@dataclass(frozen=True)
class PeriodResults:
    """The figures for one period: how many were asked and answered, and the answers to each question."""

    label: str
    asked: int
    answering: int
    advocate_checks: int
    answers: dict[str, dict[Answer, int]]
    feelings: dict[Feeling, int]

    def skipped(self, question_key: str) -> int:
        """Of those answering, how many left this question out."""
        return self.answering - sum(self.answers[question_key].values())


def period_results(label: str, outcomes: Iterable[SurveyOutcome], questions: Iterable[Question]) -> PeriodResults:
    """Counts of asked, answering, advocate-run checks, each answer to each question and each feeling.

    Answers that are not one of `Answer` (an old or mistyped value) are left out rather than guessed at.
    """
    keys = [question.key for question in questions]
    answers = {key: dict.fromkeys(Answer, 0) for key in keys}
    feelings = dict.fromkeys(Feeling, 0)
    asked = answering = advocate_checks = 0
    for outcome in outcomes:
        if not outcome.asked:
            advocate_checks += 1
            continue
        asked += 1
        if not outcome.answered:
            continue
        answering += 1
        for key in keys:
            value = outcome.answers.get(key)
            if value in Answer._value2member_map_:
                answers[key][Answer(value)] += 1
        if outcome.feeling in Feeling._value2member_map_:
            feelings[Feeling(outcome.feeling)] += 1
    return PeriodResults(label, asked, answering, advocate_checks, answers, feelings)


def results_by_quarter(
    year: int, outcomes: Iterable[SurveyOutcome], questions: Iterable[Question]
) -> tuple[list[PeriodResults], PeriodResults]:
    """The four quarters of reporting year `year`, and the whole year. Outcomes outside the year are ignored."""
    questions = tuple(questions)
    quarters = quarters_of_year(year)
    in_year = [outcome for outcome in outcomes if quarter_of(outcome.counted_on).year == year]
    by_quarter = [
        period_results(
            quarter.label,
            [outcome for outcome in in_year if quarter_of(outcome.counted_on) == quarter],
            questions,
        )
        for quarter in quarters
    ]
    return by_quarter, period_results(f"April {year} to March {year + 1}", in_year, questions)
