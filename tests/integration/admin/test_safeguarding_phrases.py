"""Safeguarding phrases: one a line, tidied, checked, audited and used for the next message at once."""

import pytest

from portal.admin.forms import normalised_phrases
from portal.data.queries.settings import council_settings
from portal.domain.safeguarding import DEFAULT_PHRASES as DEFAULT_SAFEGUARDING_PHRASES
from portal.domain.safeguarding import matching_phrases
from tests.integration.admin.conftest import error_summary, page_text, settings_events

URL = "/staff/settings/safeguarding-phrases"


def test_the_form_shows_one_phrase_a_line(admin_client):
    response = admin_client.get(URL)
    assert "\n".join(DEFAULT_SAFEGUARDING_PHRASES) in response.get_data(as_text=True)
    assert f"There are {len(DEFAULT_SAFEGUARDING_PHRASES)} phrases now" in page_text(response)


def test_phrases_are_trimmed_lowered_and_repeats_and_blanks_dropped(admin_client):
    response = admin_client.post(URL, data={"phrases": "  Hurt ME \n\nscared   to go home\nhurt me\n  \nRun Away"})
    assert response.headers["Location"] == URL
    assert council_settings().safeguarding_phrases == ["hurt me", "scared to go home", "run away"]
    [event] = settings_events("safeguarding_phrases")
    assert event.detail["changes"]["safeguarding_phrases"] == [
        list(DEFAULT_SAFEGUARDING_PHRASES),
        ["hurt me", "scared to go home", "run away"],
    ]
    assert event.detail["changes"]["added"] == [None, []]
    assert "kill myself" in event.detail["changes"]["removed"][0]
    assert "Safeguarding phrases saved" in page_text(admin_client.get(URL))


def test_a_new_phrase_flags_the_next_message_at_once(admin_client):
    text = "Nobody listens when I say my foster carer shouts at night"
    assert matching_phrases([text], council_settings().safeguarding_phrases) == []
    phrases = "\n".join([*DEFAULT_SAFEGUARDING_PHRASES, "Shouts at night"])
    admin_client.post(URL, data={"phrases": phrases})
    assert matching_phrases([text], council_settings().safeguarding_phrases)
    [event] = settings_events("safeguarding_phrases")
    assert event.detail["changes"]["added"] == [None, ["shouts at night"]]
    assert event.detail["changes"]["removed"] == [[], None]


@pytest.mark.parametrize(
    "phrases, message",
    [
        ("", "Enter at least one phrase"),
        ("\n  \n", "Enter at least one phrase"),
        ("hurt me\nx", "Each phrase must be at least 2 characters: “x” is not"),
        ("hurt me\n--!", "Each phrase needs a letter or a number: “--!” has none, so it could never match"),
        ("a" * 101, "Each phrase must be 100 characters or fewer: “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is longer"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(admin_client, phrases, message):
    response = admin_client.post(URL, data={"phrases": phrases})
    assert error_summary(response) == [message]
    assert council_settings().safeguarding_phrases == list(DEFAULT_SAFEGUARDING_PHRASES)
    assert settings_events() == []


def test_saving_the_same_list_audits_nothing(admin_client):
    admin_client.post(URL, data={"phrases": "\n".join(DEFAULT_SAFEGUARDING_PHRASES).upper()})
    assert settings_events() == []


def test_normalising_keeps_the_order_of_first_appearance():
    assert normalised_phrases("B\na\r\nb\n A ") == ["b", "a"]
