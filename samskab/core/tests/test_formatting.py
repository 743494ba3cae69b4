from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from samskab.core.formatting import format_kroner
from samskab.core.markdown import render_markdown

NBSP = "\N{NO-BREAK SPACE}"


def test_it_formats_kroner_the_danish_way() -> None:
    with translation.override("da"):
        assert format_kroner(1234567) == f"1.234.567{NBSP}kr."
        assert format_kroner(Decimal("1234.5"), decimals=2) == f"1.234,50{NBSP}kr."


def test_it_formats_kroner_in_english_with_the_currency_code() -> None:
    with translation.override("en"):
        assert format_kroner(1234567) == f"DKK{NBSP}1,234,567"


def test_it_leaves_a_missing_amount_empty() -> None:
    assert format_kroner(None) == ""


def test_it_formats_dates_and_numbers_in_danish_in_templates() -> None:
    import datetime

    template = Template("{{ day|date }} {{ n }}")
    with translation.override("da"):
        text = template.render(Context({"day": datetime.date(2026, 3, 5), "n": 1234.5}))
    assert text == "5. marts 2026 1.234,5"


def test_it_renders_markdown() -> None:
    html = render_markdown("# Titel\n\nEn **fed** [henvisning](https://slagelse.dk).")
    assert "<h2>Titel</h2>" in html
    assert "<strong>fed</strong>" in html
    assert 'href="https://slagelse.dk"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_strips_scripts_and_dangerous_links_from_markdown() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n<img src=x onerror="alert(1)">'
    )
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_it_offers_markdown_and_kroner_as_template_filters() -> None:
    template = Template("{% load samskab %}{{ text|markdown }}|{{ amount|kr }}")
    with translation.override("da"):
        out = template.render(Context({"text": "*hej* <b onclick=x>", "amount": 2500}))
    assert "<em>hej</em>" in out
    assert "onclick" not in out
    assert out.endswith(f"2.500{NBSP}kr.")
