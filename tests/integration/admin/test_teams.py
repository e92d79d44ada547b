"""Teams and service areas: a new team is on the public forms at once; deactivated ones are not; all audited."""

from bs4 import BeautifulSoup

from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import ServiceArea, Team
from portal.data.queries.teams import active_teams
from tests.integration.admin.conftest import error_summary, page_text, settings_events
from tests.integration.auth.staff import make_team
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages


def area_named(name: str) -> ServiceArea:
    return db.session.scalar(db.select(ServiceArea).where(ServiceArea.name == name))


def team_named(name: str) -> Team:
    return db.session.scalar(db.select(Team).where(Team.name == name))


def public_team_choices(app) -> list[str]:
    """The teams offered on the public complaint form's "team" page, reached by answering the pages before it.

    A visitor of their own, in an application context of their own, as in a separate request in production.
    """
    first_pages = complaint_pages(team_id="0")
    with app.app_context():
        client = app.test_client()
        post_pages(client, "complaint", first_pages[: [slug for slug, _ in first_pages].index("team")])
        html = client.get("/complaint/team").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    return [label.get_text(strip=True) for label in soup.select("input[name=team] + label")]


def test_a_new_team_is_offered_on_the_public_complaint_form_at_once(admin_client, app):
    ensure_default_lists()
    area = area_named("Children in care")
    assert "Kinship Care" not in public_team_choices(app)

    response = admin_client.post(
        "/staff/settings/teams/add",
        data={"name": "Kinship Care", "service_area": str(area.id), "email": "kinship@anytown.example"},
    )
    assert response.headers["Location"] == "/staff/settings/teams"

    assert "Kinship Care" in [team.name for team in active_teams()]
    assert "Kinship Care" in public_team_choices(app)
    team = team_named("Kinship Care")
    assert team.service_area == area
    assert team.email == "kinship@anytown.example"
    [event] = settings_events("teams")
    assert event.actor.email == "ada.admin@anytown.example"
    assert event.detail["changes"] == {
        "name": [None, "Kinship Care"],
        "service_area": [None, "Children in care"],
        "active": [None, True],
        "email": [None, "kinship@anytown.example"],
    }
    assert "Kinship Care added" in page_text(admin_client.get("/staff/settings/teams"))


def test_the_list_shows_teams_by_service_area(admin_client):
    ensure_default_lists()
    make_team("Team with no area")
    soup = BeautifulSoup(admin_client.get("/staff/settings/teams").get_data(as_text=True), "html.parser")
    captions = [caption.get_text(strip=True) for caption in soup.select("caption")]
    assert captions == [
        "Teams in Children in care",
        "Teams in Early help and assessment",
        "Teams in Specialist services",
        "Teams with no service area",
    ]
    assert "Fostering" in soup.select("table")[0].get_text()
    assert "Team with no area" in soup.select("table")[3].get_text()


def test_renaming_and_moving_a_team(admin_client):
    ensure_default_lists()
    team = team_named("Fostering")
    other = area_named("Specialist services")
    form = admin_client.get(f"/staff/settings/teams/{team.id}").get_data(as_text=True)
    assert 'value="Fostering"' in form
    admin_client.post(
        f"/staff/settings/teams/{team.id}",
        data={"name": "Fostering Service", "service_area": str(other.id), "email": ""},
    )
    db.session.refresh(team)
    assert (team.name, team.service_area) == ("Fostering Service", other)
    [event] = settings_events("teams")
    assert event.detail == {
        "area": "teams",
        "item": "Fostering",
        "changes": {
            "name": ["Fostering", "Fostering Service"],
            "service_area": ["Children in care", "Specialist services"],
        },
    }


def test_a_team_can_have_no_service_area(admin_client):
    ensure_default_lists()
    team = team_named("Fostering")
    admin_client.post(f"/staff/settings/teams/{team.id}", data={"name": "Fostering", "service_area": "", "email": ""})
    db.session.refresh(team)
    assert team.service_area is None


def test_deactivated_teams_leave_the_public_forms_and_can_come_back(admin_client, app):
    ensure_default_lists()
    team = team_named("Fostering")
    admin_client.post(f"/staff/settings/teams/{team.id}/deactivate")
    assert "Fostering" not in [item.name for item in active_teams()]
    assert "Fostering" not in public_team_choices(app)
    assert "Fostering deactivated" in page_text(admin_client.get("/staff/settings/teams"))
    admin_client.post(f"/staff/settings/teams/{team.id}/reactivate")
    assert "Fostering" in public_team_choices(app)
    assert [event.detail["changes"] for event in settings_events("teams")] == [
        {"active": [True, False]},
        {"active": [False, True]},
    ]


def test_team_names_must_be_unique_and_given(admin_client):
    ensure_default_lists()
    response = admin_client.post("/staff/settings/teams/add", data={"name": "fostering", "service_area": ""})
    assert error_summary(response) == ["There is already a team called fostering"]
    response = admin_client.post("/staff/settings/teams/add", data={"name": " ", "service_area": "", "email": "x"})
    assert error_summary(response) == [
        "Enter the name of the team",
        "Enter an email address in the correct format, like name@example.com",
    ]
    response = admin_client.post("/staff/settings/teams/add", data={"name": "New team", "service_area": "99999"})
    assert error_summary(response) == ["Not a valid choice."]
    assert settings_events() == []


def test_service_areas_are_added_renamed_and_deactivated_once_empty(admin_client):
    response = admin_client.post("/staff/settings/service-areas/add", data={"name": "Youth justice"})
    assert response.headers["Location"] == "/staff/settings/teams"
    area = area_named("Youth justice")
    admin_client.post(f"/staff/settings/service-areas/{area.id}", data={"name": "Youth Justice Service"})
    db.session.refresh(area)
    assert area.name == "Youth Justice Service"

    team = make_team("Youth Offending Team")
    team.service_area = area
    db.session.commit()
    admin_client.post(f"/staff/settings/service-areas/{area.id}/deactivate")
    db.session.refresh(area)
    assert area.active
    assert "Move Youth Justice Service's active teams to another area, or deactivate them, first" in page_text(
        admin_client.get("/staff/settings/teams")
    )

    admin_client.post(f"/staff/settings/teams/{team.id}/deactivate")
    admin_client.post(f"/staff/settings/service-areas/{area.id}/deactivate")
    db.session.refresh(area)
    assert not area.active
    admin_client.post(f"/staff/settings/teams/{team.id}/reactivate")
    db.session.refresh(team)
    assert not team.active
    assert "Reactivate Youth Justice Service first" in page_text(admin_client.get("/staff/settings/teams"))
    response = admin_client.post(
        "/staff/settings/teams/add", data={"name": "Another team", "service_area": str(area.id)}
    )
    assert response.status_code == 200
    assert team_named("Another team") is None

    assert [event.detail["changes"] for event in settings_events("service_areas")] == [
        {"name": [None, "Youth justice"], "active": [None, True]},
        {"name": ["Youth justice", "Youth Justice Service"]},
        {"active": [True, False]},
    ]


def test_service_area_names_must_be_unique(admin_client):
    ensure_default_lists()
    response = admin_client.post("/staff/settings/service-areas/add", data={"name": "CHILDREN IN CARE"})
    assert error_summary(response) == ["There is already a service area called CHILDREN IN CARE"]
