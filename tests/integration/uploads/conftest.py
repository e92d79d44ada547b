from tests.fixtures.clamd import clamd_socket, silent_scanner_socket  # noqa: F401  (fixtures)
from tests.integration.assisted_entry.conftest import officer, storage  # noqa: F401  (fixtures)
from tests.integration.intake.conftest import team_id  # noqa: F401  (fixture)
