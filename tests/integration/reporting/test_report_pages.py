"""The reports' pages: who may open each, the annual report as a page and as DOCX and PDF read back, the words and
census figures saved, and the import page for administrators."""

import io
import json
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import AuditEvent
from portal.data.report_models import AnnualReportText, CensusFigure
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.reporting.history import answered, row, to_csv

PERIOD = {"first_day": "2022-04-01", "last_day": "2023-03-31"}
READERS = {StaffRole.COMPLAINTS_MANAGER, StaffRole.COMPLAINTS_OFFICER, StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER}
WRITERS = {StaffRole.COMPLAINTS_MANAGER, StaffRole.REPORT_VIEWER}
ROUTES = (
    ("/staff/reports", READERS),
    ("/staff/reports/annual", READERS),
    ("/staff/reports/annual.docx", READERS),
    ("/staff/reports/annual.pdf", READERS),
    ("/staff/reports/annual/words", WRITERS),
    ("/staff/reports/census", WRITERS),
    ("/staff/reports/import", {StaffRole.ADMINISTRATOR}),
)


def _history() -> list[dict]:
    return [
        answered("A-1", date(2022, 5, 3), "upheld", themes="Poor communication", complainant_email="a@example.com"),
        answered("A-2", date(2022, 8, 9), "not_upheld", themes="Poor communication", complainant_email="a@example.com"),
        answered("A-3", date(2022, 11, 15), "partially_upheld", procedure="corporate", themes="Delay in services"),
        row("A-4", date(2023, 2, 1), complainant_email="b@example.com"),
        answered("A-5", date(2021, 6, 1), "upheld"),
    ]


@pytest.fixture
def history(cli_runner, tmp_path):
    file = tmp_path / "history.csv"
    file.write_text(to_csv(_history()), encoding="utf-8")
    result = cli_runner.invoke(args=["import-cases", str(file)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("role", list(StaffRole))
@pytest.mark.parametrize(("path", "allowed"), ROUTES)
def test_each_reports_page_opens_only_for_the_roles_with_reporting_rights(client, role, path, allowed):
    signed_in_as(client, make_staff(f"{role.value}@anytown.example", role))
    response = client.get(path, query_string=PERIOD)
    assert response.status_code == (200 if role in allowed else 403)


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/staff/reports/annual")
    assert response.status_code == 302
    assert "/staff/sign-in" in response.headers["Location"]


def test_the_annual_report_page_shows_every_table_with_its_figures_and_is_audited(client, history):
    signed_in_as(client, make_staff("viewer@anytown.example", StaffRole.REPORT_VIEWER))
    page = client.get("/staff/reports/annual", query_string=PERIOD).get_data(as_text=True)
    assert "Annual report 2022/23" in page
    assert "Table 1: Complaints received and resolved" in page
    assert "Table 14: Closing the loop" in page
    assert "Table 27: Learning from complaints" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img"' in page
    # The people and their words never appear: the report counts.
    assert "a@example.com" not in page
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "annual_report_viewed").order_by(AuditEvent.id)
    ).one()
    assert event.detail == PERIOD


