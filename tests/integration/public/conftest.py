from tests.integration.admin.conftest import administrator  # noqa: F401  (fixture)
from tests.integration.intake.conftest import team_id  # noqa: F401  (fixture)
from tests.integration.young_people.conftest import theme_ids  # noqa: F401  (fixture)
