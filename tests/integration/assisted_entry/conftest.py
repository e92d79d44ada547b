"""Fixtures for assisted entry: a signed-in member of the Complaints Team, a team, and files in a temporary store."""

import pytest

from portal.uploads import storage_for
from tests.fixtures.config import overridden_config
from tests.integration.auth.staff import make_staff, make_team, signed_in_as


@pytest.fixture
def storage(app, app_context, tmp_path):
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path / "uploads")):
        yield storage_for(app.config, app.instance_path)


@pytest.fixture
def officer(client, storage):
    user = make_staff(name="Casey Marlowe")
    signed_in_as(client, user)
    return user


@pytest.fixture
def team(app_context):
    return make_team("Children in Care")
