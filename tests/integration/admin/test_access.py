"""Every settings route, for every role: administrators only. Others get 403 and change nothing; visitors sign in."""

from datetime import date

import pytest
from flask import Flask

from portal.admin.services import ensure_default_templates
from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import AdvocacyProvider, ClosureDay, ServiceArea, Team, Theme
from portal.data.queries import admin as queries
from portal.domain.types import StaffRole, ThemeScope
from portal.notifications.outbox import queue_email
from tests.integration.admin.conftest import settings_events
from tests.integration.auth.staff import make_staff, signed_in_as


def admin_rules(app: Flask):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            for method in ("GET", "POST"):
                if method in rule.methods:
                    yield rule, method


def make_rows() -> dict:
    """One of everything the settings routes act on, so every URL names a real row."""
    ensure_default_lists()
    ensure_default_templates()
    db.session.add(ClosureDay(day=date(2027, 12, 24), description="Christmas Eve"))
    db.session.add(AdvocacyProvider(name="Speak Up Anytown", email="speakup@example.com", for_children=True))
    message = queue_email("sam.parent@example.com", "acknowledgement", "We have received your complaint", "Body")
    db.session.commit()
    subject = make_staff(email="someone.else@anytown.example", role=StaffRole.COMPLAINTS_OFFICER)
    return {
        "team_id": db.session.scalar(db.select(Team.id).limit(1)),
        "area_id": db.session.scalar(db.select(ServiceArea.id).limit(1)),
        "scope": ThemeScope.COMPLAINT.value,
        "theme_id": db.session.scalar(db.select(Theme.id).where(Theme.scope == ThemeScope.COMPLAINT).limit(1)),
        "day_id": db.session.scalar(db.select(ClosureDay.id)),
        "template_id": queries.message_templates()[0].id,
        "provider_id": db.session.scalar(db.select(AdvocacyProvider.id)),
        "user_id": subject.id,
        "section": "statutory",
        "name": "stage_1",
        "message_id": message.id,
    }


def url(app: Flask, rule, rows: dict) -> str:
    with app.test_request_context():
        return app.url_for(rule.endpoint, **{name: rows[name] for name in rule.arguments})


def test_every_settings_route_is_for_administrators_only(app):
    for rule, _ in admin_rules(app):
        assert app.view_functions[rule.endpoint].required_roles == frozenset({StaffRole.ADMINISTRATOR}), rule.rule


def test_there_is_a_route_for_each_screen(app):
    prefixes = {rule.rule.split("/")[3] for rule, _ in admin_rules(app) if rule.rule.count("/") > 2}
    assert prefixes == {
        "council",
        "teams",
        "service-areas",
        "themes",
        "timescales",
        "closure-days",
        "templates",
        "advocacy-providers",
        "safeguarding-phrases",
        "staff",
        "messages-not-sent",
    }


@pytest.mark.parametrize("role", list(StaffRole), ids=lambda role: role.value)
def test_each_role_on_every_settings_page(app, client, role):
    rows = make_rows()
    user = make_staff(email=f"{role.value}@anytown.example", role=role)
    checked = 0
    for rule, method in admin_rules(app):
        if method != "GET":
            continue
        signed_in_as(client, user)
        response = client.get(url(app, rule, rows))
        assert response.status_code == (200 if role == StaffRole.ADMINISTRATOR else 403), rule.rule
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("role", [role for role in StaffRole if role != StaffRole.ADMINISTRATOR], ids=str)
def test_no_other_role_can_change_a_setting(app, client, role):
    rows = make_rows()
    signed_in_as(client, make_staff(email=f"{role.value}@anytown.example", role=role))
    for rule, method in admin_rules(app):
        if method == "POST":
            response = client.post(url(app, rule, rows), data={"name": "Changed", "phrases": "changed"})
            assert response.status_code == 403, rule.rule
    assert settings_events() == []


def test_administrators_can_use_every_button(app, client):
    """Every POST route answers an administrator without a server error, even with nothing filled in."""
    rows = make_rows()
    admin = make_staff(email="ada@anytown.example", role=StaffRole.ADMINISTRATOR)
    for rule, method in admin_rules(app):
        if method == "POST":
            signed_in_as(client, admin)
            response = client.post(url(app, rule, rows), data={})
            assert response.status_code in (200, 302), (rule.rule, response.status_code)


def test_visitors_are_sent_to_sign_in(app, client):
    rows = make_rows()
    for rule, method in admin_rules(app):
        response = client.open(url(app, rule, rows), method=method, data={})
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/staff/sign-in")


def test_rows_that_do_not_exist_are_not_found(admin_client):
    for path in [
        "/staff/settings/teams/999",
        "/staff/settings/service-areas/999",
        "/staff/settings/themes/complaint/999",
        "/staff/settings/themes/not-a-kind",
        "/staff/settings/templates/999",
        "/staff/settings/advocacy-providers/999",
        "/staff/settings/staff/999",
    ]:
        assert admin_client.get(path).status_code == 404, path
    assert admin_client.post("/staff/settings/closure-days/999/remove").status_code == 404
    assert admin_client.post("/staff/settings/timescales/statutory/not_a_setting/reset").status_code == 404
    assert admin_client.post("/staff/settings/timescales/nonsense/stage_1/reset").status_code == 404


def test_a_theme_is_not_found_under_another_kind(admin_client):
    ensure_default_lists()
    theme = queries.themes(ThemeScope.COMPLAINT)[0]
    assert admin_client.get(f"/staff/settings/themes/compliment/{theme.id}").status_code == 404


def test_the_settings_home_links_to_every_screen(admin_client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(admin_client.get("/staff/settings").get_data(as_text=True), "html.parser")
    links = {link["href"] for link in soup.select("main a.govuk-link")}
    assert links == {
        "/staff/settings/council",
        "/staff/settings/teams",
        "/staff/settings/themes",
        "/staff/settings/timescales",
        "/staff/settings/closure-days",
        "/staff/settings/templates",
        "/staff/settings/advocacy-providers",
        "/staff/settings/safeguarding-phrases",
        "/staff/settings/staff",
        "/staff/settings/messages-not-sent",
    }
    for link in links:
        assert admin_client.get(link).status_code == 200


def test_with_csrf_protection_a_post_without_the_token_is_refused(admin_client, csrf_enabled):
    response = admin_client.post("/staff/settings/safeguarding-phrases", data={"phrases": "new phrase"})
    assert response.status_code == 400
    assert settings_events() == []
