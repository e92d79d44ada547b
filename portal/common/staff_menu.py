"""The staff menu: each member of staff sees only the pages their role may open."""

from flask import Flask, current_app

from portal.data.models import StaffUser
from portal.domain.types import StaffRole

MENU = (
    ("casework.case_list", "Cases"),
    ("casework.record_feedback", "Record feedback"),
    ("casework.new_duty_matter", "Record a duty matter"),
    ("learning.home", "Learning"),
    ("participation.childrens_cases", "Participation"),
    ("participation.compliments", "Compliments"),
    ("participation.survey_results", "Survey results"),
    ("reporting.dashboard", "Reports"),
    ("reporting.import_cases", "Import history"),
    ("casework.audit_trail", "Audit trail"),
    ("admin.home", "Settings"),
)


def may_open(user: StaffUser, endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    roles = getattr(view, "required_roles", None)
    return bool(roles) and user.role in roles


def menu_for(user: StaffUser) -> list[tuple[str, str]]:
    """The (endpoint, words) pairs of the menu this person may use, in menu order."""
    return [(endpoint, words) for endpoint, words in MENU if may_open(user, endpoint)]


# Roles whose work is not first in the menu's order land on their own page.
HOME_OF_ROLE = {StaffRole.ADMINISTRATOR: "admin.home", StaffRole.REPORT_VIEWER: "reporting.dashboard"}


def home_endpoint(user: StaffUser) -> str | None:
    """Where this person lands after signing in: their role's own page, else the first page of their menu."""
    menu = [endpoint for endpoint, _words in menu_for(user)]
    preferred = HOME_OF_ROLE.get(user.role)
    if preferred in menu:
        return preferred
    return menu[0] if menu else None


def register(app: Flask) -> None:
    app.add_template_global(menu_for, "staff_menu")
