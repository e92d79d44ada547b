"""Every staff route must declare who may use it."""

from flask import Flask

from portal.common.roles import public_staff_page, roles_required
from portal.domain.types import StaffRole


def staff_routes_without_role_check(app: Flask) -> list[str]:
    return [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff") and not hasattr(app.view_functions[rule.endpoint], "required_roles")
    ]


def test_every_staff_route_declares_its_roles(app):
    assert staff_routes_without_role_check(app) == []


def test_the_guard_finds_a_staff_route_that_forgot_its_check():
    scratch = Flask("scratch")
    scratch.add_url_rule("/staff/forgotten", "forgotten", lambda: "data")
    scratch.add_url_rule("/staff/checked", "checked", roles_required(StaffRole.ADMINISTRATOR)(lambda: "data"))
    scratch.add_url_rule("/staff/sign-in", "sign_in", public_staff_page(lambda: "form"))
    scratch.add_url_rule("/public", "public", lambda: "page")
    assert staff_routes_without_role_check(scratch) == ["/staff/forgotten"]
