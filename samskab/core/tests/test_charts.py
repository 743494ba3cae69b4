from __future__ import annotations

import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from samskab.core.charts import LINE_HEIGHT, BarChart, ChartItem, bar_chart, line_chart


def _chart(funnel: bool = False) -> BarChart:
    items = [
        ChartItem("Indsendt", 100, "/ideer/?status=submitted"),
        ChartItem("Vurderes", 50),
        ChartItem("Afvist", 0),
        ChartItem("Sjælden", 0.1),
    ]
    return bar_chart(
        items, caption="Idéer", label_header="Hvad", value_label="Antal", funnel=funnel
    )


def test_it_draws_bars_in_proportion_to_the_largest_value() -> None:
    chart = _chart()
    widths = [bar.width for bar in chart.bars]
    assert widths[:3] == [chart.width, chart.width / 2, 0]
    # A small non-zero value is still visible.
    assert widths[3] == 2
    assert all(bar.x == 0 for bar in chart.bars)


def test_it_centres_the_bars_of_a_funnel() -> None:
    chart = _chart(funnel=True)
    for bar in chart.bars:
        assert bar.x + bar.width / 2 == chart.width / 2


def test_it_handles_no_figures() -> None:
    chart = bar_chart([], caption="Tom", label_header="Hvad", value_label="Antal")
    assert chart.bars == []
    html = render_to_string("core/_bar_chart.html", {"chart": chart})
    assert "<caption>Tom</caption>" in html


def test_it_renders_no_text_in_the_svg_and_the_figures_in_a_table_with_links() -> None:
    html = render_to_string("core/_bar_chart.html", {"chart": _chart()})
    assert "<text" not in html
    assert html.count('<svg aria-hidden="true"') == html.count("<rect") == 4
    # Each bar sits in the row of its label and figure.
    first_row = html[html.index("<tbody>") : html.index("</tr>", html.index("<tbody>"))]
    assert '<th scope="row">Indsendt</th>' in first_row
    assert '<a href="/ideer/?status=submitted">100</a>' in first_row
    assert 'width="200.0"' in first_row
    assert "<caption>Idéer</caption>" in html


def test_it_writes_coordinates_with_a_decimal_point_in_danish_too() -> None:
    chart = bar_chart(
        [ChartItem("A", 3), ChartItem("B", 1)],
        caption="C",
        label_header="Hvad",
        value_label="Antal",
        funnel=True,
    )
    with translation.override("da"):
        html = render_to_string("core/_bar_chart.html", {"chart": chart})
    assert 'width="66.7"' in html and 'x="66.7"' in html


def test_it_marks_highlighted_bars_with_a_tick_and_words_not_colour_alone() -> None:
    chart = bar_chart(
        [ChartItem("Legeplads", 10, highlighted=True), ChartItem("Bænke", 4)],
        caption="Stemmer",
        label_header="Projekt",
        value_label="Stemmer",
        highlight_label="vandt",
    )
    assert chart.has_highlights
    html = render_to_string("core/_bar_chart.html", {"chart": chart})
    assert html.count("✓") == 1
    assert "✓&nbsp;vandt" in html  # in words too, not the tick alone


def _series(*values: tuple[int, str]) -> list[tuple[datetime.date, Decimal]]:
    return [
        (datetime.date(2025, 1, 1) + datetime.timedelta(days=day), Decimal(v)) for day, v in values
    ]


def test_it_draws_a_falling_target_below_the_baseline_in_svg_numbers() -> None:
    with translation.override("da"):
        chart = line_chart(
            _series((0, "37.5"), (30, "34"), (60, "30")),
            unit="%",
            references=[(Decimal(40), "baseline", "Udgangspunkt"), (Decimal(25), "target", "Mål")],
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
        )
    baseline, target = chart.references
    # SVG y grows downwards: the lower target is drawn below the baseline.
    assert float(target.y) > float(baseline.y)
    xs = [float(point.x) for point in chart.points]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert all("," not in value for point in chart.points for value in (point.x, point.y))
    assert "," in chart.y_ticks[0].label  # the labels are Danish
    assert chart.points[0].label == "1. jan. 2025: 37,50 %"
    assert chart.first_date == "1. jan. 2025" and chart.last_date == "31. dec. 2025"
    assert all(0 <= float(point.y) <= LINE_HEIGHT for point in chart.points)


def test_it_draws_a_line_without_measurements_and_no_axis_below_zero() -> None:
    chart = line_chart(
        [], references=[(Decimal(0), "baseline", "0"), (Decimal(10), "target", "10")]
    )
    assert chart.points == [] and chart.line == ""
    assert float(chart.y_ticks[-1].label.replace(",", ".")) == 0


def test_it_renders_a_line_chart_as_one_labelled_picture_with_its_legend() -> None:
    chart = line_chart(
        _series((0, "3"), (10, "5")), references=[(Decimal(4), "target", "Mål (prikket linje)")]
    )
    html = render_to_string(
        "core/_line_chart.html",
        {
            "chart": chart,
            "chart_key": 7,
            "title": "Graf over besøg",
            "description": "2 målinger",
            "series_label": "Målinger",
            "empty_text": "Ingen målinger endnu.",
        },
    )
    assert 'role="img" aria-labelledby="graf-7-titel graf-7-beskrivelse"' in html
    assert '<title id="graf-7-titel">Graf over besøg</title>' in html
    assert 'class="chart-target"' in html and "<polyline" in html
    assert 'legend-target" aria-hidden="true"></span>Mål (prikket linje)' in html
    assert "Ingen målinger endnu." not in html
