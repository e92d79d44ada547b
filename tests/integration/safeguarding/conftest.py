"""Fixtures for the safeguarding checks on every channel, borrowed from the journeys they cover."""

import pytest
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import StaffUser
from portal.data.queries.settings import council_settings
from tests.integration.assisted_entry.conftest import officer, storage  # noqa: F401  (fixtures)
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.intake.conftest import team_id  # noqa: F401  (fixture)
from tests.integration.young_people.conftest import theme_ids  # noqa: F401  (fixture)

CONTACT = "safeguarding.lead@anytown.example"
VIEWER = "officer.two@anytown.example"


@pytest.fixture
def phrases(app_context):
    """The council's phrases, in a form other than the one the tests write, and its safeguarding contact."""
    settings = council_settings()
    settings.safeguarding_phrases = ["hit me", "scared to go home"]
    settings.safeguarding_contact_email = CONTACT
    db.session.commit()
    return settings.safeguarding_phrases


def staff_page(app, path: str) -> str:
    """A case page as a member of the Complaints Team sees it. The test's requests share its application context, so
    this one gets a context of its own and Flask-Login does not reuse the public visitor it remembered in `g`."""
    viewer = app.test_client()
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == VIEWER)) or make_staff(email=VIEWER)
    signed_in_as(viewer, user)
    with app.app_context():
        response = viewer.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)
