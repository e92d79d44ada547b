"""Staff correct what was submitted, each change audited with the old value; the case summary leads with the current
step, its due date and working days left and the next-step links, and shows support needs; the safe-contact warning
shows wherever a message is sent, and no page offers a letter that is not safe."""

from datetime import date

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.clock import uk_today
from portal.common.working_calendar import non_working_days_for
from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, ComplaintPoint, OutboxMessage, Person, StageRecord
from portal.domain.calendar import add_working_days, working_days_between
from portal.domain.types import CaseState, Procedure, StaffRole, SubmitterRole
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case
from tests.integration.switching import sign_in_as


def page(client, path: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")


def parent_case(**fields):
    person = Person(
        role=SubmitterRole.PARENT,
        name="Sam Fairweather",
        email="sam@example.com",
        phone="07700 900 982",
        contact_methods=["email", "text"],
        support_needs={"needs": ["interpreter", "large_print"], "interpreter_language": "Polish", "other": None},
    )
    case = make_case(submitter=person, received_on=uk_today(), **fields)
    case.children.append(CaseChild(name="Riley", age=9))
    db.session.commit()
    return case


def corrections(case, **changes) -> dict:
    values = {
        "submitter_role": "parent",
        "made_by_child": "no",
        "full_name": "Sam Fairweather",
        "email": "sam@example.com",
        "phone": "07700 900 982",
        "contact_methods": ["email", "text"],
        "letters_ok": "not_asked",
        "voicemail_ok": "not_asked",
        "about_child": "yes",
        "on_behalf_of_child": "no",
        "child_name": "Riley",
        "child_age": "9",
        "support_needs": ["interpreter", "large_print"],
        "interpreter_language": "Polish",
        **changes,
    }
    return {name: value for name, value in values.items() if value is not None}


def test_a_correction_is_saved_and_audited_with_the_old_value(client):
    case = parent_case()
    sign_in_as(client, make_staff())
    url = f"/staff/cases/{case.reference}/corrections"
    form = page(client, url)
    assert form.select_one("#full_name")["value"] == "Sam Fairweather"
    response = client.post(
        url,
        data=corrections(
            case,
            full_name="Sam Fairweather-Jones",
            email="sam.fj@example.com",
            letters_ok="no",
            child_name="Riley Fairweather",
            support_needs=["interpreter"],
            reason="They phoned on Monday with their new email address.",
        ),
    )
    assert response.headers["Location"] == f"/staff/cases/{case.reference}"
    db.session.refresh(case)
    assert (case.submitter.name, case.submitter.email, case.submitter.letters_ok) == (
        "Sam Fairweather-Jones",
        "sam.fj@example.com",
        False,
    )
    assert case.children[0].name == "Riley Fairweather"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "details_corrected").order_by(AuditEvent.id)
    )
    assert event.detail["changes"] == {
        "full_name": ["Sam Fairweather", "Sam Fairweather-Jones"],
        "email": ["sam@example.com", "sam.fj@example.com"],
        "letters_ok": ["not_asked", "no"],
        "child_name": ["Riley", "Riley Fairweather"],
        "support_needs": [["interpreter", "large_print"], ["interpreter"]],
    }
    assert event.detail["reason"] == "They phoned on Monday with their new email address."
    timeline = page(client, f"/staff/cases/{case.reference}/timeline").get_text(" ", strip=True)
    assert "Corrected what was sent" in timeline
    assert "Name: from Sam Fairweather to Sam Fairweather-Jones" in timeline
    assert "Letters are safe: from Not asked to No" in timeline


def test_made_by_a_child_and_the_child_can_be_corrected(client):
    case = parent_case()
    sign_in_as(client, make_staff())
    client.post(
        f"/staff/cases/{case.reference}/corrections",
        data=corrections(case, submitter_role="child", made_by_child="yes", on_behalf_of_child=None),
    )
    db.session.refresh(case)
    assert (case.made_by_child, case.submitter.role) == (True, SubmitterRole.CHILD)


def test_saving_without_changes_audits_nothing(client):
    case = parent_case()
    sign_in_as(client, make_staff())
    client.post(f"/staff/cases/{case.reference}/corrections", data=corrections(case))
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "details_corrected").order_by(AuditEvent.id))
        is None
    )


def test_the_summary_shows_support_needs_and_the_interpreter(client):
    case = parent_case()
    sign_in_as(client, make_staff())
    text = page(client, f"/staff/cases/{case.reference}").get_text(" ", strip=True)
    assert "Help to take part An interpreter for Polish; Information in large print" in text


