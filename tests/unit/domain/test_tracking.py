"""The pure rules of following a case online (portal.domain.tracking): the sign-in code, what the person is told and
what they may do next, for every state, procedure and kind."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.tracking import (
    CODE_LIFETIME,
    CODE_TRIES,
    Action,
    CaseFacts,
    CodeVerdict,
    SimpleStatus,
    judge_code,
    offers,
    public_status,
    simple_status,
    tries_left,
)
from portal.domain.types import CaseState, Closure, FeedbackKind, Procedure, Progress

SENT = datetime(2027, 1, 4, 10, 0, tzinfo=UTC)
TODAY = date(2027, 2, 1)
LAST_DAY = date(2027, 2, 12)
COMPLAINTS = (Procedure.STATUTORY, Procedure.CORPORATE)
OPEN_STATES = [state for state in CaseState if state is not CaseState.CLOSED]


def complaint(state: CaseState, procedure: Procedure = Procedure.STATUTORY, **facts) -> CaseFacts:
    return CaseFacts(kind=FeedbackKind.COMPLAINT, procedure=procedure, state=state, **facts)


def actions(facts: CaseFacts, today: date = TODAY, **context) -> list[Action]:
    return [offer.action for offer in offers(facts, today, **context)]


# The sign-in code ---------------------------------------------------------------------------------------------------


def test_the_right_code_within_its_lifetime_signs_in():
    assert judge_code(right=True, tries_used=0, sent_at=SENT, now=SENT + CODE_LIFETIME) is CodeVerdict.RIGHT


def test_a_code_after_its_lifetime_has_expired_even_if_right():
    later = SENT + CODE_LIFETIME + timedelta(seconds=1)
    assert judge_code(right=True, tries_used=0, sent_at=SENT, now=later) is CodeVerdict.EXPIRED


@pytest.mark.parametrize("tries_used", range(CODE_TRIES - 1))
def test_a_wrong_code_before_the_last_try_leaves_tries(tries_used):
    assert judge_code(right=False, tries_used=tries_used, sent_at=SENT, now=SENT) is CodeVerdict.WRONG
    assert tries_left(tries_used + 1) == CODE_TRIES - tries_used - 1


def test_the_fifth_wrong_code_locks_and_the_right_one_afterwards_does_not_unlock():
    assert judge_code(right=False, tries_used=CODE_TRIES - 1, sent_at=SENT, now=SENT) is CodeVerdict.LOCKED
    assert judge_code(right=True, tries_used=CODE_TRIES, sent_at=SENT, now=SENT) is CodeVerdict.LOCKED
    assert tries_left(CODE_TRIES + 3) == 0


@given(
    right=st.booleans(),
    tries_used=st.integers(min_value=0, max_value=20),
    seconds=st.integers(min_value=0, max_value=3 * 3600),
)
def test_a_code_signs_in_only_when_right_in_time_and_with_tries_left(right, tries_used, seconds):
    verdict = judge_code(right=right, tries_used=tries_used, sent_at=SENT, now=SENT + timedelta(seconds=seconds))
    in_time = timedelta(seconds=seconds) <= CODE_LIFETIME
    assert (verdict is CodeVerdict.RIGHT) == (right and in_time and tries_used < CODE_TRIES)
    if tries_used >= CODE_TRIES:
        assert verdict is CodeVerdict.LOCKED


# Comments and compliments --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "state", "facts", "expected"),
    [
        (FeedbackKind.COMMENT, CaseState.RECEIVED, {}, SimpleStatus.RECEIVED),
        (FeedbackKind.COMMENT, CaseState.SCREENING, {}, SimpleStatus.RECEIVED),
        (FeedbackKind.COMMENT, CaseState.AWAITING_RESPONSE, {}, SimpleStatus.PASSED_ON),
        (FeedbackKind.COMMENT, CaseState.CLOSED, {}, SimpleStatus.REPLIED),
        (FeedbackKind.COMPLIMENT, CaseState.RECEIVED, {}, SimpleStatus.RECEIVED),
        (FeedbackKind.COMPLIMENT, CaseState.CLOSED, {"passed_on": True}, SimpleStatus.PASSED_ON),
        (FeedbackKind.COMPLIMENT, CaseState.CLOSED, {"passed_on": True, "replied": True}, SimpleStatus.REPLIED),
    ],
)
def test_comments_and_compliments_have_their_own_simple_status(kind, state, facts, expected):
    assert simple_status(CaseFacts(kind=kind, procedure=None, state=state, **facts)) is expected


def test_a_comment_says_when_the_team_will_reply():
    facts = CaseFacts(
        kind=FeedbackKind.COMMENT, procedure=Procedure.COMMENT, state=CaseState.AWAITING_RESPONSE, due_on=LAST_DAY
    )
    status = public_status(facts, TODAY)
    assert status.title.adult == "We have passed your comment to the team"
    assert status.next.adult == "The team will reply by 12 February 2027."


@pytest.mark.parametrize("kind", [FeedbackKind.COMMENT, FeedbackKind.COMPLIMENT])
@pytest.mark.parametrize("state", list(CaseState))
def test_comments_and_compliments_offer_only_adding_information_while_open(kind, state):
    facts = CaseFacts(kind=kind, procedure=None, state=state, mediation_offered=True, last_day=LAST_DAY)
    assert actions(facts) == ([] if state is CaseState.CLOSED else [Action.ADD_INFORMATION])


# What a complaint says -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", COMPLAINTS)
@pytest.mark.parametrize("state", list(CaseState))
@pytest.mark.parametrize("closure", [None, *Closure])
def test_every_complaint_state_has_words_for_adults_and_children(procedure, state, closure):
    status = public_status(complaint(state, procedure, closure=closure, due_on=LAST_DAY, last_day=LAST_DAY), TODAY)
    for words in (status.title, status.next):
        assert words.adult and words.child
        assert "{date}" not in words.adult + words.child
        assert "Stage 1: response being prepared" not in words.adult


def test_during_stage_1_it_says_when_the_response_will_come():
    status = public_status(complaint(CaseState.STAGE_1, due_on=LAST_DAY), TODAY)
    assert status.title.adult == "We are looking into your complaint"
    assert status.next.adult == "We will send you our response by 12 February 2027."
    assert status.next.child == "We will write back to you by 12 February 2027."


def test_without_a_due_date_it_says_we_will_write_soon():
    assert "soon" in public_status(complaint(CaseState.STAGE_1), TODAY).next.adult


@pytest.mark.parametrize(
    ("procedure", "asks_for"),
    [(Procedure.STATUTORY, "the next stage (Stage 2)"), (Procedure.CORPORATE, "us to review your complaint")],
)
def test_after_stage_1_it_gives_the_last_day_to_ask_for_the_next_stage(procedure, asks_for):
    status = public_status(complaint(CaseState.STAGE_1_RESPONDED, procedure, last_day=LAST_DAY), TODAY)
    assert status.title.adult == "We have replied"
    assert asks_for in status.next.adult and "by 12 February 2027" in status.next.adult


@pytest.mark.parametrize("state", [CaseState.STAGE_1_RESPONDED, CaseState.STAGE_2_ADJUDICATED])
def test_past_the_last_day_it_says_a_late_request_may_still_be_accepted(state):
    status = public_status(complaint(state, last_day=LAST_DAY), LAST_DAY + timedelta(days=1))
    assert status.next.adult.startswith("The last day to ask was 12 February 2027.")
    assert "late request" in status.next.adult
    assert "You can still ask us" in status.next.child


def test_on_the_last_day_it_is_not_late():
    status = public_status(complaint(CaseState.STAGE_1_RESPONDED, last_day=LAST_DAY), LAST_DAY)
    assert "by 12 February 2027" in status.next.adult and "late" not in status.next.adult


def test_an_offer_of_mediation_waiting_for_an_answer_is_said():
    offered = public_status(complaint(CaseState.STAGE_2_REQUESTED, mediation_offered=True), TODAY)
    assert offered.title.adult == "We have offered mediation"
    requested = public_status(complaint(CaseState.STAGE_2_REQUESTED), TODAY)
    assert requested.title.adult == "You have asked for Stage 2"
    accepted = public_status(complaint(CaseState.MEDIATION), TODAY)
    assert accepted.title.adult == "We are arranging mediation"


@pytest.mark.parametrize(
    ("closure", "progress", "title"),
    [
        (Closure.WITHDRAWN, Progress.NONE, "You withdrew your complaint"),
        (Closure.NOT_ACCEPTED, Progress.NONE, "We could not accept your complaint"),
        (Closure.RESOLVED, Progress.STAGE_1, "We have replied and closed your complaint"),
        (Closure.RESOLVED, Progress.NONE, "We have closed your complaint"),
    ],
)
def test_a_closed_complaint_says_why(closure, progress, title):
    status = public_status(complaint(CaseState.CLOSED, closure=closure, progress=progress), TODAY)
    assert status.title.adult == title
    if closure is not Closure.WITHDRAWN:
        assert "Ombudsman" in status.next.adult


# What a complaint offers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", COMPLAINTS)
@pytest.mark.parametrize("state", OPEN_STATES)
def test_an_open_complaint_always_offers_information_an_advocate_and_withdrawing_unless_with_the_ombudsman(
    procedure, state
):
    found = actions(complaint(state, procedure))
    if state is CaseState.OMBUDSMAN:
        assert found == []
    else:
        assert found[0] is Action.ADD_INFORMATION and found[-1] is Action.WITHDRAW
        assert Action.ASK_FOR_ADVOCATE in found


@pytest.mark.parametrize("procedure", COMPLAINTS)
def test_a_closed_complaint_offers_nothing(procedure):
    assert actions(complaint(CaseState.CLOSED, procedure, last_day=LAST_DAY, mediation_offered=True)) == []


@pytest.mark.parametrize("procedure", COMPLAINTS)
@pytest.mark.parametrize("state", OPEN_STATES)
def test_the_next_stage_is_offered_only_in_its_window(procedure, state):
    found = actions(complaint(state, procedure, last_day=LAST_DAY))
    stage_2 = state is CaseState.STAGE_1_RESPONDED
    # A review panel is statutory only: a corporate Stage 2 ends in closing or the Ombudsman.
    stage_3 = state is CaseState.STAGE_2_ADJUDICATED and procedure is Procedure.STATUTORY
    assert (Action.ASK_FOR_STAGE_2 in found) == stage_2
    assert (Action.ASK_FOR_STAGE_3 in found) == stage_3


def test_the_next_stage_offer_carries_its_last_day_and_is_marked_late_after_it():
    facts = complaint(CaseState.STAGE_1_RESPONDED, last_day=LAST_DAY)
    [in_time] = [offer for offer in offers(facts, LAST_DAY) if offer.action is Action.ASK_FOR_STAGE_2]
    [late] = [offer for offer in offers(facts, LAST_DAY + timedelta(days=1)) if offer.action is Action.ASK_FOR_STAGE_2]
    assert (in_time.last_day, in_time.late) == (LAST_DAY, False)
    assert (late.last_day, late.late) == (LAST_DAY, True)


@pytest.mark.parametrize("state", OPEN_STATES)
def test_mediation_is_answered_only_while_an_offer_waits_on_a_stage_2_request(state):
    offered = actions(complaint(state, mediation_offered=True))
    assert (Action.ANSWER_MEDIATION in offered) == (state is CaseState.STAGE_2_REQUESTED)
    assert Action.ANSWER_MEDIATION not in actions(complaint(state))


def test_an_advocate_is_not_offered_again_while_one_is_being_arranged():
    assert Action.ASK_FOR_ADVOCATE not in actions(complaint(CaseState.STAGE_1), advocate_running=True)
