"""Fixtures for the case page tests: cases, files in a temporary store, and an SMTP sink for messages."""

import pytest

from portal.uploads import storage_for
from tests.fixtures.config import overridden_config
from tests.fixtures.smtp_sink import app_sends_by_smtp, smtp_sink  # noqa: F401
from tests.integration.casework.conftest import case_factory  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def storage(app, app_context, tmp_path):
    """The file store, in a folder of its own for the test."""
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path / "uploads")):
        yield storage_for(app.config, app.instance_path)
