"""The annual report as a Word document (python-docx) and as a PDF (WeasyPrint, from the print page's HTML), each with
the staff-written sections, every table and its chart."""

from __future__ import annotations

import io

import bleach

from portal.reporting import charts
from portal.reporting.annual import AnnualReport
from portal.reporting.tables import Table, cell_text


def _plain(html: str) -> list[str]:
    """Staff-written HTML (already cleaned on saving) as paragraphs of plain text for Word."""
    text = html.replace("</p>", "\n").replace("<br>", "\n").replace("</li>", "\n")
    return [line.strip() for line in bleach.clean(text, tags=[], strip=True).splitlines() if line.strip()]


def docx_bytes(report: AnnualReport, council_name: str, examples: dict) -> bytes:
    from docx import Document  # imported when needed: about 7 MB that every app server worker would otherwise hold

    document = Document()
    document.add_heading(f"{council_name}: Children's Services complaints, comments and compliments", level=0)
    document.add_paragraph(f"Annual report {report.period.label}")
    for heading, html in (("Introduction", report.texts.introduction), ("Commentary", report.texts.commentary)):
        if html:
            document.add_heading(heading, level=1)
            for paragraph in _plain(html):
                document.add_paragraph(paragraph)
    for number, table in enumerate(report.tables, start=1):
        _add_table(document, number, table)
    if examples["compliments"]:
        document.add_heading("Examples of compliments", level=1)
        for text in examples["compliments"]:
            document.add_paragraph(text, style="Intense Quote")
    if examples["learning"] or report.texts.learning_text:
        document.add_heading("Examples of learning", level=1)
        for paragraph in _plain(report.texts.learning_text):
            document.add_paragraph(paragraph)
        for example in examples["learning"]:
            document.add_paragraph(f"Complaint: {example['complaint']}")
            document.add_paragraph(f"What we learned: {example['learning']}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, number: int, table: Table) -> None:
    document.add_heading(f"Table {number}: {table.title}", level=1)
    rows = [table.columns, *table.rows, *([table.total] if table.total else [])]
    grid = document.add_table(rows=len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            grid.cell(r, c).text = cell_text(cell)
    if table.note:
        document.add_paragraph(table.note)
    image = charts.png(table) if table.chart else None
    if image:
        from docx.shared import Cm

        document.add_picture(io.BytesIO(image), width=Cm(16))
        document.add_paragraph(f"Chart: {table.chart.description}")


def pdf_bytes(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported when needed: it loads Pango, which the rest of the portal never needs

    return HTML(string=html, base_url=base_url).write_pdf()
