"""A small server-side builder for horizontal bar and funnel charts.

Each figure is a row of an HTML table (label, value, and a link to the list behind it when
there is one), and its bar is a small SVG in the same row, so bars and labels always line
up. The SVG draws only the bar: no ``<text>``, because axe-core cannot decide the contrast
of SVG text, and it is hidden from assistive technology, because the table already says
everything. The partial ``core/_bar_chart.html`` renders a chart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