def test_a_bad_date_gets_the_error_summary_and_the_default_year(client):
    signed_in_as(client, make_staff("viewer@anytown.example", StaffRole.REPORT_VIEWER))
    page = client.get("/staff/reports/annual", query_string={"first_day": "1st April", "last_day": "2023-03-31"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "There is a problem" in text
    assert "Enter the first day as a date like 2022-04-01" in text
    # The section's caption and its sub-navigation, labelled by the section, come after the error summary.
    assert text.index("There is a problem") < text.index('<span class="govuk-caption-l">Reports</span>')
    assert '<nav class="moj-sub-navigation" aria-label="Reports">' in text


def _expected_figures(cli_runner) -> dict:
    result = cli_runner.invoke(
        args=["report", "annual", "--from", "2022-04-01", "--to", "2023-03-31", "--format", "json"]
    )
    return json.loads(result.output)["tables"]


def test_the_docx_export_reads_back_with_every_tables_figures_and_its_charts(client, cli_runner, history):
    signed_in_as(client, make_staff("viewer@anytown.example", StaffRole.REPORT_VIEWER))
    response = client.get("/staff/reports/annual.docx", query_string=PERIOD)
    assert response.status_code == 200
    assert 'filename="annual-report-2022-04-01-2023-03-31.docx"' in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    expected = _expected_figures(cli_runner)
    assert len(document.tables) == len(expected)
    for grid, table in zip(document.tables, expected.values(), strict=True):
        cells = [[cell.text for cell in line.cells] for line in grid.rows]
        assert cells[0] == table["columns"]
        assert cells[1 : 1 + len(table["rows"])] == [[_text(cell) for cell in line] for line in table["rows"]]
    assert len(document.inline_shapes) >= 5
    assert expected["table_1"]["total"] == ["Total", 0, 4, 3, 0, 0, 1]


def test_the_pdf_export_reads_back_with_the_tables_figures(client, cli_runner, history):
    signed_in_as(client, make_staff("viewer@anytown.example", StaffRole.REPORT_VIEWER))
    response = client.get("/staff/reports/annual.pdf", query_string=PERIOD)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    words = " ".join(text.split())
    assert "Table 1: Complaints received and resolved" in words
    assert "Stage 1 (Statutory Procedure) 0 3 2 0 0 1" in words
    assert "Poor communication 2 67% 1 50%" in words
    assert "Total 0 4 3 0 0 1" in words


def _text(cell) -> str:
    return "" if cell is None else (f"{cell:.1f}" if isinstance(cell, float) else str(cell))


def test_the_words_are_cleaned_saved_with_the_period_and_shown_in_the_report(client, history):
    signed_in_as(client, make_staff("manager@anytown.example", StaffRole.COMPLAINTS_MANAGER))
    response = client.post(
        "/staff/reports/annual/words?first_day=2022-04-01&last_day=2023-03-31",
        data={
            "introduction": "<p>Our year</p><script>alert(1)</script>",
            "commentary": "More <strong>complaints</strong>",
        },
    )
    assert response.status_code == 302
    saved = db.session.scalars(select(AnnualReportText).order_by(AnnualReportText.id)).one()
    assert (saved.first_day, saved.last_day) == (date(2022, 4, 1), date(2023, 3, 31))
    assert "<script>" not in saved.introduction
    page = client.get("/staff/reports/annual", query_string=PERIOD).get_data(as_text=True)
    assert "Our year" in page and "<strong>complaints</strong>" in page


def test_census_figures_are_saved_per_year_and_used_by_the_ethnicity_table(client, cli_runner):
    signed_in_as(client, make_staff("manager@anytown.example", StaffRole.COMPLAINTS_MANAGER))
    refused = client.post("/staff/reports/census?year=2022", data={"white": "lots"})
    assert "Enter the number of White children as a whole number, like 120" in refused.get_data(as_text=True)
    assert db.session.scalars(select(CensusFigure).order_by(CensusFigure.id)).all() == []
    saved = client.post("/staff/reports/census?year=2022", data={"white": "600", "asian": "200", "black": "200"})
    assert saved.status_code == 302
    table = _expected_figures(cli_runner)["ethnicity"]
    assert table["rows"][0] == ["Asian or Asian British", 0, "", 200, "20%"]
    assert table["rows"][3] == ["White", 0, "", 600, "60%"]


def test_an_administrator_imports_history_in_the_browser_all_or_nothing(client):
    signed_in_as(client, make_staff("admin@anytown.example", StaffRole.ADMINISTRATOR))
    rows = _history()
    rows[2]["received_on"] = "2022-13-01"
    bad = client.post(
        "/staff/reports/import",
        data={"file": (io.BytesIO(to_csv(rows).encode()), "history.csv")},
        content_type="multipart/form-data",
    )
    text = bad.get_data(as_text=True)
    assert "Nothing was imported: 1 problem found" in text
    assert '<td class="govuk-table__cell">4</td>' in text and "received_on" in text
    good = client.post(
        "/staff/reports/import",
        data={"file": (io.BytesIO(to_csv(_history()).encode()), "history.csv")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302
    page = client.get("/staff/reports/import").get_data(as_text=True)
    assert "Imported 5 cases and 0 compliments" in page
