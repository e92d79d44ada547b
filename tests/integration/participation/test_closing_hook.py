"""The closing hook: every path that closes a case calls `case_closed`, which follows up children's cases, the adult
survey when it is on, and adds portal compliments to the register."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.case_moves.closing import close_case
from portal.common.closing import case_closed
from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, Person
from portal.data.participation_models import Compliment, FollowUp
from portal.domain.closing_the_loop import Audience, FollowUpStatus
from portal.domain.types import CaseState, Channel, Closure, FeedbackKind, SubmitterRole
from portal.domain.workflow import InvalidTransition
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.casework.conftest import make_case
from tests.integration.participation.conftest import adult_complaint, child_comment, child_complaint
from tests.integration.screening.conftest import screening_post

CLOSED_ON = date(2027, 2, 1)


def follow_ups(case) -> list[FollowUp]:
    return list(db.session.scalars(select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.id)))


def test_closing_a_childs_complaint_creates_a_follow_up(officer):
    case = child_complaint()
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    [follow_up] = follow_ups(case)
    assert (follow_up.audience, follow_up.status, follow_up.closed_on) == (
        Audience.CHILD,
        FollowUpStatus.TO_DO,
        CLOSED_ON,
    )
    assert (case.state, case.closure, case.closed_on) == (CaseState.CLOSED, Closure.RESOLVED, CLOSED_ON)
    assert case.stages[0].completed_on == CLOSED_ON
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_closed").order_by(AuditEvent.id))
    assert event.case_id == case.id and event.actor_id == officer.id
    assert event.detail["changes"]["state"] == ["stage_1", "closed"]


def test_closing_a_childs_informal_feedback_creates_a_follow_up(officer):
    case = child_comment()
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    assert [follow_up.audience for follow_up in follow_ups(case)] == [Audience.CHILD]


def test_a_case_about_a_child_who_knows_and_agrees_is_followed_up_with_the_child(officer):
    case = adult_complaint(on_behalf_of_child=True, children=[CaseChild(name="Riley", knows_and_agrees="yes")])
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    assert [follow_up.audience for follow_up in follow_ups(case)] == [Audience.CHILD]


@pytest.mark.parametrize("agrees", ["no", "too_young", "", None])
def test_a_case_about_a_child_without_their_involvement_is_not(officer, agrees):
    case = adult_complaint(on_behalf_of_child=True, children=[CaseChild(name="Riley", knows_and_agrees=agrees)])
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    assert follow_ups(case) == []


def test_an_adults_complaint_is_not_followed_up_unless_the_adult_survey_is_on(app, officer):
    quiet = adult_complaint()
    close_case(quiet, officer, Closure.RESOLVED, CLOSED_ON)
    assert follow_ups(quiet) == []
    with overridden_config(app, ADULT_SURVEY=True):
        asked = adult_complaint()
        close_case(asked, officer, Closure.WITHDRAWN, CLOSED_ON)
        no_email = adult_complaint(submitter=Person(role=SubmitterRole.PARENT, name="No Email"))
        close_case(no_email, officer, Closure.RESOLVED, CLOSED_ON)
    assert [follow_up.audience for follow_up in follow_ups(asked)] == [Audience.ADULT]
    assert follow_ups(no_email) == []


def test_with_the_adult_survey_on_a_childs_case_made_by_a_parent_follows_up_both(app, officer):
    case = adult_complaint(channel=Channel.VIA_ADVOCATE)
    with overridden_config(app, ADULT_SURVEY=True):
        close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    assert [follow_up.audience for follow_up in follow_ups(case)] == [Audience.CHILD, Audience.ADULT]


def test_calling_the_hook_again_for_the_same_closure_changes_nothing(officer):
    case = child_complaint()
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    case_closed(case, CLOSED_ON)
    db.session.commit()
    assert len(follow_ups(case)) == 1


def test_a_case_closed_again_after_reopening_gets_a_new_follow_up(officer):
    case = child_complaint()
    close_case(case, officer, Closure.RESOLVED, CLOSED_ON)
    case.state = CaseState.STAGE_2
    db.session.commit()
    close_case(case, officer, Closure.RESOLVED, date(2027, 4, 1))
    assert [follow_up.closed_on for follow_up in follow_ups(case)] == [CLOSED_ON, date(2027, 4, 1)]


def test_a_closed_case_cannot_be_closed_again(officer):
    case = child_complaint(state=CaseState.CLOSED, closed_on=CLOSED_ON, closure=Closure.RESOLVED)
    with pytest.raises(InvalidTransition):
        close_case(case, officer, Closure.WITHDRAWN, date(2027, 3, 1))
    db.session.rollback()
    assert case.closure is Closure.RESOLVED
    assert follow_ups(case) == []


def test_screening_a_portal_compliment_adds_it_to_the_register_with_the_givers_consent(client):
    case = make_case(
        kind=FeedbackKind.COMPLIMENT,
        description="Lee Brightwater listened to Riley and helped us.",
        worker_name="Lee Brightwater",
        submitter=Person(role=SubmitterRole.FOSTER_CARER, name="Alex Penrose", email="alex@example.com"),
        children=[CaseChild(name="Riley")],
        answers={"may_share_with_team": "yes", "may_publish": "no"},
    )
    response = signed_in_as(client, make_staff()).post(
        f"/staff/cases/{case.reference}/screening", data=screening_post(case, action="decide", decision="compliment")
    )
    assert response.status_code == 302
    compliment = db.session.scalar(select(Compliment).where(Compliment.case_id == case.id))
    assert compliment.text == "Lee Brightwater listened to Riley and helped us."
    assert compliment.source.value == "foster_carer"
    assert (compliment.may_share, compliment.may_publish) == (True, False)
    assert [member.name for member in compliment.staff_named] == ["Lee Brightwater"]
    assert compliment.children_named == "Riley"
    assert follow_ups(case) == []
