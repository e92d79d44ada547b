"""Categories and themes per kind of feedback: add, rename, reorder, deactivate; each change audited."""

from bs4 import BeautifulSoup

from portal.data.defaults import THEMES, ensure_default_lists
from portal.data.queries import admin as queries
from portal.domain.types import ThemeScope
from tests.integration.admin.conftest import error_summary, page_text, settings_events

COMPLIMENTS = "/staff/settings/themes/compliment"


def names(scope: ThemeScope = ThemeScope.COMPLIMENT) -> list[str]:
    return [theme.name for theme in queries.themes(scope)]


def theme_id(name: str, scope: ThemeScope = ThemeScope.COMPLIMENT) -> int:
    return next(theme.id for theme in queries.themes(scope) if theme.name == name)


def test_the_overview_counts_each_kind(admin_client):
    ensure_default_lists()
    text = page_text(admin_client.get("/staff/settings/themes"))
    assert f"Complaints {len(THEMES[ThemeScope.COMPLAINT])} active" in text
    assert f"Compliments {len(THEMES[ThemeScope.COMPLIMENT])} active" in text


def test_the_list_shows_themes_in_order(admin_client):
    ensure_default_lists()
    soup = BeautifulSoup(admin_client.get(COMPLIMENTS).get_data(as_text=True), "html.parser")
    assert [cell.get_text(strip=True) for cell in soup.select("tbody th")] == THEMES[ThemeScope.COMPLIMENT]
    first_row, last_row = soup.select("tbody tr")[0], soup.select("tbody tr")[-1]
    assert "Move up" not in first_row.get_text() and "Move down" in first_row.get_text()
    assert "Move down" not in last_row.get_text() and "Move up" in last_row.get_text()


def test_adding_a_theme_puts_it_last_and_only_in_its_own_kind(admin_client):
    ensure_default_lists()
    response = admin_client.post(f"{COMPLIMENTS}/add", data={"name": "Kindness"})
    assert response.headers["Location"] == COMPLIMENTS
    assert names()[-1] == "Kindness"
    assert "Kindness" not in names(ThemeScope.COMPLAINT)
    [event] = settings_events("themes:compliment")
    assert event.detail["changes"] == {"name": [None, "Kindness"], "active": [None, True]}
    assert "Kindness added" in page_text(admin_client.get(COMPLIMENTS))


def test_the_same_name_may_be_used_by_another_kind_but_not_twice_in_one(admin_client):
    ensure_default_lists()
    response = admin_client.post(f"{COMPLIMENTS}/add", data={"name": "quality of service"})
    assert error_summary(response) == ["There is already a theme called quality of service in compliments"]
    admin_client.post("/staff/settings/themes/children/add", data={"name": "Quality of service"})
    assert "Quality of service" in names(ThemeScope.CHILDREN)


def test_renaming_a_theme(admin_client):
    ensure_default_lists()
    identifier = theme_id("Communication")
    admin_client.post(f"{COMPLIMENTS}/{identifier}", data={"name": "Keeping in touch"})
    assert "Keeping in touch" in names() and "Communication" not in names()
    [event] = settings_events("themes:compliment")
    assert event.detail == {
        "area": "themes:compliment",
        "item": "Communication",
        "changes": {"name": ["Communication", "Keeping in touch"]},
    }
    assert error_summary(admin_client.post(f"{COMPLIMENTS}/{identifier}", data={"name": ""})) == ["Enter the name"]


def test_reordering_moves_one_place_at_a_time_and_stops_at_the_ends(admin_client):
    ensure_default_lists()
    before = names()
    admin_client.post(f"{COMPLIMENTS}/{theme_id(before[2])}/move-up")
    assert names() == [before[0], before[2], before[1], before[3]]
    admin_client.post(f"{COMPLIMENTS}/{theme_id(before[2])}/move-down")
    assert names() == before
    admin_client.post(f"{COMPLIMENTS}/{theme_id(before[0])}/move-up")
    admin_client.post(f"{COMPLIMENTS}/{theme_id(before[-1])}/move-down")
    assert names() == before
    first, second = settings_events("themes:compliment")
    assert first.detail["changes"] == {"order": [before, [before[0], before[2], before[1], before[3]]]}
    assert second.detail["changes"]["order"][1] == before
    assert len(settings_events()) == 2


def test_deactivating_and_reactivating_a_theme(admin_client):
    ensure_default_lists()
    identifier = theme_id("Communication")
    admin_client.post(f"{COMPLIMENTS}/{identifier}/deactivate")
    assert [theme.active for theme in queries.themes(ThemeScope.COMPLIMENT) if theme.id == identifier] == [False]
    assert "Communication deactivated" in page_text(admin_client.get(COMPLIMENTS))
    assert "3 active, 1 inactive" in page_text(admin_client.get("/staff/settings/themes"))
    admin_client.post(f"{COMPLIMENTS}/{identifier}/reactivate")
    assert all(theme.active for theme in queries.themes(ThemeScope.COMPLIMENT))
    assert [event.detail["changes"] for event in settings_events()] == [
        {"active": [True, False]},
        {"active": [False, True]},
    ]
