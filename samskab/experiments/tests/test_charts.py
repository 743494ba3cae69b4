from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import translation

from samskab.experiments.charts import HEIGHT, indicator_chart
from samskab.experiments.models import Indicator, Measurement


def measurements(*values: tuple[int, str]) -> list[Measurement]:
    return [
        Measurement(
            measured_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day), value=Decimal(v)
        )
        for day, v in values
    ]


def test_it_draws_a_falling_target_below_the_baseline_in_svg_numbers() -> None:
    indicator = Indicator(name="Ensomhed", unit="%", baseline=Decimal(40), target=Decimal(25))
    with translation.override("da"):
        chart = indicator_chart(
            indicator,
            measurements((0, "37.5"), (30, "34"), (60, "30")),
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
        )
    # SVG y grows downwards: the lower target is drawn below the baseline.
    assert float(chart.target_y) > float(chart.baseline_y)
    xs = [float(point.x) for point in chart.points]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert all("," not in value for point in chart.points for value in (point.x, point.y))
    assert "," in chart.y_ticks[0].label  # the labels are Danish
    assert chart.first_date == "1. jan. 2025" and chart.last_date == "31. dec. 2025"
    assert all(0 <= float(point.y) <= HEIGHT for point in chart.points)


def test_it_draws_an_indicator_without_measurements() -> None:
    indicator = Indicator(name="Besøg", unit="besøg", baseline=Decimal(0), target=Decimal(10))
    chart = indicator_chart(indicator, [])
    assert chart.points == [] and chart.line == ""
    assert float(chart.y_ticks[-1].label.replace(",", ".")) == 0  # no axis below zero
