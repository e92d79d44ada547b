import pytest

from portal.data.defaults import ensure_default_lists
from portal.data.queries.themes import children_themes
from tests.fixtures.smtp_sink import app_sends_by_smtp, smtp_sink  # noqa: F401


@pytest.fixture
def theme_ids(app_context) -> list[str]:
    """The default children's themes, as the values their tiles post."""
    ensure_default_lists()
    return [str(theme.id) for theme in children_themes()]


def post_pages(client, pages) -> None:
    for slug, data in pages:
        response = client.post(f"/young-people/{slug}", data=data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:3000])


def send(client):
    """Sends the checked answers and returns the confirmation page."""
    response = client.post("/young-people/check-answers")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert response.headers["Location"].endswith("/young-people/sent")
    return client.get("/young-people/sent")
