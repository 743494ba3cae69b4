"""The one chart helper of the site: server-side bar, funnel, stacked bar and line charts.

Each figure is a row of an HTML table (label, value, and a link to the list behind it when
there is one), and its bar is a small SVG in the same row, so bars and labels always line
up. The SVG draws only the bar: no ``<text>``, because axe-core cannot decide the contrast
of SVG text, and it is hidden from assistive technology, because the table already says
everything. The partial ``core/_bar_chart.html`` renders a chart.

A line chart (``line_chart``, drawn by ``core/_line_chart.html``) is one picture with a text
alternative, its labels HTML around the SVG and its numbers in a table beside it.
Coordinates are preformatted strings, because a template would localise them ("12,5" in
Danish), which is not a valid SVG number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats

BAR_HEIGHT = 14
WIDTH = 200


@dataclass(frozen=True)
class ChartItem:
    """One figure: its label, its value and, when there is one, the list behind it."""

    label: str
    value: int | float
    url: str | None = None
    # Marked with a tick and a darker bar (e.g. a winning project), never by colour alone.
    highlighted: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float
    url: str | None
    x: float
    width: float
    highlighted: bool = False


@dataclass(frozen=True)
class BarChart:
    caption: str
    label_header: str
    value_label: str
    width: int
    bar_height: int
    bars: list[Bar]
    highlight_label: str = ""

    @property
    def has_highlights(self) -> bool:
        return any(bar.highlighted for bar in self.bars)


def bar_chart(
    items: Iterable[ChartItem],
    *,
    caption: str,
    label_header: str,
    value_label: str,
    funnel: bool = False,
    width: int = WIDTH,
    highlight_label: str = "",
) -> BarChart:
    """Bars in proportion to the largest value; a funnel centres each bar. The texts are
    the table's caption and its column headers, already translated by the caller;
    ``highlight_label`` is read out after a highlighted value ("won").

    A non-zero value always gets a visible sliver, so "a few" never looks like "none".
    """
    rows = list(items)
    top = max((float(item.value) for item in rows), default=0.0) or 1.0
    bars = []
    for item in rows:
        value = float(item.value)
        bar_width = round(width * value / top, 1)
        if value and bar_width < 2:
            bar_width = 2.0
        bars.append(
            Bar(
                label=item.label,
                value=item.value,
                url=item.url,
                x=round((width - bar_width) / 2, 1) if funnel else 0.0,
                width=bar_width,
                highlighted=item.highlighted,
            )
        )
    return BarChart(
        caption=caption,
        label_header=label_header,
        value_label=value_label,
        width=width,
        bar_height=BAR_HEIGHT,
        bars=bars,
        highlight_label=highlight_label,
    )


# Stacked bars: the parts of each bar, lightest to darkest. The legend uses the CSS classes
# "swatch swatch-<n>" in the same order, and the figures are in the table, so colour is
# never the only cue.
STACK_FILLS = ["#d9e8f0", "#9cc3d9", "#4f8fb3", "#1f5f87", "#0b3550"]


@dataclass(frozen=True)
class StackedItem:
    """One bar made of parts (e.g. reports per severity), and the words for its row."""

    label: str
    parts: list[int]
    summary: str


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    value: int
    fill: str


@dataclass(frozen=True)
class StackedRow:
    label: str
    summary: str
    segments: list[Segment]


@dataclass(frozen=True)
class StackedBarChart:
    caption: str
    label_header: str
    value_label: str
    width: int
    bar_height: int
    rows: list[StackedRow]
    legend: list[tuple[str, str]]  # (part label, CSS class of its swatch)


def stacked_bar_chart(
    items: Iterable[StackedItem],
    *,
    part_labels: list[str],
    caption: str,
    label_header: str,
    value_label: str,
    width: int = WIDTH,
) -> StackedBarChart:
    """Horizontal stacked bars in proportion to the largest total, drawn like
    ``bar_chart``: a table row per bar, its SVG only shapes. At most len(STACK_FILLS)
    parts."""
    rows_in = list(items)
    top = max((sum(item.parts) for item in rows_in), default=0) or 1
    rows = []
    for item in rows_in:
        x = 0.0
        segments = []
        for value, fill in zip(item.parts, STACK_FILLS, strict=False):
            if not value:
                continue
            segment_width = round(width * value / top, 1)
            segments.append(Segment(x=x, width=segment_width, value=value, fill=fill))
            x = round(x + segment_width, 1)
        rows.append(StackedRow(label=item.label, summary=item.summary, segments=segments))
    return StackedBarChart(
        caption=caption,
        label_header=label_header,
        value_label=value_label,
        width=width,
        bar_height=BAR_HEIGHT,
        rows=rows,
        legend=[(label, f"swatch swatch-{index}") for index, label in enumerate(part_labels)],
    )


# Line charts. The SVG holds only shapes: its labels are HTML around it, so that they scale
# with the user's font size and their contrast can be checked. The plot therefore fills the
# drawing, with a small margin that matches half a label's height.
LINE_WIDTH = 640
LINE_HEIGHT = 260
LINE_MARGIN_X = 8
LINE_MARGIN_Y = 10
LINE_TICKS = 5


@dataclass(frozen=True)
class LinePoint:
    x: str
    y: str
    label: str


@dataclass(frozen=True)
class Tick:
    position: str
    label: str


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal line across the plot (e.g. a baseline or a target); kind names its CSS
    classes ``chart-<kind>`` and ``legend-<kind>``, label is its legend text."""

    y: str
    kind: str
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot_left: str
    plot_right: str
    plot_top: str
    plot_bottom: str
    line: str
    points: list[LinePoint]
    references: list[ReferenceLine]
    y_ticks: list[Tick]  # top to bottom, as the HTML labels beside the drawing are listed
    first_date: str
    last_date: str


