"""Bar charts of a table's figures: SVG for the HTML page and the PDF (with a title and a description, and the same
figures in the table beside them), PNG for the DOCX export, which cannot hold SVG."""

from __future__ import annotations

import io
from html import escape

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from portal.reporting.tables import Table

# Colours from the GOV.UK palette with at least 3:1 contrast against white, one per series.
COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f")
BAR_HEIGHT, GAP, LABEL_WIDTH, PLOT_WIDTH, VALUE_WIDTH = 18, 6, 260, 360, 50


def _scale(series: list[tuple[str, list[float]]]) -> float:
    return max([max(values, default=0) for _, values in series] + [1])


def svg(table: Table, chart_id: str) -> Markup:
    """The table's chart as inline SVG: role="img", named by its <title> and described by its <desc>."""
    labels, series = table.bars()
    if not labels:
        return Markup("")
    top = _scale(series)
    group = len(series) * BAR_HEIGHT + GAP
    legend = 22 if len(series) > 1 else 0
    height = legend + len(labels) * group + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(table.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(table.chart.description)} The figures are in the table.</desc>',
    ]
    for index, (name, _) in enumerate(series if legend else []):
        x = LABEL_WIDTH + index * 120
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 16}" y="15" font-size="12" fill="#0b0c0c">{escape(name)}</text>')
    for row, label in enumerate(labels):
        y = legend + row * group + GAP
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + group / 2}" font-size="12" text-anchor="end" fill="#0b0c0c">'
            f"{escape(_short(label))}</text>"
        )
        for index, (_, values) in enumerate(series):
            value = values[row]
            bar = PLOT_WIDTH * value / top
            bar_y = y + index * BAR_HEIGHT
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{bar:.1f}" height="{BAR_HEIGHT - 2}" '
                f'fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + bar + 4:.1f}" y="{bar_y + BAR_HEIGHT - 5}" font-size="12" fill="#0b0c0c">'
                f"{_figure(value)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def png(table: Table) -> bytes | None:
    """The same chart as a PNG image, for the DOCX export (Pillow, which WeasyPrint already needs)."""
    labels, series = table.bars()
    if not labels:
        return None
    top = _scale(series)
    group = len(series) * BAR_HEIGHT + GAP
    legend = 22 if len(series) > 1 else 0
    scale = 2
    width, height = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, legend + len(labels) * group + GAP
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=12 * scale)
    for index, (name, _) in enumerate(series if legend else []):
        x = (LABEL_WIDTH + index * 120) * scale
        draw.rectangle([x, 4 * scale, x + 12 * scale, 16 * scale], fill=COLOURS[index % len(COLOURS)])
        draw.text((x + 16 * scale, 3 * scale), name, fill="#0b0c0c", font=font)
    for row, label in enumerate(labels):
        y = legend + row * group + GAP
        draw.text(
            ((LABEL_WIDTH - 6) * scale, (y + group / 2) * scale), _short(label), fill="#0b0c0c", font=font, anchor="rm"
        )
        for index, (_, values) in enumerate(series):
            bar = PLOT_WIDTH * values[row] / top
            bar_y = y + index * BAR_HEIGHT
            box = [LABEL_WIDTH * scale, bar_y * scale, (LABEL_WIDTH + bar) * scale, (bar_y + BAR_HEIGHT - 2) * scale]
            draw.rectangle(box, fill=COLOURS[index % len(COLOURS)])
            draw.text(((LABEL_WIDTH + bar + 4) * scale, bar_y * scale), _figure(values[row]), fill="#0b0c0c", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