def test_the_summary_leads_with_the_current_step_its_due_date_and_the_next_steps(client):
    received = date(2026, 11, 23)
    case = parent_case(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1)
    case.received_on = received
    case.acknowledged_on = received
    holidays = non_working_days_for(Procedure.STATUTORY)
    due = add_working_days(uk_today(), 6, holidays)
    case.stages.append(StageRecord(state=CaseState.STAGE_1, started_on=received, clock_started_on=received, due_on=due))
    case.points.append(ComplaintPoint(number=1, text="Family time was cancelled"))
    db.session.commit()
    sign_in_as(client, make_staff())
    soup = page(client, f"/staff/cases/{case.reference}")
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in soup.select("#current-step-list .govuk-summary-list__row")
    }
    assert rows["Current step"] == "Stage 1 response"
    left = working_days_between(uk_today(), due, holidays)
    assert rows["Due"] == f"{due.day} {due:%B %Y} {left} working days left"
    # The next steps come before the details of the case.
    headings = [heading.get_text(strip=True) for heading in soup.select("main h2")]
    assert headings.index("Screening and routing") < headings.index("About the case")


def test_a_suggested_team_is_shown_as_a_suggestion(client):
    case = parent_case(team=make_team("Fostering"))
    sign_in_as(client, make_staff())
    text = page(client, f"/staff/cases/{case.reference}").get_text(" ", strip=True)
    assert "Team Fostering (suggested, not allocated yet)" in text


def test_allocation_reads_as_names_on_the_timeline(client):
    team = make_team("Fostering")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Okafor")
    case = parent_case()
    sign_in_as(client, make_staff())
    response = client.post(
        f"/staff/cases/{case.reference}/allocation",
        data={"action": "allocate", "team": str(team.id), "manager": str(manager.id)},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    timeline = page(client, f"/staff/cases/{case.reference}/timeline").get_text(" ", strip=True)
    assert "Team: set to Fostering" in timeline
    assert "Responding manager: set to Jamie Okafor" in timeline
    assert f"set to {manager.id}" not in timeline


# Safe contact ---------------------------------------------------------------------------------------------------


def statutory_case_with_points(letters_ok):
    case = parent_case(procedure=Procedure.STATUTORY, state=CaseState.STAGE_1, acknowledgement_due_on=uk_today())
    case.submitter.letters_ok = letters_ok
    case.submitter.voicemail_ok = False
    case.points.append(ComplaintPoint(number=1, text="Family time was cancelled"))
    db.session.commit()
    return case


def test_when_letters_are_not_safe_no_page_offers_a_letter_and_the_warning_shows(client):
    case = statutory_case_with_points(letters_ok=False)
    sign_in_as(client, make_staff())
    base = f"/staff/cases/{case.reference}"
    acknowledgement = page(client, f"{base}/acknowledgement")
    assert [radio["value"] for radio in acknowledgement.select("input[name=method]")] == ["email", "text"]
    assert not acknowledgement.select(f"a[href='{base}/acknowledgement/letter']")
    for path in ("/acknowledgement", "/messages", "/hold", ""):
        warnings = page(client, base + path).select_one("#safe-contact").get_text(" ", strip=True)
        assert "Letters are not safe: never post anything to this person." in warnings, path
        assert "Voicemail is not safe: never leave this person a voicemail." in warnings, path

    # A forged choice and a direct request for the letter are both refused.
    forged = client.post(f"{base}/acknowledgement", data={"method": "letter"})
    assert "Select how to send the acknowledgement" in forged.get_data(as_text=True)
    letter = client.get(f"{base}/acknowledgement/letter")
    assert letter.status_code == 302 and not letter.data.startswith(b"%PDF")
    db.session.refresh(case)
    assert case.acknowledged_on is None

    client.post(f"{base}/acknowledgement", data={"method": "text"})
    db.session.refresh(case)
    assert case.acknowledgement_method == "text"
    assert db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id)).recipient == "07700 900 982"


def test_when_letters_are_safe_a_letter_is_offered(client):
    case = statutory_case_with_points(letters_ok=True)
    sign_in_as(client, make_staff())
    acknowledgement = page(client, f"/staff/cases/{case.reference}/acknowledgement")
    assert "letter" in [radio["value"] for radio in acknowledgement.select("input[name=method]")]
