"""Recording what a complaint taught the council, changing it, the list of learning records, the learning lead's home
and the learning section of the case page."""

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.learning_models import LearningRecord
from portal.data.models import AuditEvent, CaseAssignment, Theme
from portal.domain.types import FeedbackKind, Finding, LearningActionStatus, StaffRole, ThemeScope
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.learning.conftest import (
    add_learning,
    category,
    days_from_today,
    responding_manager,
    upheld_case,
)
from tests.integration.switching import sign_in_as


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_recording_learning_for_an_upheld_complaint(client, categories, lead):
    case = upheld_case(reference="CF-UPH-ELD-001")
    signed_in_as(client, lead)
    url = f"/staff/learning/cases/{case.reference}/new"
    page = soup(client.get(url))
    assert [label.get_text(strip=True) for label in page.select(".govuk-radios__label")] == [
        "Provide training",
        "Policy or procedure change",
        "Improve communication",
        "Improve record keeping",
        "Improve timeliness",
        "Other",
    ]

    missing = soup(client.post(url, data={"summary": ""}))
    assert [item.get_text(strip=True) for item in missing.select(".govuk-error-summary__list a")] == [
        "Select a category",
        "Enter what was learnt",
    ]
    too_long = "x" * 5001
    kept = client.post(url, data={"category": str(category("Provide training").id), "summary": too_long})
    assert "What was learnt must be 5,000 characters or fewer" in kept.get_data(as_text=True)
    assert too_long in kept.get_data(as_text=True)  # what was typed stays in the box to be shortened
    assert db.session.scalar(select(LearningRecord)) is None

    summary = "The worker's <b>advice</b> on safe sleep was out of date."
    saved = client.post(url, data={"category": str(category("Provide training").id), "summary": summary})
    record = db.session.scalar(select(LearningRecord))
    assert saved.status_code == 302 and saved.headers["Location"] == f"/staff/learning/records/{record.id}"
    assert (record.case_id, record.category.name, record.summary, record.recorded_by_id) == (
        case.id,
        "Provide training",
        summary,
        lead.id,
    )
    shown = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "The worker&#39;s &lt;b&gt;advice&lt;/b&gt; on safe sleep" in shown  # stored as typed, escaped when shown
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "learning_recorded").order_by(AuditEvent.id)
    )
    assert (event.actor_id, event.case_id) == (lead.id, case.id)
    assert event.detail["changes"] == {"category": [None, "Provide training"], "summary": [None, summary]}


def test_a_deactivated_category_is_not_offered_but_stays_on_its_records(client, categories, officer):
    record = add_learning(upheld_case(), "Other")
    other = category("Other")
    other.active = False
    db.session.commit()
    signed_in_as(client, officer)
    new = soup(client.get(f"/staff/learning/cases/{upheld_case().reference}/new"))
    assert "Other" not in [label.get_text(strip=True) for label in new.select(".govuk-radios__label")]
    refused = client.post(
        f"/staff/learning/cases/{upheld_case().reference}/new", data={"category": str(other.id), "summary": "x"}
    )
    assert "Select a category" in refused.get_data(as_text=True)
    change = soup(client.get(f"/staff/learning/records/{record.id}/change"))
    assert change.select_one(f"input[name=category][value='{other.id}']").has_attr("checked")
    saved = client.post(
        f"/staff/learning/records/{record.id}/change", data={"category": str(other.id), "summary": "Changed"}
    )
    assert saved.status_code == 302
    db.session.refresh(record)
    assert (record.category_id, record.summary) == (other.id, "Changed")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "learning_changed").order_by(AuditEvent.id))
    assert event.detail["changes"] == {"summary": ["Tell families sooner.", "Changed"]}


def test_the_records_list_filters_by_category(client, categories, officer):
    add_learning(upheld_case(reference="CF-REC-ORD-001"), "Provide training", "Training on safe sleep advice.")
    add_learning(
        upheld_case(reference="CF-REC-ORD-002"),
        "Improve communication",
        "Tell families when a worker is away.",
        actions=[("Out of office messages", officer, days_from_today(3))],
    )
    signed_in_as(client, officer)
    everything = soup(client.get("/staff/learning/records"))
    assert [row.th.get_text(" ", strip=True) for row in everything.select("tbody tr")] == [
        "Improve communication : CF-REC-ORD-002",
        "Provide training : CF-REC-ORD-001",
    ]
    assert "1 in all, 1 open" in everything.get_text()
    training = soup(client.get(f"/staff/learning/records?category={category('Provide training').id}"))
    assert [row.th.get_text(" ", strip=True) for row in training.select("tbody tr")] == [
        "Provide training : CF-REC-ORD-001"
    ]
    assert "No learning is recorded in this category" in client.get(
        f"/staff/learning/records?category={category('Other').id}"
    ).get_data(as_text=True)


