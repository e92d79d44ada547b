"""Message and letter templates: default set added when first listed, edited, previewed with sample values, audited.

The preview never raises, whatever the body: checked with random bodies through the renderer and the page.
"""

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.admin import placeholders
from portal.admin.message_defaults import PLACEHOLDERS
from portal.data.queries import admin as queries
from tests.integration.admin.conftest import error_summary, page_text, settings_events

LIST = "/staff/settings/templates"
# The ones casework sends by key with defaults of its own, responses and extensions included.
KEYS = {
    "on_hold",
    "on_hold_sms",
    "hold_ended",
    "hold_ended_sms",
    "acknowledgement",
    "not_accepted",
    "acknowledgement_sms",
    "signposted",
    "stage_1_response",
    "corporate_stage_1_response",
    "comment_response",
    "extension",
    "extension_sms",
    "stage_2_adjudication",
    "stage_3_response",
    "corporate_stage_2_acknowledgement",
    "corporate_stage_2_refusal",
    "corporate_stage_2_response",
}


def template_named(key: str):
    return next(template for template in queries.message_templates() if template.key == key)


def preview(response) -> dict[str, str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    rows = soup.select("#preview ~ .govuk-summary-list .govuk-summary-list__row")
    return {row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text().strip("\n ") for row in rows}


# The renderer --------------------------------------------------------------------------------------------------------


def test_placeholders_are_filled_in_and_unknown_ones_left_visible():
    assert placeholders.render(
        "Dear {name}, about {reference} and {nonsense}.", {"name": "Sam", "reference": "CF-1"}
    ) == ("Dear Sam, about CF-1 and {nonsense}.")


@pytest.mark.parametrize(
    "text",
    ["{0}", "{}", "{name.upper}", "{name[0]}", "{name!r}", "{name:>999999999}", "{name:{width}}", "{ name }"],
)
def test_anything_but_a_plain_placeholder_is_kept_as_typed(text):
    assert placeholders.render(text, {"name": "Sam", "width": "5"}) == text
    assert placeholders.problem(text).startswith("Placeholders must be one word in curly brackets, like {reference}:")


@pytest.mark.parametrize("text", ["Dear {name", "Dear name}", "{{name}", "{", "}", "a } b { c"])
def test_unpaired_brackets_are_a_problem_and_the_text_is_shown_unchanged(text):
    assert placeholders.problem(text).startswith("Curly brackets must come in pairs")
    assert placeholders.render(text, {"name": "Sam"}) == text


def test_doubled_brackets_are_refused_because_the_sender_reads_them_differently():
    assert placeholders.problem("Use {{reference}} to show a reference") == (
        "Curly brackets can only go around the name of a placeholder, like {reference}"
    )
    assert placeholders.render("Use {{reference}} here", {"reference": "CF-1"}) == "Use {reference} here"


def test_names_lists_each_placeholder_once_in_order():
    assert placeholders.names("{b} {a} {b} {0} {c:>3} {{d}}") == ["b", "a"]


@given(st.text(), st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), st.text(max_size=20)))
def test_rendering_never_raises(body, values):
    rendered = placeholders.render(body, values)
    assert isinstance(rendered, str)
    assert len(rendered) <= len(body) + sum(len(value) for value in values.values()) * body.count("{")
    assert placeholders.problem(body) is None or isinstance(placeholders.problem(body), str)


@given(st.text(alphabet=st.characters(blacklist_characters="{}")))
def test_text_without_brackets_is_unchanged(body):
    assert placeholders.render(body, {"name": "Sam"}) == body
    assert placeholders.problem(body) is None


@given(st.lists(st.sampled_from(sorted(PLACEHOLDERS)) | st.text(alphabet="abc ,.\n", max_size=5), max_size=12))
def test_every_known_placeholder_is_replaced(pieces):
    body = "".join(f"{{{piece}}}" if piece in PLACEHOLDERS else piece for piece in pieces)
    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    expected = "".join(f"<{piece}>" if piece in PLACEHOLDERS else piece for piece in pieces)
    assert placeholders.render(body, values) == expected


# The screens ---------------------------------------------------------------------------------------------------------


