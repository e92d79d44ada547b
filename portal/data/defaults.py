"""The editable lists a new council starts with: service areas and teams, the themes of each kind of feedback, and the
learning categories.

Drawn from real councils' annual reports (domain.md section 6). Administrators change them after installation.
"""

from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import ServiceArea, Team, Theme
from portal.domain.outcomes import DEFAULT_LEARNING_CATEGORIES
from portal.domain.types import ThemeScope

SERVICE_AREAS = {
    "Early help and assessment": ["Triage", "Assessment", "Family Support", "Emergency Duty Team"],
    "Children in care": ["Children in Care", "Leaving Care", "Fostering", "Adoption", "Independent Reviewing Officers"],
    "Specialist services": ["Disabled Children's Team", "Youth Offending Team", "Special Educational Needs (SEND)"],
}

THEMES = {
    ThemeScope.COMPLAINT: [
        "Assessment, care management or review",
        "Attitude or behaviour of staff",
        "Appropriateness of service",
        "Quality of service",
        "Delay in decision making or providing a service",
        "Unwelcome or disputed decision",
        "Poor communication",
        "Lack of support",
        "Financial assistance",
        "Missing savings",
        "Family time",
        "Accuracy of assessment or reports",
        "Access to service",
    ],
    ThemeScope.CHILDREN: [
        "My social worker or personal adviser",
        "Where I live",
        "Seeing my family",
        "Money and savings",
        "School",
        "Feeling listened to",
        "Something else",
    ],
    ThemeScope.COMPLIMENT: [
        "Support from a worker",
        "Communication",
        "Going the extra mile",
        "Quality of service",
    ],
    ThemeScope.LEARNING: list(DEFAULT_LEARNING_CATEGORIES),
}


def ensure_default_lists() -> bool:
    """Adds the default teams when the council has none yet, and each list's default themes (or learning categories)
    to a list that is empty. Returns whether anything was added."""
    added = False
    if not db.session.scalar(select(func.count()).select_from(Team)):
        for area_name, team_names in SERVICE_AREAS.items():
            area = ServiceArea(name=area_name)
            db.session.add(area)
            for team_name in team_names:
                db.session.add(Team(name=team_name, service_area=area))
        added = True
    for scope, names in THEMES.items():
        if db.session.scalar(select(func.count()).select_from(Theme).where(Theme.scope == scope)):
            continue
        for position, name in enumerate(names):
            db.session.add(Theme(scope=scope, name=name, position=position))
        added = True
    db.session.commit()
    return added
