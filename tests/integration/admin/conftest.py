"""Fixtures for the settings screens: a signed-in administrator and the audit events they leave."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, StaffUser
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as


@pytest.fixture
def administrator(app_context) -> StaffUser:
    return make_staff(email="ada.admin@anytown.example", role=StaffRole.ADMINISTRATOR, name="Ada Admin")


@pytest.fixture
def admin_client(client, administrator):
    return signed_in_as(client, administrator)


def settings_events(area: str | None = None) -> list[AuditEvent]:
    """The "settings_changed" events, oldest first; only those for `area` when it is given."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "settings_changed").order_by(AuditEvent.id)
    ).all()
    return [event for event in events if area is None or event.detail.get("area") == area]


def page_text(response) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ").split())


def error_summary(response) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [" ".join(item.get_text(" ").split()) for item in soup.select(".govuk-error-summary__list li")]


def page_title(response) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.get_data(as_text=True), "html.parser").title.get_text().strip()