def test_the_list_adds_the_default_templates_the_first_time(admin_client):
    assert queries.message_templates() == []
    text = page_text(admin_client.get(LIST))
    assert {template.key for template in queries.message_templates()} == KEYS
    for template in queries.message_templates():
        assert template.name in text
        assert placeholders.problem(template.body) is None
        assert placeholders.problem(template.subject) is None
        assert set(placeholders.names(template.body)) <= set(PLACEHOLDERS)
    admin_client.get(LIST)
    assert len(queries.message_templates()) == len(KEYS)


def test_the_acknowledgement_lists_points_the_date_advocacy_and_asks_for_corrections(admin_client):
    admin_client.get(LIST)
    body = template_named("acknowledgement").body
    for placeholder in ("{points}", "{response_date}", "{advocacy}", "{reference}"):
        assert placeholder in body
    assert "tell us if we have got this wrong" in body


def test_the_defaults_are_casework_s_own_words(admin_client):
    from portal.casework.acknowledgement import DEFAULT_ACKNOWLEDGEMENT
    from portal.notifications.message_templates import DEFAULT_NOT_ACCEPTED

    admin_client.get(LIST)
    for default in (DEFAULT_ACKNOWLEDGEMENT, DEFAULT_NOT_ACCEPTED):
        template = template_named(default["key"])
        assert (template.name, template.subject, template.body) == (
            default["name"],
            default["subject"],
            default["body"],
        )


def test_casework_sends_the_words_an_administrator_saved(admin_client):
    from portal.casework.acknowledgement import DEFAULT_ACKNOWLEDGEMENT
    from portal.notifications.message_templates import message_from_template

    admin_client.get(LIST)
    template = template_named("acknowledgement")
    admin_client.post(
        f"{LIST}/{template.id}",
        data={
            "name": template.name,
            "subject": "About {reference}",
            "body": "Dear {name}, we have {reference}: {points}, by {response_date}. {advocacy}",
        },
    )
    values = {"name": "Sam", "reference": "CF-1", "points": "1. Late", "response_date": "Friday", "advocacy": "Ask us."}
    message = message_from_template(DEFAULT_ACKNOWLEDGEMENT, values)
    assert (message.subject, message.body) == ("About CF-1", "Dear Sam, we have CF-1: 1. Late, by Friday. Ask us.")


@given(
    st.lists(st.sampled_from(["a", " ", "\n", "{", "}", "_", "{name}", "{reference}", "{nope}", "{0}"]), max_size=20)
)
def test_a_template_that_passes_the_check_reads_the_same_in_the_preview_and_when_sent(pieces):
    from portal.notifications.message_templates import fill_placeholders

    body = "".join(pieces)
    values = {"name": "Sam", "reference": "CF-1"}
    if placeholders.problem(body) is None:
        assert placeholders.render(body, values) == fill_placeholders(body, values)


def test_a_text_message_needs_no_subject_but_an_email_does(admin_client):
    admin_client.get(LIST)
    sms = template_named("acknowledgement_sms")
    body = "Hi {name}, by {response_date}"
    response = admin_client.post(f"{LIST}/{sms.id}", data={"name": sms.name, "subject": "", "body": body})
    assert response.headers["Location"] == LIST
    email = template_named("signposted")
    response = admin_client.post(f"{LIST}/{email.id}", data={"name": email.name, "subject": "", "body": body})
    assert error_summary(response) == ["Enter the subject"]


def test_a_kept_template_is_not_replaced_by_the_default(admin_client):
    admin_client.get(LIST)
    template = template_named("signposted")
    admin_client.post(f"{LIST}/{template.id}", data={"name": "Outcome", "subject": "Our answer", "body": "Dear {name}"})
    admin_client.get(LIST)
    assert template_named("signposted").body == "Dear {name}"


def test_the_edit_page_previews_the_saved_words_with_sample_values(admin_client):
    admin_client.get(LIST)
    template = template_named("acknowledgement")
    shown = preview(admin_client.get(f"{LIST}/{template.id}"))
    assert shown["Subject"] == "Your complaint CF-7K4-M2Q-XHP: what happens next"
    assert "1. Family time was cancelled three times with no notice." in shown["Message"]
    assert "feedback@anytown.example" in shown["Message"]
    assert "{" not in shown["Message"]


