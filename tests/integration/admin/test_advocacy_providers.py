"""Advocacy providers, and which one gets children's requests for an advocate."""

from bs4 import BeautifulSoup

from portal.data.database import db
from portal.data.models import AdvocacyProvider
from portal.data.queries.settings import council_settings
from tests.integration.admin.conftest import error_summary, page_text, settings_events

LIST = "/staff/settings/advocacy-providers"


def provider(name: str) -> AdvocacyProvider | None:
    return db.session.scalar(db.select(AdvocacyProvider).where(AdvocacyProvider.name == name))


def add(client, name: str, email: str = "", phone: str = "", for_children: str = "yes"):
    return client.post(f"{LIST}/add", data={"name": name, "email": email, "phone": phone, "for_children": for_children})


def test_adding_a_provider_lists_it_and_is_audited(admin_client):
    response = add(admin_client, "Speak Up Anytown", "speakup@example.com", "01632 960 123")
    assert response.headers["Location"] == LIST
    added = provider("Speak Up Anytown")
    assert (added.email, added.phone, added.for_children, added.active) == (
        "speakup@example.com",
        "01632 960 123",
        True,
        True,
    )
    soup = BeautifulSoup(admin_client.get(LIST).get_data(as_text=True), "html.parser")
    assert [cell.get_text(" ", strip=True) for cell in soup.select("tbody tr")[0].select("th, td")][:5] == [
        "Speak Up Anytown",
        "speakup@example.com",
        "01632 960 123",
        "Yes",
        "Active",
    ]
    [event] = settings_events("advocacy_providers")
    assert event.detail["changes"] == {
        "name": [None, "Speak Up Anytown"],
        "email": [None, "speakup@example.com"],
        "phone": [None, "01632 960 123"],
        "for_children": [None, True],
        "active": [None, True],
    }


def test_the_form_checks_what_is_typed(admin_client):
    response = add(admin_client, "", "not an email", "call me", "")
    assert error_summary(response) == [
        "Enter the provider's name",
        "Enter an email address in the correct format, like name@example.com",
        "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192",
        "Select yes if the provider supports children and young people",
    ]
    add(admin_client, "Speak Up Anytown")
    assert error_summary(add(admin_client, "speak up anytown")) == [
        "There is already a provider called speak up anytown"
    ]


def test_changing_deactivating_and_reactivating_a_provider(admin_client):
    add(admin_client, "Voices", "voices@example.com", for_children="no")
    voices = provider("Voices")
    admin_client.post(
        f"{LIST}/{voices.id}", data={"name": "Voices Advocacy", "email": "", "phone": "", "for_children": "no"}
    )
    db.session.refresh(voices)
    assert (voices.name, voices.email) == ("Voices Advocacy", None)
    admin_client.post(f"{LIST}/{voices.id}/deactivate")
    db.session.refresh(voices)
    assert not voices.active
    admin_client.post(f"{LIST}/{voices.id}/reactivate")
    db.session.refresh(voices)
    assert voices.active
    assert [event.detail["changes"] for event in settings_events("advocacy_providers")][1:] == [
        {"name": ["Voices", "Voices Advocacy"], "email": ["voices@example.com", None]},
        {"active": [True, False]},
        {"active": [False, True]},
    ]


def test_choosing_who_gets_childrens_requests_changes_the_council_settings(admin_client):
    add(admin_client, "Speak Up Anytown", "speakup@example.com")
    add(admin_client, "Adults Only", "adults@example.com", for_children="no")
    add(admin_client, "No Email")
    soup = BeautifulSoup(admin_client.get(LIST).get_data(as_text=True), "html.parser")
    offered = [label.get_text(strip=True) for label in soup.select("input[name=provider] + label")]
    assert offered == ["Speak Up Anytown (speakup@example.com)"]

    chosen = provider("Speak Up Anytown")
    response = admin_client.post(f"{LIST}/children", data={"provider": str(chosen.id)})
    assert response.headers["Location"] == LIST
    settings = council_settings()
    assert (settings.advocacy_provider_name, settings.advocacy_provider_email) == (
        "Speak Up Anytown",
        "speakup@example.com",
    )
    [event] = settings_events("children_advocacy")
    assert event.detail["changes"] == {
        "advocacy_provider_name": ["Anytown Advocacy Service", "Speak Up Anytown"],
        "advocacy_provider_email": ["advocacy@anytown.example", "speakup@example.com"],
    }
    assert "we email the request to Speak Up Anytown (speakup@example.com)" in page_text(admin_client.get(LIST))

    not_for_children = provider("Adults Only")
    response = admin_client.post(f"{LIST}/children", data={"provider": str(not_for_children.id)})
    assert error_summary(response) == ["Not a valid choice."]
    assert error_summary(admin_client.post(f"{LIST}/children", data={})) == [
        "Select the provider that gets children's requests"
    ]


def test_the_provider_for_childrens_requests_stays_usable(admin_client):
    add(admin_client, "Speak Up Anytown", "speakup@example.com")
    chosen = provider("Speak Up Anytown")
    admin_client.post(f"{LIST}/children", data={"provider": str(chosen.id)})

    admin_client.post(f"{LIST}/{chosen.id}/deactivate")
    db.session.refresh(chosen)
    assert chosen.active
    assert "Speak Up Anytown gets children's requests for an advocate: choose another provider" in page_text(
        admin_client.get(LIST)
    )
    response = admin_client.post(
        f"{LIST}/{chosen.id}", data={"name": "Speak Up Anytown", "email": "", "phone": "", "for_children": "yes"}
    )
    assert error_summary(response)[0].startswith("Speak Up Anytown gets children's requests for an advocate")

    admin_client.post(
        f"{LIST}/{chosen.id}",
        data={"name": "Speak Up", "email": "hello@speakup.example", "phone": "", "for_children": "yes"},
    )
    settings = council_settings()
    assert (settings.advocacy_provider_name, settings.advocacy_provider_email) == ("Speak Up", "hello@speakup.example")
