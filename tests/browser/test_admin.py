"""Settings in Chromium: an administrator signs in with two-factor, changes the Stage 1 timescale and adds a team by
keyboard alone, and every settings page passes axe-core."""

from datetime import date

import pyotp
from playwright.sync_api import Page
from sqlalchemy import select

from portal.admin.services import ensure_default_templates
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import AdvocacyProvider, AuditEvent, ClosureDay, ServiceArea, Team, Theme
from portal.data.queries import admin as queries
from portal.data.queries.settings import timescale_policy
from portal.data.queries.teams import active_teams
from portal.domain.types import CaseState, OutboxStatus, Procedure, StaffRole, ThemeScope
from portal.domain.workflow import deadline_for
from portal.notifications.outbox import queue_email
from tests.browser.helpers import assert_accessible
from tests.browser.keyboard import fill_page, press_button, tab_to
from tests.integration.auth.staff import make_staff


def sign_in(page: Page, live_server: str, user) -> None:
    """Signs in by keyboard, password then two-factor code, and lands on the settings home page."""
    page.goto(f"{live_server}/staff/sign-in?next=/staff/settings")
    fill_page(page, {"email": user.email, "password": "correct horse battery"})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/staff/two-factor"
    fill_page(page, {"code": pyotp.TOTP(user.totp_secret).now()})
    press_button(page, "Continue")
    assert page.url == f"{live_server}/staff/settings"


def follow_link(page: Page, href: str) -> None:
    tab_to(page, f"a[href='{href}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def replace_text(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_keyboard_only_stage_1_timescale_and_a_new_team(page: Page, live_server, axe):
    ensure_default_lists()
    admin = make_staff(email="ada.admin@anytown.example", role=StaffRole.ADMINISTRATOR, name="Ada Admin")
    received = date(2027, 3, 1)
    sign_in(page, live_server, admin)
    assert_accessible(axe, page)

    follow_link(page, "/staff/settings/timescales")
    assert page.get_by_role("heading", level=1).inner_text() == "Timescales"
    replace_text(page, "#statutory-stage_1", "8")
    press_button(page, "Save timescales")
    assert page.url == f"{live_server}/staff/settings/timescales"
    assert "Timescales saved" in page.locator(".govuk-notification-banner").inner_text()
    assert "8 working days (the default is 10 working days)" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible(axe, page)
    due = deadline_for(Procedure.STATUTORY, CaseState.STAGE_1, received, timescale_policy(), council_calendar())
    assert due == date(2027, 3, 11)

    follow_link(page, "/staff/settings")
    follow_link(page, "/staff/settings/teams")
    follow_link(page, "/staff/settings/teams/add")
    fill_page(page, {"name": "Kinship Care"})
    tab_to(page, "#service_area")
    page.keyboard.type("Children in care")
    press_button(page, "Add team")
    assert page.url == f"{live_server}/staff/settings/teams"
    assert "Kinship Care added" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(axe, page)
    team = db.session.scalar(select(Team).where(Team.name == "Kinship Care"))
    assert team.service_area.name == "Children in care"
    assert team in active_teams()

    changes = [
        event.detail
        for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings_changed").order_by(AuditEvent.id)
        )
    ]
    assert [change["area"] for change in changes] == ["timescales", "teams"]
    assert changes[0]["changes"] == {"statutory.stage_1": [10, 8]}


def test_errors_are_summarised_and_focused(page: Page, live_server, axe):
    admin = make_staff(email="ada.admin@anytown.example", role=StaffRole.ADMINISTRATOR, name="Ada Admin")
    sign_in(page, live_server, admin)
    page.goto(f"{live_server}/staff/settings/timescales")
    replace_text(page, "#statutory-stage_1", "0")
    replace_text(page, "#statutory-stage_1_extended", "21")
    press_button(page, "Save timescales")
    summary = page.locator(".govuk-error-summary")
    assert "Statutory – Stage 1 response: must be between 1 and 260 working days, not 0" in summary.inner_text()
    assert (
        "Statutory – Stage 1 response when extended: the 2006 Regulations allow at most 20 working days, not 21"
        in summary.inner_text()
    )
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(axe, page)

    page.goto(f"{live_server}/staff/settings/council")
    replace_text(page, "#brand_colour", "#ffdd00")
    press_button(page, "Save council details")
    assert "Choose a darker brand colour" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(axe, page)

    page.goto(f"{live_server}/staff/settings/closure-days")
    fill_page(page, {"day": ["25", "12", "2027"], "description": "Christmas"})
    press_button(page, "Add closure day")
    assert "is a Saturday" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(axe, page)


def test_every_settings_page_passes_axe(page: Page, live_server, axe):
    ensure_default_lists()
    ensure_default_templates()
    db.session.add(ClosureDay(day=date(2027, 12, 24), description="Christmas Eve closure"))
    db.session.add(AdvocacyProvider(name="Speak Up Anytown", email="speakup@example.com", for_children=True))
    failed = queue_email("sam.parent@example.com", "acknowledgement", "We have received your complaint", "Body")
    failed.status, failed.attempts, failed.last_error = OutboxStatus.FAILED, 10, "ConnectionRefusedError: refused"
    db.session.commit()
    admin = make_staff(email="ada.admin@anytown.example", role=StaffRole.ADMINISTRATOR, name="Ada Admin")
    other = make_staff(email="casey@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    team_id = db.session.scalar(select(Team.id).limit(1))
    area_id = db.session.scalar(select(ServiceArea.id).limit(1))
    theme_id = db.session.scalar(select(Theme.id).where(Theme.scope == ThemeScope.COMPLAINT).limit(1))
    template_id = queries.message_templates()[0].id
    provider_id = db.session.scalar(select(AdvocacyProvider.id))
    sign_in(page, live_server, admin)
    paths = [
        "/staff/settings",
        "/staff/settings/council",
        "/staff/settings/teams",
        "/staff/settings/teams/add",
        f"/staff/settings/teams/{team_id}",
        "/staff/settings/service-areas/add",
        f"/staff/settings/service-areas/{area_id}",
        "/staff/settings/themes",
        "/staff/settings/themes/complaint",
        "/staff/settings/themes/complaint/add",
        f"/staff/settings/themes/complaint/{theme_id}",
        "/staff/settings/timescales",
        "/staff/settings/closure-days",
        "/staff/settings/templates",
        f"/staff/settings/templates/{template_id}",
        "/staff/settings/advocacy-providers",
        "/staff/settings/advocacy-providers/add",
        f"/staff/settings/advocacy-providers/{provider_id}",
        "/staff/settings/safeguarding-phrases",
        "/staff/settings/staff",
        "/staff/settings/staff/add",
        f"/staff/settings/staff/{other.id}",
        f"/staff/settings/staff/{admin.id}",
        "/staff/settings/messages-not-sent",
    ]
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert_accessible(axe, page)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
