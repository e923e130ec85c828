"""Server-rendered SVG charts: geometry computed here, drawn as SVG markup by ``svg()``.

No script and no inline style (the CSP forbids both): shapes carry presentation attributes and CSS
classes from static/reports/reports.css. Every label goes through ``format_html`` (escaped), so text
from the database can never become markup. Every chart has a title for screen readers, and the pages
show the same numbers in a table beside it. Drawn in Python rather than by a template: a dashboard has
a few hundred shapes, and string formatting is several times faster than template nodes.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator, slugify

LABEL_WIDTH = 220
BAR_AREA = 380
VALUE_GAP = 8
ROW = 26
BAR = 18
TOP = 6
PALETTE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass(frozen=True, slots=True)
class BarChart:
    id: str
    title: str
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int
    bars: tuple[Bar, ...]
    css: str

    def svg(self) -> SafeString:
        body = format_html_join("", (
            '<text x="{}" y="{}" text-anchor="end" class="reports-label">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" class="reports-bar"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" class="reports-value">{}</text>'), (
            (self.label_x, bar.text_y, _short(bar.label, 28), self.bar_x, bar.y, bar.width, self.bar_height,
             bar.label, bar.value, bar.value_x, bar.text_y, bar.value) for bar in self.bars))
        return _svg(self, body)


def _short(text: str, length: int) -> str:
    return Truncator(text).chars(length)


def _svg(chart, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title" class="reports-svg"><title id="{}-title">{}</title>{}</svg>',
        chart.width, chart.height, chart.id, chart.id, chart.title, body)


def _chart_id(title: str, suffix: str) -> str:
    return f"chart-{slugify(suffix or title, allow_unicode=False) or 'c'}"


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, key: str, css: str = "") -> BarChart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        y = TOP + index * ROW
        width = round(value / largest * BAR_AREA, 1)
        bars.append(Bar(label=str(label), value=value, y=y, width=width, text_y=y + BAR - 4,
                        value_x=LABEL_WIDTH + width + VALUE_GAP))
    return BarChart(id=_chart_id(title, key), title=str(title), width=LABEL_WIDTH + BAR_AREA + 70,
                    height=TOP * 2 + max(len(bars), 1) * ROW, label_x=LABEL_WIDTH - 8, bar_x=LABEL_WIDTH,
                    bar_height=BAR, bars=tuple(bars), css=css)


@dataclass(frozen=True, slots=True)
class Segment:
    key: str
    label: str
    value: int
    x: float
    width: float
    css: str


@dataclass(frozen=True, slots=True)
class StackedRow:
    label: str
    total: int
    y: float
    text_y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class LegendItem:
    label: str
    css: str
    x: float
    y: float
    text_x: float
    text_y: float


@dataclass(frozen=True, slots=True)
class StackedChart:
    id: str
    title: str
    width: int
    height: int
    label_x: int
    bar_height: int
    rows: tuple[StackedRow, ...]
    legend: tuple[LegendItem, ...]
    percent: bool
    total_x: int

    def svg(self) -> SafeString:
        rows = format_html_join("", '<text x="{}" y="{}" text-anchor="end" class="reports-label">{}</text>{}'
                                    '<text x="{}" y="{}" class="reports-value">{}</text>', (
            (self.label_x, row.text_y, _short(row.label, 28),
             format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{} · {}: {}</title>'
                                  '</rect>', ((seg.x, row.y, seg.width, self.bar_height, seg.css, row.label,
                                               seg.label, seg.value) for seg in row.segments)),
             self.total_x, row.text_y, row.total) for row in self.rows))
        legend = format_html_join("", '<rect x="{}" y="{}" width="12" height="12" class="{}"/>'
                                      '<text x="{}" y="{}" class="reports-legend">{}</text>', (
            (item.x, item.y, item.css, item.text_x, item.text_y, _short(item.label, 22)) for item in self.legend))
        return _svg(self, rows + legend)


LEGEND_COLUMNS = 4
LEGEND_ROW = 18


def stacked_chart(rows: Sequence[tuple[str, Sequence[int]]], *, legend: Sequence[str], title: str, key: str,
                  percent: bool = False) -> StackedChart:
    """One horizontal bar per row, split into segments (one per legend entry, in order). With
    ``percent`` every row fills the width (shares); otherwise rows are scaled to the largest total."""
    largest = max((sum(values) for _, values in rows), default=0) or 1
    out = []
    for index, (label, values) in enumerate(rows):
        total = sum(values)
        scale = (BAR_AREA / total if total else 0) if percent else BAR_AREA / largest
        x = float(LABEL_WIDTH)
        segments = []
        for position, value in enumerate(values):
            width = round(value * scale, 1)
            if value:
                segments.append(Segment(key=str(position), label=str(legend[position]), value=value, x=round(x, 1),
                                        width=width, css=f"seg-{position % PALETTE_SIZE}"))
            x += width
        y = TOP + index * ROW
        out.append(StackedRow(label=str(label), total=total, y=y, text_y=y + BAR - 4, segments=tuple(segments)))
    legend_top = TOP + max(len(out), 1) * ROW + 10
    step = (LABEL_WIDTH + BAR_AREA) / LEGEND_COLUMNS
    items = []
    for i, name in enumerate(legend):
        x, y = round((i % LEGEND_COLUMNS) * step, 1), legend_top + (i // LEGEND_COLUMNS) * LEGEND_ROW
        items.append(LegendItem(label=str(name), css=f"seg-{i % PALETTE_SIZE}", x=x, y=y, text_x=x + 16,
                                text_y=y + 11))
    legend_rows = -(-len(items) // LEGEND_COLUMNS)
    return StackedChart(id=_chart_id(title, key), title=str(title), width=LABEL_WIDTH + BAR_AREA + 70,
                        height=int(legend_top + legend_rows * LEGEND_ROW + 8), label_x=LABEL_WIDTH - 8,
                        bar_height=BAR, rows=tuple(out), legend=tuple(items), percent=percent,
                        total_x=LABEL_WIDTH + BAR_AREA + VALUE_GAP)


@dataclass(frozen=True, slots=True)
class DataTable:
    """The numbers of a stacked chart, for the table shown beside it."""

    head: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...], int], ...]


def data_table(rows: Sequence[tuple[str, Sequence[int]]], legend: Sequence[str]) -> DataTable:
    return DataTable(head=tuple(str(x) for x in legend),
                     rows=tuple((str(label), tuple(values), sum(values)) for label, values in rows))