def test_the_learning_leads_home(client, categories, lead, officer):
    waiting = upheld_case(reference="CF-WAI-TIN-G01", finding=Finding.PARTIALLY_UPHELD)
    upheld_case(reference="CF-NOT-UPH-ELD", finding=Finding.NOT_UPHELD)
    recorded = upheld_case(reference="CF-REC-ORD-ED1")
    add_learning(
        recorded,
        actions=[
            ("Overdue action", lead, days_from_today(-1)),
            ("Due today", officer, days_from_today(0)),
            ("Later", lead, days_from_today(40)),
            ("Finished", lead, days_from_today(-40), LearningActionStatus.DONE),
        ],
    )
    signed_in_as(client, lead)
    landing = client.get("/staff/")
    assert landing.headers["Location"] == "/staff/learning"
    home = client.get("/staff/learning")
    page = soup(home)
    counts = [item.get_text(" ", strip=True) for item in page.select(".app-learning-counts li")]
    assert counts[0] == "3 open actions"
    assert counts[1].startswith("1 overdue")
    assert counts[2] == "1 due today or in the next 2 working days"
    mine = [row.th.get_text(" ", strip=True) for row in page.select(".app-learning-actions tbody tr")]
    assert mine == ["Overdue action", "Later"]
    awaiting = page.find("h2", string="Upheld complaints with no learning recorded").find_next("table")
    assert [row.th.get_text(strip=True) for row in awaiting.select("tbody tr")] == [waiting.reference]
    # The learning lead opens no cases: the reference is not a link to the case page.
    assert awaiting.select_one("tbody th a") is None
    assert awaiting.select_one(f"a[href='/staff/learning/cases/{waiting.reference}/new']")
    assert (
        db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "learning_home_viewed").order_by(AuditEvent.id)
        ).actor_id
        == lead.id
    )


def test_the_case_page_shows_the_learning_and_offers_to_record_it(client, categories):
    team = make_team("Fostering")
    manager = responding_manager(team)
    case = upheld_case(reference="CF-CAS-EPA-GE1", team=team, responding_manager_id=manager.id)
    signed_in_as(client, manager)
    page = soup(client.get(f"/staff/cases/{case.reference}"))
    section = page.select_one("#learning").parent
    assert "This complaint was upheld: record what the council has learnt" in section.get_text(" ", strip=True)
    assert section.select_one(f"a[href='/staff/learning/cases/{case.reference}/new']")

    add_learning(case, actions=[("Call the family back", manager, days_from_today(-2))])
    page = soup(client.get(f"/staff/cases/{case.reference}"))
    section = page.select_one("#learning").parent
    assert "Improve communication" in section.get_text()
    assert section.select_one(".app-learning-actions .govuk-tag--red").get_text(strip=True).startswith("Overdue")
    assert "record what the council has learnt" not in section.get_text()


def test_investigators_see_the_case_but_not_its_learning(client, categories):
    case = upheld_case()
    add_learning(case, summary="Only for those with a part in learning")
    investigator = make_staff("robin@anytown.example", StaffRole.INVESTIGATOR)
    db.session.add(CaseAssignment(case_id=case.id, staff_user_id=investigator.id))
    db.session.commit()
    signed_in_as(client, investigator)
    page = client.get(f"/staff/cases/{case.reference}")
    assert page.status_code == 200
    assert "Only for those with a part in learning" not in page.get_data(as_text=True)
    assert soup(page).select_one("#learning") is None


def test_the_case_page_of_a_compliment_has_no_learning_section(client, categories, officer):
    compliment = upheld_case(kind=FeedbackKind.COMPLIMENT, finding=None)
    signed_in_as(client, officer)
    assert soup(client.get(f"/staff/cases/{compliment.reference}")).select_one("#learning") is None


def test_the_admin_list_of_learning_categories(client, categories):
    ensure_default_lists()
    signed_in_as(client, make_staff("avery@anytown.example", StaffRole.ADMINISTRATOR))
    overview = client.get("/staff/settings/themes").get_data(as_text=True)
    assert "Learning from complaints" in overview
    listed = soup(client.get("/staff/settings/themes/learning"))
    assert listed.select_one("a.govuk-button").get_text(strip=True) == "Add a category"
    assert [row.th.get_text(strip=True) for row in listed.select("tbody tr")][:2] == [
        "Provide training",
        "Policy or procedure change",
    ]
    added = client.post("/staff/settings/themes/learning/add", data={"name": "Share good practice"})
    assert added.status_code == 302
    assert db.session.scalar(
        select(Theme).where(Theme.scope == ThemeScope.LEARNING, Theme.name == "Share good practice")
    )
    twice = client.post("/staff/settings/themes/learning/add", data={"name": "Share good practice"})
    assert "There is already a category called Share good practice" in twice.get_data(as_text=True)
    # The case list's theme filter offers only what cases carry.
    sign_in_as(client, make_staff("casey2@anytown.example"))
    themes = [option.get_text() for option in soup(client.get("/staff/cases")).select("select[name=theme] option")]
    assert "Quality of service (Complaints)" in themes and not any("Share good practice" in item for item in themes)
