"""Children's cases, staff and helpers for the Participation tests."""

from datetime import date

import pytest

from portal.common.clock import utc_now
from portal.data.database import db
from portal.data.models import AdvocacyReferral, Case, CaseChild, Person, StageRecord
from portal.data.participation_models import FollowUp, SurveyLink
from portal.domain.closing_the_loop import Audience, FollowUpStatus
from portal.domain.types import AdvocacyStatus, CaseState, MessageChannel, Procedure, StaffRole, SubmitterRole
from portal.participation.services import hash_token
from tests.integration.auth.staff import make_staff
from tests.integration.casework.conftest import make_case

CHILD_NAME = "Kit Farrowby"
CHILD_PHONE = "07700 900123"


def child_complaint(**fields) -> Case:
    """A statutory complaint a child made themselves, at Stage 1, with a mobile number to text."""
    values = {
        "made_by_child": True,
        "procedure": Procedure.STATUTORY,
        "state": CaseState.STAGE_1,
        "submitter": Person(role=SubmitterRole.CHILD, name="Kit", phone=CHILD_PHONE, contact_methods=["text"]),
        "children": [CaseChild(name=CHILD_NAME, age=13)],
        "stages": [StageRecord(state=CaseState.STAGE_1, started_on=date(2027, 1, 4), due_on=date(2027, 1, 18))],
        **fields,
    }
    return make_case(**values)


def child_comment(**fields) -> Case:
    """A child's informal feedback, forwarded to the team manager and awaiting an answer."""
    values = {"procedure": Procedure.COMMENT, "state": CaseState.AWAITING_RESPONSE, **fields}
    return child_complaint(**values)


def adult_complaint(**fields) -> Case:
    """A parent's complaint with no child involved: the Participation Team may not open it."""
    values = {
        "procedure": Procedure.STATUTORY,
        "state": CaseState.STAGE_1,
        "submitter": Person(role=SubmitterRole.PARENT, name="Morgan Hollins", email="morgan@example.com"),
        **fields,
    }
    return make_case(**values)


def add_referral(case: Case, status: AdvocacyStatus = AdvocacyStatus.REQUESTED, **fields) -> AdvocacyReferral:
    referral = AdvocacyReferral(
        case_id=case.id,
        provider=fields.pop("provider", "Anytown Advocacy Service"),
        status=status,
        requested_on=fields.pop("requested_on", date(2027, 1, 5)),
        **fields,
    )
    db.session.add(referral)
    db.session.commit()
    return referral


def add_sent_link(follow_up: FollowUp, token: str) -> SurveyLink:
    """A survey link with a known token, as if it had been sent by text, working for a year."""
    follow_up.status = FollowUpStatus.SENT
    link = SurveyLink(
        follow_up_id=follow_up.id,
        token_hash=hash_token(token),
        channel=MessageChannel.SMS,
        recipient=CHILD_PHONE,
        expires_at=utc_now().replace(year=utc_now().year + 1),
    )
    db.session.add(link)
    db.session.commit()
    return link


@pytest.fixture
def officer(app_context):
    return make_staff("pat.participation@anytown.example", StaffRole.PARTICIPATION_OFFICER, name="Pat Quillfeather")


@pytest.fixture
def manager(app_context):
    return make_staff("morgan.manager@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")


def make_follow_up(status: FollowUpStatus, asked_on: date | None, **fields) -> FollowUp:
    case = child_complaint()
    follow_up = FollowUp(
        case_id=case.id, audience=Audience.CHILD, closed_on=asked_on or date(2027, 5, 1), status=status, **fields
    )
    follow_up.asked_on = asked_on
    db.session.add(follow_up)
    db.session.commit()
    return follow_up
