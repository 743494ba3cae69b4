"""The trend view: reports per quarter by category and severity, and actions completed.
A stacked bar chart from samskab.core.charts, with the same figures in tables beside it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from samskab.accounts.shortcuts import require
from samskab.core.charts import StackedBarChart, StackedItem, stacked_bar_chart
from samskab.core.forms import filter_form
from samskab.learning import selectors
from samskab.learning.forms import TrendFilterForm


def _summary(total: int, done_percent: int | None) -> str:
    """ "6 reports · 0 % of the actions done" """
    text = ngettext("%(count)d report", "%(count)d reports", total) % {"count": total}
    if done_percent is None:
        return text
    return text + " · " + _("%(percent)d %% of the actions done") % {"percent": done_percent}


def trend_chart(trends: selectors.Trends) -> StackedBarChart:
    """One stacked bar per quarter, split by severity (lightest to darkest)."""
    return stacked_bar_chart(
        (
            StackedItem(
                label=quarter.label,
                parts=[quarter.by_severity.get(value, 0) for value, _l, _c in trends.severities],
                summary=_summary(quarter.total, quarter.done_percent),
            )
            for quarter in trends.quarters
        ),
        part_labels=[str(label) for _value, label, _counts in trends.severities],
        caption=_("Reports per quarter, split by severity"),
        label_header=_("Quarter"),
        value_label=_("Reports and actions done"),
    )


@login_required
@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    require(request, "learning.view_trends")
    form = filter_form(TrendFilterForm, request.GET)
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
