"""Server-rendered SVG charts: an indicator's measurements against its baseline and target.

The geometry is computed here and drawn by ``experiments/_chart.html``. Coordinates are
passed as preformatted strings, because the template would otherwise localise them
("12,5" in Danish), which is not a valid SVG number. The numbers behind each chart are
shown in a table beside it; the chart itself is a picture with a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats

from samskab.experiments.models import Indicator, Measurement

# The SVG holds only shapes: its labels are HTML around it (``_chart.html``), so that they
# scale with the user's font size and their contrast can be checked. The plot therefore
# fills the drawing, with a small margin that matches half a label's height.
WIDTH = 640
HEIGHT = 260
LEFT = 8
RIGHT = 8
TOP = 10
BOTTOM = 10
TICKS = 5


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    label: str


@dataclass(frozen=True)
class Tick:
    position: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: str
    plot_right: str
    plot_top: str
    plot_bottom: str
    baseline_y: str
    target_y: str
    line: str
    points: list[Point]
    y_ticks: list[Tick]  # top to bottom, as the HTML labels beside the drawing are listed
    first_date: str
    last_date: str


def _n(value: float) -> str:
    return f"{value:.1f}"


def _number(value: Decimal | float, decimals: int) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _decimals(span: float) -> int:
    if span >= 20:
        return 0
    if span >= 2:
        return 1
    return 2


def indicator_chart(
    indicator: Indicator,
    measurements: Sequence[Measurement],
    *,
    start: date | None = None,
    end: date | None = None,
) -> Chart:
    """The chart of ``measurements`` (in date order) over the period ``start`` to ``end``."""
    values = [float(m.value) for m in measurements]
    baseline, target = float(indicator.baseline), float(indicator.target)
    low, high = min([baseline, target, *values]), max([baseline, target, *values])
    pad = (high - low) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if low < 0 <= min([baseline, target, *values]):
        low = 0.0  # don't draw below zero for quantities that cannot be negative

    days = [m.measured_on for m in measurements]
    first = min([*days, *([start] if start else [])], default=None)
    last = max([*days, *([end] if end else [])], default=None)

    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_height * (high - value) / (high - low)

    def x_of(day: date) -> float:
        if first is None or last is None or first == last:
            return LEFT + plot_width / 2
        return LEFT + plot_width * (day - first).days / (last - first).days

    decimals = _decimals(high - low)
    points = [
        Point(
            x=_n(x_of(m.measured_on)),
            y=_n(y_of(float(m.value))),
            label=f"{formats.date_format(m.measured_on, 'SHORT_DATE_FORMAT')}: "
            f"{_number(m.value, 2 if m.value % 1 else 0)} {indicator.unit}",
        )
        for m in measurements
    ]
    y_ticks = [
        Tick(position=_n(y_of(value)), label=_number(value, decimals))
        for value in (high - (high - low) * i / (TICKS - 1) for i in range(TICKS))
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=_n(LEFT),
        plot_right=_n(WIDTH - RIGHT),
        plot_top=_n(TOP),
        plot_bottom=_n(HEIGHT - BOTTOM),
        baseline_y=_n(y_of(baseline)),
        target_y=_n(y_of(target)),
        line=" ".join(f"{p.x},{p.y}" for p in points),
        points=points,
        y_ticks=y_ticks,
        first_date=formats.date_format(first, "SHORT_DATE_FORMAT") if first else "",
        last_date=formats.date_format(last, "SHORT_DATE_FORMAT") if last and last != first else "",
    )
