"""The timescale policy screen: new values take effect for the next deadline with no restart, and are audited."""

from datetime import date

from bs4 import BeautifulSoup

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import CaseState, Procedure
from portal.domain.workflow import deadline_for
from tests.integration.admin.conftest import error_summary, page_text, page_title, settings_events

URL = "/staff/settings/timescales"
# A Monday with no bank holidays for the next few weeks.
RECEIVED = date(2027, 3, 1)


def current_values() -> dict[str, str]:
    """The whole form as a browser would post it: every setting with its value now."""
    values = {}
    for setting in timescale_policy().settings():
        if setting.fixed:
            continue
        name = f"{setting.section}-{setting.name}"
        values[name] = ("yes" if setting.value else "no") if setting.unit is None else str(setting.value)
    return values


def stage_1_due() -> date:
    return deadline_for(Procedure.STATUTORY, CaseState.STAGE_1, RECEIVED, timescale_policy(), council_calendar())


def test_the_form_has_every_setting_of_the_policy_with_its_label_and_default(admin_client):
    soup = BeautifulSoup(admin_client.get(URL).get_data(as_text=True), "html.parser")
    for setting in TimescalePolicy.default().settings():
        name = f"{setting.section}-{setting.name}"
        assert bool(soup.select(f"[name='{name}']")) is not setting.fixed, name
        assert setting.label in soup.get_text()
    stage_1 = soup.select_one("#statutory-stage_1")
    assert stage_1["value"] == "10"
    hint = soup.select_one("#statutory-stage_1-hint").get_text()
    assert "The 2006 Regulations allow at most 10 working days. The default is 10 working days." in hint
    assert "Changed from the default" not in soup.get_text()


def test_changing_statutory_stage_1_changes_the_next_deadline_at_once_and_is_audited(admin_client):
    assert stage_1_due() == date(2027, 3, 15)  # 10 working days after Monday 1 March

    response = admin_client.post(URL, data={**current_values(), "statutory-stage_1": "8"})
    assert response.status_code == 302

    assert stage_1_due() == date(2027, 3, 11)  # 8 working days: a council may be quicker than the Regulations
    assert council_settings().timescale_overrides == {"statutory": {"stage_1": 8}}
    [event] = settings_events("timescales")
    assert event.actor.email == "ada.admin@anytown.example"
    assert event.detail["changes"] == {"statutory.stage_1": [10, 8]}
    assert "Timescales saved" in page_text(admin_client.get(URL))


def test_a_new_case_in_another_request_gets_the_new_deadline(admin_client, app):
    admin_client.post(URL, data={**current_values(), "statutory-stage_1": "8"})
    with app.app_context():  # a fresh request's view of the world: nothing kept from before the change
        assert stage_1_due() == date(2027, 3, 11)


def test_only_values_that_differ_from_the_defaults_are_stored(admin_client):
    council_settings().timescale_overrides = {"corporate": {"stage_1": 7}}
    db.session.commit()
    admin_client.post(URL, data={**current_values(), "corporate-stage_1": "10", "comment-response": "8"})
    assert council_settings().timescale_overrides == {"comment": {"response": 8}}
    [event] = settings_events("timescales")
    assert event.detail["changes"] == {"corporate.stage_1": [7, 10], "comment.response": [10, 8]}


def test_yes_no_settings_are_saved(admin_client):
    admin_client.post(URL, data={**current_values(), "corporate-stage_1_handler_may_handle_stage_2": "yes"})
    assert timescale_policy().corporate.stage_1_handler_may_handle_stage_2 is True
    assert council_settings().timescale_overrides == {"corporate": {"stage_1_handler_may_handle_stage_2": True}}


def test_saving_the_same_values_audits_nothing(admin_client):
    admin_client.post(URL, data=current_values())
    assert settings_events() == []
    assert council_settings().timescale_overrides in ({}, None)


def test_the_domain_rules_are_shown_as_errors_and_nothing_is_saved(admin_client):
    response = admin_client.post(
        URL,
        data={
            **current_values(),
            "statutory-stage_1": "0",
            "statutory-stage_2": "20",
            "statutory-stage_2_extended": "19",
            "corporate-stage_2": "261",
        },
    )
    assert response.status_code == 200
    assert page_title(response).startswith("Error: Timescales")
    assert error_summary(response) == [
        "Statutory – Stage 1 response: must be between 1 and 260 working days, not 0",
        "Statutory – Stage 2 investigation: the extended timescale (19 working days) cannot be shorter than the "
        "usual one (20 working days)",
        "Corporate – Stage 2 response: must be between 1 and 260 working days, not 261",
    ]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one("#statutory-stage_1-error")
    assert soup.select_one("#statutory-stage_2_extended-error")
    assert soup.select_one("#corporate-stage_2-error")
    assert soup.select_one("#statutory-stage_1")["value"] == "0"
    assert council_settings().timescale_overrides in ({}, None)
    assert settings_events() == []


