"""Tables written as files people open in a spreadsheet: CSV, streamed line by line, and Excel workbooks (openpyxl,
in write-only mode so that a long table is never held as cells in memory)."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_lines(headings: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The table as CSV, a line at a time, starting with a byte-order mark so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([_text(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(headings: list[str], rows: Iterable[list], title: str = "Cases") -> bytes:
    """The table as an Excel workbook of one sheet; dates stay dates."""
    from openpyxl import Workbook  # imported when needed: about 12 MB that every app server worker would otherwise hold

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(headings)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