def test_previewing_shows_what_is_typed_without_saving_it(admin_client):
    admin_client.get(LIST)
    template = template_named("signposted")
    response = admin_client.post(
        f"{LIST}/{template.id}",
        data={
            "name": "Outcome",
            "subject": "Case {reference}",
            "body": "Hello {manager_name}, see {refrence}.",
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert preview(response) == {"Subject": "Case CF-7K4-M2Q-XHP", "Message": "Hello Alex Morgan, see {refrence}."}
    assert "These placeholders are not ones we know, so they will be sent as typed: {refrence}" in page_text(response)
    assert template_named("signposted").body != "Hello {manager_name}, see {refrence}."
    assert settings_events() == []


def test_saving_a_template_is_audited_with_before_and_after(admin_client):
    admin_client.get(LIST)
    template = template_named("not_accepted")
    before = template.body
    after = "Dear {name}\n\nWe cannot accept it: {reason}\n\nYou can ask {ombudsman} to look at it."
    response = admin_client.post(
        f"{LIST}/{template.id}", data={"name": template.name, "subject": template.subject, "body": after}
    )
    assert response.headers["Location"] == LIST
    assert template_named("not_accepted").body == after
    [event] = settings_events("message_templates")
    assert event.detail == {"area": "message_templates", "item": "not_accepted", "changes": {"body": [before, after]}}


@pytest.mark.parametrize(
    ("key", "body", "missing"),
    [
        ("not_accepted", "Dear {name}, we cannot accept it: {reason}.", ["ombudsman"]),
        ("not_accepted", "Dear {name}, you can go to {ombudsman}.", ["reason"]),
        ("acknowledgement", "Dear {name}, we will reply by {response_date}. {advocacy}", ["points"]),
        ("acknowledgement", "Dear {name}: {points}. {advocacy}", ["response_date"]),
        ("acknowledgement", "Dear {name}: {points} by {response_date}.", ["advocacy"]),
        ("acknowledgement", "Dear {name}.", ["points", "response_date", "advocacy"]),
        ("acknowledgement_sms", "We have your complaint {reference}.", ["response_date"]),
        ("stage_1_response", "Dear {name}: {findings}. Ask us for Stage 2.", ["escalate_by"]),
        ("corporate_stage_1_response", "Dear {name}, ask by {escalate_by}.", ["findings"]),
        ("extension", "Dear {name}, we need until {new_date}.", ["extension_reason"]),
        ("comment_response", "Dear {name}, thank you.", ["answer"]),
    ],
)
def test_a_template_cannot_be_saved_without_the_wording_the_law_needs(admin_client, key, body, missing):
    admin_client.get(LIST)
    template = template_named(key)
    before = template.body
    response = admin_client.post(
        f"{LIST}/{template.id}", data={"name": template.name, "subject": template.subject or "", "body": body}
    )
    assert response.status_code == 200
    [error] = error_summary(response)
    assert re.findall(r"Keep \{(\w+)\}", error) == missing
    assert template_named(key).body == before
    assert settings_events("message_templates") == []


def test_the_page_says_up_front_what_a_template_must_keep(admin_client):
    admin_client.get(LIST)
    text = page_text(admin_client.get(f"{LIST}/{template_named('not_accepted').id}"))
    assert "This message must keep:" in text
    assert "{ombudsman}" in text
    assert "the person must be told they can go to the Local Government and Social Care Ombudsman" in text


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("body", "Dear {name", "Message: Curly brackets must come in pairs around the name of a placeholder"),
        ("body", "Dear {0}", "Message: Placeholders must be one word in curly brackets, like {reference}: {0} is not"),
        ("body", "Dear {{name}}", "Message: Curly brackets can only go around the name of a placeholder"),
        ("subject", "Case {reference", "Subject: Curly brackets must come in pairs"),
        ("body", "", "Enter the message"),
        ("name", "", "Enter the name of the template"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(admin_client, field, value, message):
    admin_client.get(LIST)
    template = template_named("signposted")
    data = {"name": template.name, "subject": template.subject, "body": template.body, field: value}
    response = admin_client.post(f"{LIST}/{template.id}", data=data)
    assert response.status_code == 200
    [error] = error_summary(response)
    assert error.startswith(message)
    assert settings_events() == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=200), subject=st.text(max_size=50))
def test_the_preview_page_never_fails_whatever_is_typed(admin_client, body, subject):
    admin_client.get(LIST)
    template = template_named("signposted")
    response = admin_client.post(
        f"{LIST}/{template.id}", data={"name": "Outcome", "subject": subject, "body": body, "preview": "1"}
    )
    assert response.status_code == 200
