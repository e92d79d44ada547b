"""The case's MOJ timeline: everything that happened, newest first, from its dates, notes, files and audit events."""

from datetime import UTC, date, datetime

from bs4 import BeautifulSoup

from portal.casework.timeline import (
    Names,
    action_label,
    audit_row,
    case_timeline,
    describe_detail,
    ids_in,
)
from portal.common.filters import format_moment
from portal.data.database import db
from portal.data.models import Attachment, AuditEvent, CaseNote
from portal.domain.types import Channel
from tests.integration.auth.staff import make_staff, signed_in_as


def add_event(case, actor, action, when, detail=None):
    db.session.add(AuditEvent(actor_id=actor.id, case_id=case.id, action=action, occurred_at=when, detail=detail or {}))
    db.session.commit()


def timeline_items(client, case) -> list[dict]:
    soup = BeautifulSoup(client.get(f"/staff/cases/{case.reference}/timeline").data, "html.parser")
    return [
        {
            "title": item.select_one(".moj-timeline__title").get_text(strip=True),
            "by": (item.select_one(".moj-timeline__byline") or soup.new_tag("p")).get_text(strip=True),
            "date": item.select_one(".moj-timeline__date").get_text(strip=True),
            "text": item.select_one(".moj-timeline__description").get_text(" ", strip=True)
            if item.select_one(".moj-timeline__description")
            else "",
        }
        for item in soup.select(".moj-timeline .moj-timeline__item")
    ]


def test_the_timeline_tells_the_story_newest_first(client, case_factory):
    case = case_factory(channel=Channel.LETTER, received_on=date(2027, 1, 4))
    officer = make_staff(name="Casey Marlowe")
    add_event(
        case,
        officer,
        "case_recorded",
        datetime(2027, 1, 5, 9, 30, tzinfo=UTC),
        {"changes": {"kind": [None, "complaint"]}},
    )
    add_event(
        case,
        officer,
        "case_screened",
        datetime(2027, 1, 6, 14, 5, tzinfo=UTC),
        {"changes": {"procedure": [None, "statutory"], "state": ["received", "stage_1"]}},
    )
    add_event(case, officer, "case_viewed", datetime(2027, 1, 6, 15, 0, tzinfo=UTC))
    db.session.add_all(
        [
            CaseNote(
                case_id=case.id,
                author_id=officer.id,
                body="Called the parent",
                created_at=datetime(2027, 1, 7, 10, 0, tzinfo=UTC),
            ),
            CaseNote(
                case_id=case.id,
                author_id=officer.id,
                body="Your points are attached",
                shared_with_complainant=True,
                created_at=datetime(2027, 1, 8, 10, 0, tzinfo=UTC),
            ),
            Attachment(
                case_id=case.id,
                filename="letter.pdf",
                content_type="application/pdf",
                size_bytes=10,
                sha256="0" * 64,
                storage_key="a" * 32,
                uploaded_by_id=officer.id,
                created_at=datetime(2027, 1, 5, 9, 30, tzinfo=UTC),
            ),
        ]
    )
    db.session.commit()
    signed_in_as(client, officer)
    items = timeline_items(client, case)
    assert [item["title"] for item in items] == [
        "Message sent to the person who sent it",
        "Internal note added",
        "Screened the case",
        "Document added",
        "Recorded the case for the person who sent it",
        "Complaint received",
    ]
    message, note, screened, document, recorded, received = items
    assert "Shared with the complainant" in message["text"] and "Your points are attached" in message["text"]
    assert "Shared with the complainant" not in note["text"]
    assert note["by"] == "by Casey Marlowe"
    assert screened["date"] == "6 January 2027 at 2:05pm"
    assert "Procedure: set to Statutory children's complaints procedure" in screened["text"]
    assert "Status: from Received to Stage 1" in screened["text"]
    assert document["text"] == "File: letter.pdf"
    assert received["date"] == "4 January 2027"
    assert received["text"] == "How: Came in: Letter"
    assert received["by"] == ""


def test_views_and_downloads_stay_out_of_the_timeline(client, case_factory):
    case = case_factory()
    officer = make_staff()
    add_event(case, officer, "document_downloaded", datetime(2027, 1, 6, tzinfo=UTC), {"filename": "x.pdf"})
    signed_in_as(client, officer)
    client.get(f"/staff/cases/{case.reference}")
    assert [item["title"] for item in timeline_items(client, case)] == ["Complaint received"]


