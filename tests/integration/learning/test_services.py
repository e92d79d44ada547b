"""The service functions other parts of the portal call (the Stage 1 findings call them when a finding is upheld or
partially upheld): they add to the caller's unit of work, audit, and refuse what the rules do not allow."""

import pytest
from sqlalchemy import select

from portal.data import transaction
from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import AuditEvent, Theme
from portal.domain.types import CaseState, Finding, LearningActionStatus, StaffRole, ThemeScope
from portal.learning_records import services
from portal.learning_records.services import LearningError
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.learning.conftest import category, days_from_today, responding_manager, upheld_case


def test_the_responding_manager_records_learning_and_an_action_in_their_own_unit_of_work(app_context, categories):
    team = make_team("Fostering")
    manager = responding_manager(team)
    # Still at Stage 1: the outcome is stored only when the case closes.
    case = upheld_case(
        finding=None, state=CaseState.STAGE_1, closed_on=None, team=team, responding_manager_id=manager.id
    )

    record = services.record_learning(case, category("Improve timeliness"), "Allowances were paid late.", manager)
    action = services.add_action(
        record, "Check allowance payments weekly", manager, days_from_today(20), manager, days_from_today(0)
    )
    transaction.rollback()
    assert db.session.scalar(select(LearningRecord)) is None  # nothing is committed for the caller

    record = services.record_learning(case, category("Improve timeliness"), "Allowances were paid late.", manager)
    action = services.add_action(
        record, "Check allowance payments weekly", manager, days_from_today(20), manager, days_from_today(0)
    )
    transaction.commit()
    assert [item.summary for item in case.learning_records] == ["Allowances were paid late."]
    assert (action.status, action.owner_id, action.recorded_on) == (
        LearningActionStatus.OPEN,
        manager.id,
        days_from_today(0),
    )
    assert [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        "learning_recorded",
        "learning_action_added",
    ]


@pytest.mark.parametrize(
    ("summary", "field", "message"),
    [
        ("", "summary", "Enter what was learnt"),
        ("   ", "summary", "Enter what was learnt"),
        ("x" * 5001, "summary", "What was learnt must be 5,000 characters or fewer"),
    ],
)
def test_recording_learning_refuses_an_empty_or_long_summary(app_context, categories, summary, field, message):
    officer = make_staff()
    with pytest.raises(LearningError, match=message) as refused:
        services.record_learning(upheld_case(), category("Other"), summary, officer)
    assert refused.value.field == field


def test_recording_learning_refuses_a_category_from_another_list_or_deactivated(app_context, categories):
    officer = make_staff()
    complaint_theme = Theme(scope=ThemeScope.COMPLAINT, name="Quality of service")
    db.session.add(complaint_theme)
    retired = category("Other")
    retired.active = False
    db.session.commit()
    for wrong in (complaint_theme, retired):
        with pytest.raises(LearningError, match="Choose a category from the list"):
            services.record_learning(upheld_case(), wrong, "Learnt", officer)


def test_only_those_who_may_change_a_cases_learning_may_record_it(app_context, categories):
    case = upheld_case(team=make_team("Assessment"))
    other_manager = responding_manager(make_team("Elsewhere"))
    for actor in (other_manager, make_staff("pat@anytown.example", StaffRole.PARTICIPATION_OFFICER)):
        with pytest.raises(LearningError, match="You cannot record learning for this case"):
            services.record_learning(case, category("Other"), "Learnt", actor)
    assert db.session.scalar(select(LearningAction)) is None


def test_the_learning_lead_may_record_learning_only_for_upheld_complaints(app_context, categories, lead):
    services.record_learning(upheld_case(finding=Finding.PARTIALLY_UPHELD), category("Other"), "Learnt", lead)
    with pytest.raises(LearningError):
        services.record_learning(upheld_case(finding=Finding.NO_FINDING), category("Other"), "Learnt", lead)
