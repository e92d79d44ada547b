"""Council details and branding: saved, audited, checked, and on the public pages at once."""

import pytest

from portal.data.database import db
from portal.data.models import URGENT_OUT_OF_HOURS_TEXT, URGENT_READ_BY_TEXT
from portal.data.queries.settings import council_settings
from tests.integration.admin.conftest import error_summary, page_text, page_title, settings_events

URL = "/staff/settings/council"


def answers(**changes) -> dict:
    values = {
        "name": "Anytown Council",
        "service_name": "Children's services feedback",
        "contact_email": "feedback@anytown.example",
        "contact_phone": "01632 960 000",
        "contact_address": "Town Hall\nAnytown\nAN1 1AA",
        "contact_hours": "Monday to Friday, 9am to 5pm",
        "website_url": "https://www.anytown.example",
        "logo_path": "",
        "brand_colour": "#0b0c0c",
        "link_colour": "#1d70b8",
        "child_consent_age": "12",
        "retention_years": "6",
        "exit_page_url": "https://www.bbc.co.uk/weather",
        "safeguarding_contact_email": "safeguarding@anytown.example",
        "urgent_read_by_text": URGENT_READ_BY_TEXT,
        "urgent_out_of_hours_text": URGENT_OUT_OF_HOURS_TEXT,
        "participation_team_email": "participation@anytown.example",
        "not_accepted_needs_approval": "no",
        "corporate_letters_need_check": "yes",
    }
    return {**values, **changes}


def test_the_form_shows_the_current_settings(admin_client):
    council_settings().name = "Borsetshire County Council"
    db.session.commit()
    html = admin_client.get(URL).get_data(as_text=True)
    assert 'value="Borsetshire County Council"' in html
    assert 'value="#1d70b8"' in html