def _svg_number(value: float) -> str:
    return f"{value:.1f}"


def _label_number(value: Decimal | float, decimals: int) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _decimals(span: float) -> int:
    if span >= 20:
        return 0
    if span >= 2:
        return 1
    return 2


def line_chart(
    series: Sequence[tuple[date, Decimal | float]],
    *,
    unit: str = "",
    references: Sequence[tuple[Decimal | float, str, str]] = (),
    start: date | None = None,
    end: date | None = None,
) -> LineChart:
    """A line through ``series`` ((day, value) in date order) over the period ``start`` to
    ``end``, with horizontal ``references`` ((value, kind, label)). The value axis covers
    the series and the references with a margin, and never goes below zero when nothing
    is negative."""
    values = [float(value) for _day, value in series]
    everything = [float(value) for value, _kind, _label in references] + values
    low, high = min(everything, default=0.0), max(everything, default=0.0)
    pad = (high - low) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if low < 0 <= min(everything, default=0.0):
        low = 0.0  # don't draw below zero for quantities that cannot be negative

    days = [day for day, _value in series]
    first = min([*days, *([start] if start else [])], default=None)
    last = max([*days, *([end] if end else [])], default=None)

    plot_width = LINE_WIDTH - 2 * LINE_MARGIN_X
    plot_height = LINE_HEIGHT - 2 * LINE_MARGIN_Y

    def y_of(value: float) -> float:
        return LINE_MARGIN_Y + plot_height * (high - value) / (high - low)

    def x_of(day: date) -> float:
        if first is None or last is None or first == last:
            return LINE_MARGIN_X + plot_width / 2
        return LINE_MARGIN_X + plot_width * (day - first).days / (last - first).days

    decimals = _decimals(high - low)
    unit_suffix = f" {unit}" if unit else ""
    points = [
        LinePoint(
            x=_svg_number(x_of(day)),
            y=_svg_number(y_of(float(value))),
            label=f"{formats.date_format(day, 'SHORT_DATE_FORMAT')}: "
            f"{_label_number(value, 2 if value % 1 else 0)}{unit_suffix}",
        )
        for day, value in series
    ]
    y_ticks = [
        Tick(position=_svg_number(y_of(value)), label=_label_number(value, decimals))
        for value in (high - (high - low) * i / (LINE_TICKS - 1) for i in range(LINE_TICKS))
    ]
    return LineChart(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        plot_left=_svg_number(LINE_MARGIN_X),
        plot_right=_svg_number(LINE_WIDTH - LINE_MARGIN_X),
        plot_top=_svg_number(LINE_MARGIN_Y),
        plot_bottom=_svg_number(LINE_HEIGHT - LINE_MARGIN_Y),
        line=" ".join(f"{p.x},{p.y}" for p in points),
        points=points,
        references=[
            ReferenceLine(y=_svg_number(y_of(float(value))), kind=kind, label=label)
            for value, kind, label in references
        ],
        y_ticks=y_ticks,
        first_date=formats.date_format(first, "SHORT_DATE_FORMAT") if first else "",
        last_date=formats.date_format(last, "SHORT_DATE_FORMAT") if last and last != first else "",
    )
