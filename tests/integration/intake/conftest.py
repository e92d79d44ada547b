import pytest

from portal.data.defaults import ensure_default_lists
from portal.data.queries.teams import active_teams


@pytest.fixture
def team_id(app_context) -> str:
    ensure_default_lists()
    return str(active_teams()[0].id)


def post_pages(client, journey: str, pages) -> None:
    for slug, data in pages:
        response = client.post(f"/{journey}/{slug}", data=data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:3000])