def test_saving_changes_the_public_pages_at_once_and_is_audited(admin_client, client):
    assert "Anytown Council" in page_text(client.get("/"))
    response = admin_client.post(
        URL,
        data=answers(
            name="Borsetshire County Council",
            service_name="Tell us about children's services",
            brand_colour="#4C2C92",
            link_colour="#005ea5",
            logo_path="/assets/images/council-icon.svg",
            child_consent_age="14",
        ),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == URL
    assert "Council details saved" in page_text(admin_client.get(URL))

    start = page_text(client.get("/"))
    assert "Borsetshire County Council" in start
    assert "Tell us about children's services" in start
    assert 'src="/assets/images/council-icon.svg"' in client.get("/").get_data(as_text=True)
    css = client.get("/branding.css").get_data(as_text=True)
    assert "background: #4c2c92;" in css
    assert "solid #005ea5;" in css

    settings = council_settings()
    assert settings.child_consent_age == 14
    assert settings.logo_path == "/assets/images/council-icon.svg"
    [event] = settings_events("council_details")
    assert event.actor.email == "ada.admin@anytown.example"
    assert event.detail["changes"] == {
        "name": ["Anytown Council", "Borsetshire County Council"],
        "service_name": ["Children's services feedback", "Tell us about children's services"],
        "brand_colour": ["#0b0c0c", "#4c2c92"],
        "link_colour": ["#1d70b8", "#005ea5"],
        "logo_path": [None, "/assets/images/council-icon.svg"],
        "child_consent_age": [12, 14],
        "contact_address": [
            "Children's Services Complaints Team\nTown Hall\nAnytown\nAN1 1AA",
            "Town Hall\nAnytown\nAN1 1AA",
        ],
    }


def test_saving_the_same_values_changes_nothing_and_audits_nothing(admin_client):
    settings = council_settings()
    settings.contact_address = "Town Hall\nAnytown\nAN1 1AA"
    db.session.commit()
    admin_client.post(URL, data=answers())
    assert "Nothing was changed" in page_text(admin_client.get(URL))
    assert settings_events() == []


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "Enter the council's name"),
        ("contact_email", "not an email", "Enter an email address in the correct format, like name@example.com"),
        ("contact_phone", "call us", "Enter a phone number, like 01632 960 001"),
        ("website_url", "http://www.anytown.example", "Enter the council's website address starting with https://"),
        ("exit_page_url", "javascript:alert(1)", "Enter the exit page address starting with https://"),
        ("exit_page_url", "http://www.bbc.co.uk", "Enter the exit page address starting with https://"),
        ("logo_path", "//evil.example/logo.svg", "Enter the logo as a path on this website"),
        ("logo_path", "javascript:alert(1)", "Enter the logo as a path on this website"),
        ("logo_path", '/logo.svg" onerror="x', "Enter the logo as a path on this website"),
        ("logo_path", "http://anytown.example/logo.svg", "Enter the logo as a path on this website"),
        ("brand_colour", "red", "Enter the brand colour as # and 6 letters or numbers, like #1d70b8"),
        ("brand_colour", "#fff", "Enter the brand colour as # and 6 letters or numbers, like #1d70b8"),
        ("brand_colour", "#ffdd00", "Choose a darker brand colour: white text on #ffdd00 has a contrast ratio of"),
        ("link_colour", "#77a0d0", "Choose a darker link colour: #77a0d0 on a white page has a contrast ratio of"),
        ("child_consent_age", "4", "The age must be between 5 and 18"),
        ("child_consent_age", "19", "The age must be between 5 and 18"),
        ("child_consent_age", "twelve", "The age must be a whole number, like 5"),
        ("retention_years", "0", "The number of years must be between 1 and 100"),
        ("safeguarding_contact_email", "", "Enter the safeguarding contact email address"),
        ("participation_team_email", "team", "Enter an email address in the correct format"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(admin_client, field, value, message):
    response = admin_client.post(URL, data=answers(**{field: value}))
    assert response.status_code == 200
    [error] = error_summary(response)
    assert error.startswith(message)
    assert f'href="#{field}"' in response.get_data(as_text=True)
    assert page_title(response).startswith("Error: Council details and branding")
    assert settings_events() == []


def test_a_contrast_error_gives_the_ratio(admin_client):
    response = admin_client.post(URL, data=answers(brand_colour="#1d70b8", link_colour="#ffffff"))
    assert error_summary(response) == [
        "Choose a darker link colour: #ffffff on a white page has a contrast ratio of 1.00 to 1, and it must be at "
        "least 4.5 to 1"
    ]


def test_an_https_logo_is_accepted(admin_client):
    admin_client.post(URL, data=answers(logo_path="https://www.anytown.example/logo.png"))
    assert council_settings().logo_path == "https://www.anytown.example/logo.png"


def test_what_is_typed_is_kept_as_typed_and_escaped_on_pages(admin_client, client):
    admin_client.post(URL, data=answers(name="<b>Anytown</b> Council"))
    assert council_settings().name == "<b>Anytown</b> Council"
    html = client.get("/").get_data(as_text=True)
    assert "&lt;b&gt;Anytown&lt;/b&gt; Council" in html and "<b>Anytown</b>" not in html


def test_a_council_can_ask_for_not_accepted_letters_to_be_approved(admin_client):
    assert council_settings().not_accepted_needs_approval is False
    response = admin_client.post(URL, data=answers(not_accepted_needs_approval="yes"))
    assert response.status_code == 302
    assert council_settings().not_accepted_needs_approval is True
    [event] = settings_events("council_details")
    assert event.detail["changes"]["not_accepted_needs_approval"] == [False, True]
    assert 'value="yes" checked' in admin_client.get(URL).get_data(as_text=True)


def test_a_council_can_let_corporate_responses_go_without_a_check(admin_client):
    assert council_settings().corporate_letters_need_check is True
    response = admin_client.post(URL, data=answers(corporate_letters_need_check="no"))
    assert response.status_code == 302
    assert council_settings().corporate_letters_need_check is False
    [event] = settings_events("council_details")
    assert event.detail["changes"]["corporate_letters_need_check"] == [True, False]
