"""Upheld complaints with learning, staff, and the learning categories, for the learning tests."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.learning_models import LearningAction, LearningRecord
from portal.data.models import Case, StaffUser, Team, Theme
from portal.domain.outcomes import DEFAULT_LEARNING_CATEGORIES
from portal.domain.types import CaseState, Finding, LearningActionStatus, Procedure, StaffRole, ThemeScope
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case


def add_categories() -> list[Theme]:
    """The default learning categories, as a new council has them (the migrations add them to a new database)."""
    existing = list(
        db.session.scalars(select(Theme).where(Theme.scope == ThemeScope.LEARNING).order_by(Theme.position))
    )
    if existing:
        return existing
    categories = [
        Theme(scope=ThemeScope.LEARNING, name=name, position=position)
        for position, name in enumerate(DEFAULT_LEARNING_CATEGORIES)
    ]
    db.session.add_all(categories)
    db.session.commit()
    return categories


@pytest.fixture
def categories(app_context) -> list[Theme]:
    return add_categories()


def category(name: str) -> Theme:
    return db.session.scalar(select(Theme).where(Theme.scope == ThemeScope.LEARNING, Theme.name == name))


def upheld_case(finding: Finding = Finding.UPHELD, **fields) -> Case:
    """A statutory complaint closed with `finding`."""
    values = {
        "procedure": Procedure.STATUTORY,
        "state": CaseState.CLOSED,
        "finding": finding,
        "closed_on": date(2027, 2, 1),
        **fields,
    }
    return make_case(**values)


# The day the tests' actions were recorded: two months ago.
RECORDED_ON = uk_today() - timedelta(days=61)


def add_learning(
    case: Case, category_name: str = "Improve communication", summary: str = "Tell families sooner.", actions=()
) -> LearningRecord:
    """A learning record on `case`, with actions given as (description, owner, due_on[, status])."""
    record = LearningRecord(case=case, category=category(category_name), summary=summary)
    for description, owner, due_on, *status in actions:
        record.actions.append(
            LearningAction(
                description=description,
                owner=owner,
                due_on=due_on,
                status=status[0] if status else LearningActionStatus.OPEN,
                recorded_on=RECORDED_ON,
            )
        )
    db.session.add(record)
    db.session.commit()
    return record


def date_parts(day: date) -> list[str]:
    """A date as a GOV.UK date input posts it: day, month and year under the field's name."""
    return [str(day.day), str(day.month), str(day.year)]


def days_from_today(days: int) -> date:
    return uk_today() + timedelta(days=days)


@pytest.fixture
def lead(app_context) -> StaffUser:
    return make_staff("drew@anytown.example", StaffRole.LEARNING_LEAD, name="Drew Kestrel")


@pytest.fixture
def officer(app_context) -> StaffUser:
    return make_staff("casey@anytown.example", StaffRole.COMPLAINTS_OFFICER, name="Casey Marlowe")


def responding_manager(team: Team | None = None, email: str = "jamie@anytown.example", name: str = "Jamie Thistle"):
    return make_staff(email, StaffRole.RESPONDING_MANAGER, team=team or make_team(f"Team of {name}"), name=name)
