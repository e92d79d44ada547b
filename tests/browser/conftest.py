"""Browser tests: Playwright drives Debian's Chromium against the app served on a loopback port."""

import os
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

from tests.integration.intake.conftest import team_id  # noqa: F401  (fixture: a team for the adult journeys)
from tests.integration.young_people.conftest import theme_ids  # noqa: F401  (fixture: the children's themes)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never skip: `make test` installs Chromium, so a missing browser is a set-up fault to fix.
    assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: apt-get install -y chromium"
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def live_server(live_server_url, app_context):
    """The served app, with a database emptied after the test."""
    return live_server_url


@pytest.fixture(scope="session")
def axe():
    return Axe()
