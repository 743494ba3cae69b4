"""CoordinateField: a latitude or longitude typed with a Danish decimal comma or a point."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from samskab.core.forms import CoordinateField


class PlaceForm(forms.Form):
    latitude = CoordinateField(kind="latitude")
    longitude = CoordinateField(kind="longitude")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("55,4028", Decimal("55.402800")),
        ("55.4028", Decimal("55.402800")),
        (" -12,5 ", Decimal("-12.500000")),
        ("55,40281234", Decimal("55.402812")),
    ],
)
def test_it_reads_a_comma_or_a_point(typed: str, expected: Decimal) -> None:
    form = PlaceForm({"latitude": typed, "longitude": "11,3546"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] == expected
    assert form.cleaned_data["longitude"] == Decimal("11.354600")


def test_it_leaves_both_empty_when_nothing_is_typed() -> None:
    form = PlaceForm({"latitude": "", "longitude": ""})
    assert form.is_valid()
    assert form.cleaned_data == {"latitude": None, "longitude": None}


@pytest.mark.parametrize("typed", ["Korsør", "1.234,5", "555,4", "91", "-90,5", "1e40", "NaN"])
def test_it_refuses_a_bad_latitude_with_a_plain_danish_message(typed: str) -> None:
    with translation.override("da"):
        form = PlaceForm({"latitude": typed, "longitude": ""})
        assert not form.is_valid()
        assert form.errors["latitude"] == ["Skriv breddegraden som fx 55,4028 (mellem -90 og 90)."]
        # The input is kept, as typed.
        assert f'value="{typed}"' in str(form["latitude"])


def test_it_refuses_a_bad_longitude_with_a_plain_danish_message() -> None:
    with translation.override("da"):
        form = PlaceForm({"latitude": "", "longitude": "200"})
        assert not form.is_valid()
        assert form.errors["longitude"] == [
            "Skriv længdegraden som fx 11,3546 (mellem -180 og 180)."
        ]


def test_it_shows_a_saved_value_with_a_comma_in_a_text_input() -> None:
    form = PlaceForm(initial={"latitude": Decimal("55.402800"), "longitude": Decimal("-11.5")})
    html = str(form["latitude"])
    assert 'value="55,4028"' in html and 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="-11,5"' in str(form["longitude"])
