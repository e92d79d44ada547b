"""Fixtures for the safeguarding checks on every channel, borrowed from the journeys they cover."""

import pytest

from portal.data.queries.settings import council_settings
from portal.extensions import db
from tests.integration.assisted_entry.conftest import officer, storage  # noqa: F401  (fixtures)
from tests.integration.intake.conftest import team_id  # noqa: F401  (fixture)

CONTACT = "safeguarding.lead@anytown.example"


@pytest.fixture
def phrases(app_context):
    """The council's phrases, in a form other than the one the tests write, and its safeguarding contact."""
    settings = council_settings()
    settings.safeguarding_phrases = ["hit me", "scared to go home"]
    settings.safeguarding_contact_email = CONTACT
    db.session.commit()
    return settings.safeguarding_phrases
