"""The compliments register: recorded however it came, shared with the team managers and the staff named through the
outbox, anonymised from the system's suggestion, approved by a manager and published only with the giver's agreement."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask import g
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AuditEvent, Team
from portal.data.participation_models import Compliment, ComplimentStaff
from portal.data.queries.compliments import compliment_counts
from portal.domain.compliments import ComplimentSource
from portal.domain.types import Channel, StaffRole
from tests.integration.auth.staff import make_staff, make_team, signed_in_as

REGISTER = "/staff/compliments"
SOCIAL_WORKER = "Lee Brightwater"
CHILD = "Kit Farrowby"
TEXT = (
    f"{SOCIAL_WORKER} has been amazing. Lee always listened to {CHILD} and never gave up. "
    "Kit says Lee is the best social worker she has had."
)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def errors(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-error-summary__list li")]


def record_post(team: Team | None = None, **overrides) -> dict:
    today = uk_today()
    return {
        "received_on": [str(today.day), str(today.month), str(today.year)],
        "channel": "email",
        "source": "foster_carer",
        "internal": "external",
        "teams": [str(team.id)] if team else [],
        "giver_name": "Alex Penrose",
        "text": TEXT,
        "staff_name": SOCIAL_WORKER,
        "staff_job_title": "Social worker",
        "staff_email": "lee.brightwater@anytown.example",
        "children_named": CHILD,
        "may_share": "yes",
        "may_publish": "yes",
        **overrides,
    }


@pytest.fixture
def team(app_context):
    team = make_team("Children in Care")
    make_staff("jamie.manager@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Thistlewood")
    return team


def test_a_compliment_naming_a_social_worker_and_a_child_is_shared_anonymised_approved_and_published(
    client, team, app_sends_by_smtp
):
    officer = make_staff()
    manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Ellery")
    signed_in_as(client, officer)
    recorded = client.post(f"{REGISTER}/new", data=record_post(team))
    assert recorded.status_code == 302
    compliment = db.session.scalar(select(Compliment))
    url = recorded.headers["Location"]
    assert url == f"{REGISTER}/{compliment.id}"
    assert [member.name for member in compliment.staff_named] == [SOCIAL_WORKER]
    assert (compliment.source, compliment.internal, compliment.channel) == (
        ComplimentSource.FOSTER_CARER,
        False,
        Channel.EMAIL,
    )

    # Shared: one email each to the team manager and the social worker, through the outbox and the SMTP sink.
    page = client.get(url).get_data(as_text=True)
    assert "jamie.manager@anytown.example" in page and "lee.brightwater@anytown.example" in page
    assert client.post(f"{url}/share").status_code == 302
    assert sorted(email["To"] for email in app_sends_by_smtp.messages) == [
        "jamie.manager@anytown.example",
        "lee.brightwater@anytown.example",
    ]
    assert all(TEXT in email.get_content() for email in app_sends_by_smtp.messages)
    assert app_sends_by_smtp.messages[0]["Subject"] == "A compliment for Children in Care"

    # Anonymised: the suggestion replaces the social worker's and the child's names.
    form = soup(client.get(f"{url}/anonymise"))
    suggested = form.select_one("textarea[name=anonymised_text]").get_text()
    assert suggested == (
        "SW has been amazing. SW always listened to YP and never gave up. "
        "YP says SW is the best social worker she has had."
    )
    assert SOCIAL_WORKER not in suggested and "Kit" not in suggested
    assert client.post(f"{url}/anonymise", data={"anonymised_text": suggested}).status_code == 302

    # Approved by a manager (an officer may not), then published.
    assert client.post(f"{url}/approve").status_code == 403
    signed_in_as(client, manager)
    g.pop("_login_user", None)  # the test's app context outlives each request, and Flask-Login caches the user on g
    assert client.post(f"{url}/approve").status_code == 302
    assert client.post(f"{url}/publish").status_code == 302
    db.session.refresh(compliment)
    assert compliment.approved_by_id == manager.id and compliment.published_at is not None

    public = client.get("/compliments")
    assert public.status_code == 200
    # The words people read: a random token in the markup could spell "Lee" or "Kit".
    text = soup(public).get_text()
    assert suggested in text
    for name in (SOCIAL_WORKER, "Lee", "Kit", "Farrowby", "Alex Penrose", "lee.brightwater"):
        assert name not in text
    actions = list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id.is_not(None)).order_by(AuditEvent.id))
    )
    for action in ("compliment_recorded", "compliment_shared", "compliment_anonymised", "compliment_approved"):
        assert action in actions


def make_compliment(**fields) -> Compliment:
    values = {
        "received_on": date(2027, 5, 3),
        "source": ComplimentSource.PARENT,
        "channel": Channel.EMAIL,
        "text": TEXT,
        "children_named": CHILD,
        "may_share": True,
        "may_publish": True,
        **fields,
    }
    compliment = Compliment(**values)
    compliment.staff_named.append(ComplimentStaff(name=SOCIAL_WORKER))
    db.session.add(compliment)
    db.session.commit()
    return compliment


@pytest.fixture
def manager_client(client, app_context):
    return signed_in_as(client, make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER))


def test_a_version_that_still_names_someone_cannot_be_approved(manager_client):
    compliment = make_compliment(anonymised_text="SW was kind to Kit.")
    response = manager_client.post(f"{REGISTER}/{compliment.id}/approve", follow_redirects=True)
    assert "still names Kit" in response.get_data(as_text=True)
    db.session.refresh(compliment)
    assert compliment.approved_at is None
    assert "It still names Kit" in manager_client.get(f"{REGISTER}/{compliment.id}").get_data(as_text=True)


def test_nothing_is_published_without_the_givers_agreement_or_an_approved_version(manager_client):
    not_agreed = make_compliment(anonymised_text="SW was kind.", may_publish=None)
    manager_client.post(f"{REGISTER}/{not_agreed.id}/approve")
    refused = manager_client.post(f"{REGISTER}/{not_agreed.id}/publish", follow_redirects=True)
    assert "has not agreed to it being published" in refused.get_data(as_text=True)
    unapproved = make_compliment(anonymised_text="SW was kind.")
    manager_client.post(f"{REGISTER}/{unapproved.id}/publish")
    db.session.refresh(not_agreed)
    db.session.refresh(unapproved)
    assert not_agreed.published_at is None and unapproved.published_at is None
    assert "SW was kind." not in manager_client.get("/compliments").get_data(as_text=True)


def test_changing_the_version_or_withdrawing_agreement_takes_it_down(manager_client):
    compliment = make_compliment(anonymised_text="SW was kind.")
    manager_client.post(f"{REGISTER}/{compliment.id}/approve")
    manager_client.post(f"{REGISTER}/{compliment.id}/publish")
    manager_client.post(f"{REGISTER}/{compliment.id}/anonymise", data={"anonymised_text": "SW was very kind."})
    db.session.refresh(compliment)
    assert (compliment.approved_at, compliment.published_at) == (None, None)
    manager_client.post(f"{REGISTER}/{compliment.id}/approve")
    manager_client.post(f"{REGISTER}/{compliment.id}/publish")
    assert "SW was very kind." in manager_client.get("/compliments").get_data(as_text=True)
    manager_client.post(f"{REGISTER}/{compliment.id}/consent", data={"may_share": "yes", "may_publish": "no"})
    db.session.refresh(compliment)
    assert (compliment.may_publish, compliment.published_at) == (False, None)
    assert "SW was very kind." not in manager_client.get("/compliments").get_data(as_text=True)


def test_a_compliment_the_giver_asked_us_not_to_share_is_not_emailed(manager_client, team, app_sends_by_smtp):
    compliment = make_compliment(may_share=False)
    compliment.teams.append(team)
    db.session.commit()
    response = manager_client.post(f"{REGISTER}/{compliment.id}/share", follow_redirects=True)
    assert "asked us not to share it" in response.get_data(as_text=True)
    assert app_sends_by_smtp.messages == []


def test_sharing_needs_someone_to_send_it_to(manager_client):
    compliment = make_compliment()
    response = manager_client.post(f"{REGISTER}/{compliment.id}/share", follow_redirects=True)
    assert "There is no one to send it to" in response.get_data(as_text=True)


def test_more_staff_can_be_added_and_are_then_found_when_anonymising(manager_client):
    compliment = make_compliment(text="Thank you Jo and Lee.")
    missing = manager_client.post(f"{REGISTER}/{compliment.id}/staff", data={"email": "jo@anytown.example"})
    assert missing.status_code == 400 and errors(missing) == ["Enter the name of the member of staff"]
    manager_client.post(f"{REGISTER}/{compliment.id}/staff", data={"name": "Jo Marchbank"})
    form = soup(manager_client.get(f"{REGISTER}/{compliment.id}/anonymise"))
    assert form.select_one("textarea").get_text() == "Thank you SW and SW."


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "Enter the compliment"),
        ({"source": ""}, "Select who gave it"),
        ({"received_on": ["", "", ""]}, "Enter the date it was received"),
        ({"staff_name": "", "staff_email": "lee@anytown.example"}, "Enter the name of the member of staff"),
        ({"staff_email": "not an email"}, "Enter an email address in the correct format, like name@example.com"),
        ({"teams": ["999"]}, "'999' is not a valid choice for this field."),
    ],
)
def test_recording_checks_every_field_and_keeps_what_was_typed(manager_client, overrides, message):
    response = manager_client.post(f"{REGISTER}/new", data=record_post(**overrides))
    assert response.status_code == 200
    assert message in errors(response)
    assert db.session.scalar(select(Compliment)) is None
    if overrides.get("text") != "":
        assert TEXT in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [StaffRole.PARTICIPATION_OFFICER, StaffRole.RESPONDING_MANAGER])
def test_only_the_complaints_team_keeps_the_register(client, role):
    compliment = make_compliment()
    signed_in_as(client, make_staff(role=role))
    assert client.get(REGISTER).status_code == 403
    assert client.get(f"{REGISTER}/{compliment.id}").status_code == 403


def test_counts_by_team_source_and_month(app_context):
    care, fostering = make_team("Children in Care"), make_team("Fostering")
    make_compliment(received_on=date(2027, 4, 3), teams=[care, fostering])
    make_compliment(received_on=date(2027, 4, 20), teams=[care], source=ComplimentSource.COURT)
    make_compliment(received_on=date(2027, 6, 1), internal=True, source=ComplimentSource.COLLEAGUE)
    make_compliment(received_on=date(2028, 4, 1))
    counts = compliment_counts(date(2027, 4, 1), date(2028, 3, 31))
    assert (counts.total, counts.internal, counts.external) == (3, 1, 2)
    assert counts.by_team == [("Children in Care", 2), ("Fostering", 1), ("No team given", 1)]
    assert counts.by_source == [
        (ComplimentSource.PARENT, 1),
        (ComplimentSource.COURT, 1),
        (ComplimentSource.COLLEAGUE, 1),
    ]
    assert counts.by_month[:3] == [(date(2027, 4, 1), 2), (date(2027, 5, 1), 0), (date(2027, 6, 1), 1)]
    assert len(counts.by_month) == 12


@pytest.mark.parametrize("role", [StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER, StaffRole.COMPLAINTS_MANAGER])
def test_the_counts_page_shows_no_personal_details(client, role):
    make_compliment(received_on=uk_today())
    signed_in_as(client, make_staff(role=role))
    page = soup(client.get(f"{REGISTER}/counts")).get_text()
    assert "Parent or family member" in page
    assert "Lee" not in page and "Kit" not in page
