"""The staff menu: each member of staff sees only the pages their role may open."""

from flask import Flask, current_app

from portal.data.models import StaffUser

MENU = (
    ("casework.case_list", "Cases"),
    ("casework.record_feedback", "Record feedback"),
    ("casework.new_duty_matter", "Record a duty matter"),
    ("learning.home", "Learning"),
    ("participation.childrens_cases", "Participation"),
    ("participation.compliments", "Compliments"),
    ("participation.survey_results", "Survey results"),
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


def home_endpoint(user: StaffUser) -> str | None:
    """Where this person lands after signing in: the first page of their menu, if they have one."""
    menu = menu_for(user)
    return menu[0][0] if menu else None


def register(app: Flask) -> None:
    app.add_template_global(menu_for, "staff_menu")
