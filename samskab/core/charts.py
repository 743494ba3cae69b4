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