def test_a_value_that_is_not_a_whole_number_is_explained(admin_client):
    response = admin_client.post(
        URL, data={**current_values(), "statutory-acknowledge": "three", "comment-response": ""}
    )
    assert error_summary(response) == [
        "Statutory – Acknowledge the complaint must be a whole number of working days, like 3",
        "Comments – Enter the working days for “Response to the comment”",
    ]


def test_changed_values_are_listed_and_can_be_reset_to_their_default(admin_client):
    council_settings().timescale_overrides = {"statutory": {"stage_1": 8, "acknowledge": 2}}
    db.session.commit()
    listed = page_text(admin_client.get(URL))
    assert "Changed from the default" in listed
    assert "8 working days (the default is 10 working days)" in listed

    response = admin_client.post(f"{URL}/statutory/stage_1/reset")
    assert response.headers["Location"] == URL
    assert council_settings().timescale_overrides == {"statutory": {"acknowledge": 2}}
    assert stage_1_due() == date(2027, 3, 15)
    [event] = settings_events("timescales")
    assert event.detail["changes"] == {"statutory.stage_1": [8, 10]}
    assert "“Stage 1 response” is back to its default" in page_text(admin_client.get(URL))


def test_a_reset_that_would_break_the_policy_is_refused(admin_client):
    council_settings().timescale_overrides = {"statutory": {"stage_1": 5, "stage_1_extended": 5}}
    db.session.commit()
    admin_client.post(f"{URL}/statutory/stage_1/reset")
    assert council_settings().timescale_overrides == {"statutory": {"stage_1": 5, "stage_1_extended": 5}}
    assert "the extended timescale (5 working days) cannot be shorter" in page_text(admin_client.get(URL))
    assert settings_events() == []


# The law's limits --------------------------------------------------------------------------------------------------


def test_a_statutory_stage_1_longer_than_the_regulations_allow_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(
        URL, data={**current_values(), "statutory-stage_1": "21", "statutory-stage_1_extended": "21"}
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        "Statutory – Stage 1 response: the 2006 Regulations allow at most 10 working days, not 21. A council may be "
        "quicker, never slower",
        "Statutory – Stage 1 response when extended: the 2006 Regulations allow at most 20 working days, not 21. A "
        "council may be quicker, never slower",
    ]
    assert council_settings().timescale_overrides in ({}, None)
    assert stage_1_due() == date(2027, 3, 15)
    assert settings_events() == []


def test_a_corporate_timescale_beyond_the_complaint_handling_code_is_refused(admin_client):
    response = admin_client.post(URL, data={**current_values(), "corporate-acknowledge": "6"})
    assert error_summary(response) == [
        "Corporate – Acknowledge the complaint: the Complaint Handling Code allows at most 5 working days, not 6. A "
        "council may be quicker, never slower"
    ]


def test_the_page_says_the_limits_and_the_closure_day_rule_up_front(admin_client):
    soup = BeautifulSoup(admin_client.get(URL).get_data(as_text=True), "html.parser")
    intro = " ".join(paragraph.get_text(" ", strip=True) for paragraph in soup.select("main p")[:3])
    assert "regulation 2 of the 2006 Regulations counts them as working days" in intro
    assert "cannot be longer than the 2006 Regulations allow" in intro
    fixed = soup.select_one("#statutory-skip_closure_days").get_text(" ", strip=True)
    assert "No ." in fixed or "No." in fixed
    assert "never move a statutory deadline" in fixed
    assert not soup.select("[name='statutory-skip_closure_days']")
    corporate = soup.select_one("#corporate-skip_closure_days-hint").get_text()
    assert "The default is yes." in corporate


def test_a_council_may_count_closure_days_as_working_days_for_its_corporate_clock(admin_client):
    response = admin_client.post(URL, data={**current_values(), "corporate-skip_closure_days": "no"})
    assert response.status_code == 302
    assert council_settings().timescale_overrides == {"corporate": {"skip_closure_days": False}}
    [event] = settings_events("timescales")
    assert event.detail["changes"] == {"corporate.skip_closure_days": [True, False]}


def test_a_forged_statutory_closure_day_setting_is_ignored(admin_client):
    admin_client.post(URL, data={**current_values(), "statutory-skip_closure_days": "yes"})
    assert timescale_policy().statutory.skip_closure_days is False
