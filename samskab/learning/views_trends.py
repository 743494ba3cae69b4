"""The trend view: reports per quarter by category and severity, and actions completed.
A server-rendered SVG chart with the same figures in tables beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from samskab.accounts.shortcuts import require
from samskab.learning import selectors
from samskab.learning.forms import TrendFilterForm

# Fill and pattern per severity, lightest to darkest; the chart's segments also carry the
# count as text, and the legend repeats the order, so colour is never the only cue.
SEVERITY_FILLS = ["#d9e8f0", "#9cc3d9", "#4f8fb3", "#1f5f87", "#0b3550"]
SEVERITY_TEXT = ["#1b1b1b", "#1b1b1b", "#ffffff", "#ffffff", "#ffffff"]
SEVERITY_CLASSES = [f"swatch swatch-{index}" for index in range(len(SEVERITY_FILLS))]


@dataclass
class Segment:
    x: float
    width: float
    count: int
    fill: str
    text_fill: str
    label: str


@dataclass
class Row:
    label: str
    y: float
    text_y: float
    segments: list[Segment]
    total: int
    total_x: float
    summary: str


@dataclass
class Chart:
    width: int
    height: int
    bar_x: int
    bar_height: int
    rows: list[Row]
    legend: list[tuple[str, str]]


def _summary(total: int, done_percent: int | None) -> str:
    """ "6 reports · 0 % of the actions done" """
    text = ngettext("%(count)d report", "%(count)d reports", total) % {"count": total}
    if done_percent is None:
        return text
    return text + " · " + _("%(percent)d %% of the actions done") % {"percent": done_percent}


def trend_chart(trends: selectors.Trends) -> Chart:
    """Horizontal stacked bars, one per quarter, split by severity."""
    label_width, bar_width, bar_height, gap = 70, 280, 24, 12
    most = max((quarter.total for quarter in trends.quarters), default=0) or 1
    rows: list[Row] = []
    for index, quarter in enumerate(trends.quarters):
        y = 10 + index * (bar_height + gap)
        x = float(label_width)
        segments = []
        for (value, label, _counts), fill, text_fill in zip(
            trends.severities, SEVERITY_FILLS, SEVERITY_TEXT, strict=True
        ):
            count = quarter.by_severity.get(value, 0)
            if not count:
                continue
            width = bar_width * count / most
            segments.append(Segment(x, width, count, fill, text_fill, label))
            x += width
        rows.append(
            Row(
                label=quarter.label,
                y=y,
                text_y=y + bar_height * 0.7,
                segments=segments,
                total=quarter.total,
                total_x=x + 6,
                summary=_summary(quarter.total, quarter.done_percent),
            )
        )
    legend = [
        (label, css_class)
        for (_value, label, _counts), css_class in zip(
            trends.severities, SEVERITY_CLASSES, strict=True
        )
    ]
    return Chart(
        width=label_width + bar_width + 340,
        height=10 + len(rows) * (bar_height + gap),
        bar_x=label_width,
        bar_height=bar_height,
        rows=rows,
        legend=legend,
    )


@login_required
@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    require(request, "learning.view_trends")
    form = TrendFilterForm(request.GET or None)
    department = form.cleaned_data.get("department") if form.is_valid() else None
    figures = selectors.trends(department=department, today=timezone.localdate())
    context: dict[str, Any] = {
        "form": form,
        "department": department,
        "trends": figures,
        "chart": trend_chart(figures),
        "total": sum(quarter.total for quarter in figures.quarters),
    }
    return render(request, "learning/trends.html", context)
