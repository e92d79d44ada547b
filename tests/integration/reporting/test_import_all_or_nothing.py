"""The case history import: one bad row in 10,000 stops everything and is named by row and column; the corrected file
imports in full; importing it again adds nothing."""

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.data.database import db
from portal.data.models import AuditEvent, Case
from tests.integration.reporting.history import answered, to_csv

ROWS = 10_000
BAD_ROW = 7_321  # the file's line number: the header is line 1


def _history() -> list[dict]:
    first = date(2015, 4, 1)
    return [
        answered(f"OLD-{index:05d}", first + timedelta(days=index % 3000), "upheld" if index % 3 else "not_upheld")
        for index in range(ROWS)
    ]


def _cases() -> int:
    return db.session.scalar(select(func.count()).select_from(Case))


def test_one_bad_row_in_ten_thousand_imports_nothing_then_the_corrected_file_imports_once(cli_runner, tmp_path):
    rows = _history()
    typed = rows[BAD_ROW - 2]["received_on"]
    rows[BAD_ROW - 2]["received_on"] = "31/02/2019"
    bad = tmp_path / "bad.csv"
    bad.write_text(to_csv(rows), encoding="utf-8")

    refused = cli_runner.invoke(args=["import-cases", str(bad)])

    assert refused.exit_code != 0
    assert f"Row {BAD_ROW}, column received_on:" in refused.output
    assert "1 problems found: nothing was imported." in refused.output
    assert _cases() == 0

    rows[BAD_ROW - 2]["received_on"] = typed
    good = tmp_path / "good.csv"
    good.write_text(to_csv(rows), encoding="utf-8")
    imported = cli_runner.invoke(args=["import-cases", str(good)])
    assert imported.exit_code == 0, imported.output
    assert f"Imported {ROWS} cases" in imported.output
    assert _cases() == ROWS

    again = cli_runner.invoke(args=["import-cases", str(good)])
    assert again.exit_code == 0, again.output
    assert f"Imported 0 cases and 0 compliments. {ROWS} rows had been imported before" in again.output
    assert _cases() == ROWS
    audited = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cases_imported").order_by(AuditEvent.id)
    ).all()
    assert [event.detail["cases"] for event in audited] == [ROWS, 0]
