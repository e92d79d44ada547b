"""Case history written as the import's CSV (docs/import.md), for the tests to import: each helper gives one row, and
`import_and_report` imports them and returns the annual report's tables."""

import csv
import io
import json
from datetime import date, timedelta

from portal.domain.case_import import COLUMN_NAMES


def row(key: str, received: date, procedure: str = "statutory", **values) -> dict[str, str]:
    """A complaint (or, with procedure="comment", a comment) received on ``received``; other columns as given."""
    kinds = {"comment": "comment", "compliment": "compliment"}
    cells = {
        "format_version": "1",
        "external_key": key,
        "kind": kinds.get(procedure, "complaint"),
        "channel": "email",
        "received_on": received.isoformat(),
        "procedure": procedure,
    }
    for name, value in values.items():
        cells[name] = value.isoformat() if isinstance(value, date) else str(value)
    return cells


def answered(key: str, received: date, finding: str = "not_upheld", days: int = 10, **values) -> dict[str, str]:
    """A Stage 1 complaint answered ``days`` later and closed as resolved the same day."""
    done = received + timedelta(days=days)
    return row(
        key,
        received,
        stage_1_completed_on=done,
        stage_1_findings=f"1={finding}",
        closed_on=values.pop("closed_on", done),
        closing_reason=values.pop("closing_reason", "resolved"),
        **values,
    )


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for cells in rows:
        writer.writerow(cells)
    return out.getvalue()


def spread(first: date, last: date, count: int) -> list[date]:
    """``count`` days spread evenly from ``first`` to ``last``."""
    span = (last - first).days
    return [first + timedelta(days=span * index // max(count - 1, 1)) for index in range(count)]


def import_and_report(cli_runner, tmp_path, rows, first: str, last: str) -> dict:
    file = tmp_path / "history.csv"
    file.write_text(to_csv(rows), encoding="utf-8")
    imported = cli_runner.invoke(args=["import-cases", str(file)])
    assert imported.exit_code == 0, imported.output
    result = cli_runner.invoke(args=["report", "annual", "--from", first, "--to", last, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["tables"]