def test_dates_without_audit_events_still_appear(client, case_factory):
    manager = make_staff()
    case = case_factory(
        received_on=date(2026, 3, 2),
        screened_at=datetime(2026, 3, 3, 11, 0, tzinfo=UTC),
        screened_by_id=manager.id,
        acknowledged_on=date(2026, 3, 4),
        acknowledgement_method="email",
        closed_on=date(2026, 4, 1),
    )
    signed_in_as(client, manager)
    items = timeline_items(client, case)
    assert [item["title"] for item in items] == ["Closed", "Acknowledged", "Screened", "Complaint received"]
    assert items[1]["text"] == "How: email"
    # Early March is winter time, when UK time is UTC.
    assert items[2]["date"] == "3 March 2026 at 11:00am"


def test_an_audit_event_replaces_the_bare_date(app_context, case_factory):
    case = case_factory(acknowledged_on=date(2027, 1, 6))
    officer = make_staff()
    add_event(case, officer, "acknowledgement_sent", datetime(2027, 1, 6, 10, tzinfo=UTC))
    events = db.session.query(AuditEvent).all()
    titles = [item.title for item in case_timeline(case, events, {})]
    assert titles == ["Sent the acknowledgement", "Complaint received"]


def test_a_closing_date_changed_by_screening_is_not_told_twice(app_context, case_factory):
    case = case_factory(closed_on=date(2027, 1, 6), screened_at=datetime(2027, 1, 6, 10, tzinfo=UTC))
    officer = make_staff()
    add_event(
        case,
        officer,
        "case_screened",
        datetime(2027, 1, 6, 10, tzinfo=UTC),
        {"changes": {"closed_on": [None, "2027-01-06"], "screened_at": [None, "2027-01-06T10:00:00+00:00"]}},
    )
    [screened, received] = case_timeline(case, db.session.query(AuditEvent).all(), {})
    assert screened.title == "Screened the case"
    assert [(line.label, line.value) for line in screened.lines] == [
        ("Closed", "set to 6 January 2027"),
        ("Screened", "set to 6 January 2027 at 10:00am"),
    ]


def test_times_are_shown_in_uk_time():
    assert format_moment(datetime(2027, 7, 1, 23, 30, tzinfo=UTC)) == "2 July 2027 at 12:30am"
    assert format_moment(datetime(2027, 1, 1, 12, 0, tzinfo=UTC)) == "1 January 2027 at 12:00pm"


def test_actions_and_details_read_as_plain_english():
    assert action_label("note_added") == "Added an internal note"
    assert action_label("case_reopened_by_ombudsman") == "Case reopened by ombudsman"
    lines = describe_detail(
        {
            "changes": {
                "acknowledged_on": [None, "2027-01-06"],
                "team": ["Fostering", None],
                "made_by_child": [False, True],
            },
            "note_id": 4,
        }
    )
    assert [(line.label, line.value) for line in lines] == [
        ("Acknowledged", "set to 6 January 2027"),
        ("Team", "removed (was Fostering)"),
        ("Made by a child or young person", "from No to Yes"),
    ]
    assert describe_detail({"note_id": 4}) == ()


def test_staff_and_teams_are_named_never_numbered():
    names = Names(staff={7: "Jamie Okafor"}, teams={3: "Fostering", 5: "Children in Care"})
    lines = describe_detail(
        {
            "changes": {"team_id": [3, 5], "responding_manager_id": [None, 7], "screened_by_id": [None, 99]},
            "staff_id": 7,
        },
        names,
    )
    assert [(line.label, line.value) for line in lines] == [
        ("Team", "from Fostering to Children in Care"),
        ("Responding manager", "set to Jamie Okafor"),
        ("Screened by", "set to a member of staff no longer listed"),
        ("Member of staff", "Jamie Okafor"),
    ]
    assert ids_in([{"changes": {"team_id": [3, 5], "responding_manager_id": [None, 7]}}, {"staff_id": 8}]) == (
        {7, 8},
        {3, 5},
    )


def test_screening_answers_read_as_words():
    lines = describe_detail(
        {"changes": {"answers.child_status": ["unknown", "in_need"], "answers.party_to_proceedings": [None, "yes"]}}
    )
    assert [(line.label, line.value) for line in lines] == [
        ("The child's status", "from Not known yet to In need (including child protection)"),
        ("Party to court proceedings about the child", "set to Yes"),
    ]


def test_an_audit_row_without_an_actor_says_so(app_context):
    event = AuditEvent(action="staff_account_created", occurred_at=datetime(2027, 1, 6, tzinfo=UTC), detail={})
    row = audit_row(event)
    assert row.who == "The system, or someone not signed in"
    assert row.action == "Staff account created"
