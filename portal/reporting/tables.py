"""A report's tables in one shape that every output reads: the HTML page, the DOCX and PDF exports, the JSON the
command prints and the dashboard. A table may carry a chart: the same figures drawn as bars."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Chart:
    """Bars for one or more series over the table's row labels. ``series`` names the columns drawn (their
    positions in ``Table.columns``); the labels are the first column."""

    series: tuple[int, ...]
    description: str


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # A last row of totals, set apart in every output.
    total: list[Cell] | None = None
    note: str = ""
    chart: Chart | None = None

    @property
    def empty(self) -> bool:
        return not self.rows

    def as_json(self) -> dict:
        data = {"title": self.title, "columns": self.columns, "rows": self.rows}
        if self.total is not None:
            data["total"] = self.total
        return data

    def bars(self) -> tuple[list[str], list[tuple[str, list[float]]]]:
        """The chart's labels and, for each series, its name and values (blank cells count as 0)."""
        if self.chart is None:
            return [], []
        labels = [str(row[0]) for row in self.rows]
        series = [(self.columns[index], [_number(row[index]) for row in self.rows]) for index in self.chart.series]
        return labels, series


def _number(cell: Cell) -> float:
    if isinstance(cell, int | float):
        return float(cell)
    if isinstance(cell, str) and cell.endswith("%") and cell[:-1].isdigit():
        return float(cell[:-1])
    return 0.0


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.1f}"
    return str(cell)
