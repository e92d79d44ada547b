"""Exporting the staff case list as CSV and Excel: the cases as filtered on screen, personal data only for the
Complaints Team, a stable pseudonym for everyone else, never a formula, and each export in the audit trail."""

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent, CaseChild, Person
from portal.domain.case_export import pseudonym
from portal.domain.types import FeedbackKind, StaffRole, SubmitterRole
from tests.conftest import empty_every_table
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.casework.conftest import make_case

COMPLAINTS_TEAM = (StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER)


def read_csv(response) -> list[dict[str, str]]:
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def read_xlsx(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def two_cases(case_factory):
    team = make_team("Fostering")
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    first = case_factory(
        reference="EXP001",
        received_on=date(2027, 1, 5),
        team=team,
        responding_manager=manager,
        submitter=Person(role=SubmitterRole.PARENT, name='=HYPERLINK("x")', email="quinn@example.org"),
    )
    first.children.append(CaseChild(name="Robin Ashcombe"))
    case_factory(reference="EXP002", kind=FeedbackKind.COMMENT, received_on=date(2027, 1, 6))
    db.session.commit()
    return first, manager


@pytest.mark.parametrize("role", COMPLAINTS_TEAM, ids=lambda role: role.value)
def test_the_complaints_team_exports_the_cases_with_their_personal_data(client, two_cases, role):
    signed_in_as(client, make_staff(role=role))
    rows = read_csv(client.get("/staff/cases/export.csv"))
    assert [row["Reference"] for row in rows] == ["EXP002", "EXP001"]
    exported = rows[1]
    assert exported["Submitter's email"] == "quinn@example.org"
    assert exported["Children"] == "Robin Ashcombe"
    assert exported["Team"] == "Fostering"
    assert exported["Received"] == "2027-01-05"
    # What was typed is kept, but a spreadsheet never runs it as a formula.
    assert exported["Submitter"] == '\'=HYPERLINK("x")'


def test_the_export_follows_the_filters_on_screen(client, two_cases):
    signed_in_as(client, make_staff())
    page = client.get("/staff/cases", query_string={"kind": "comment"})
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    link = soup.select_one("a[href*='/staff/cases/export.xlsx']")["href"]
    assert "kind=comment" in link
    rows = read_xlsx(client.get(link))
    assert [row["Reference"] for row in rows] == ["EXP002"]
    assert rows[0]["Received"].date() == date(2027, 1, 6)


def test_other_roles_get_only_their_own_cases_under_a_stable_pseudonym(client, app, two_cases):
    case, manager = two_cases
    signed_in_as(client, manager)
    page = client.get("/staff/cases").get_data(as_text=True)
    assert "a pseudonym for each case and no names" in page
    for file_format, read in (("csv", read_csv), ("xlsx", read_xlsx)):
        rows = read(client.get(f"/staff/cases/export.{file_format}"))
        assert len(rows) == 1
        (row,) = rows
        assert row["Pseudonym"] == pseudonym(app.config["SECRET_KEY"].encode(), case.id)
        flat = " ".join(str(value) for value in row.values())
        for personal in ("EXP001", "quinn@example.org", "Robin Ashcombe", "HYPERLINK", "Reference"):
            assert personal not in flat
    assert "Submitter" not in rows[0]


@pytest.mark.parametrize(
    "role", [StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER, StaffRole.ADMINISTRATOR], ids=lambda role: role.value
)
def test_roles_without_casework_cannot_export(client, two_cases, role):
    signed_in_as(client, make_staff(role=role))
    assert client.get("/staff/cases/export.csv").status_code == 403


def test_an_unknown_format_is_not_found(client, two_cases):
    signed_in_as(client, make_staff())
    assert client.get("/staff/cases/export.pdf").status_code == 404


def test_each_export_is_in_the_audit_trail_with_its_filters(client, two_cases):
    officer = make_staff()
    signed_in_as(client, officer)
    client.get("/staff/cases/export.csv", query_string={"kind": "comment"}).get_data()
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "case_list_exported").order_by(AuditEvent.id)
    ).one()
    assert event.actor_id == officer.id
    assert event.detail["filters"] == {"kind": ["comment"]}
    assert event.detail["personal_data"] is True


def test_the_csv_streams_after_the_request_has_closed_its_database_session(app):
    # As under a real server, no application context outlives the request: the rows are read as the response
    # streams, after the view's database session (and the signed-in user it loaded) has been closed.
    with app.app_context():
        user = make_staff("casey@anytown.example", StaffRole.COMPLAINTS_OFFICER)
        make_case(reference="EXP003", received_on=date(2027, 1, 7))
        client = signed_in_as(app.test_client(), user)
    try:
        rows = read_csv(client.get("/staff/cases/export.csv"))
        assert [row["Reference"] for row in rows] == ["EXP003"]
    finally:
        with app.app_context():
            empty_every_table()
