"""The CPR check and the name flags, on their own and in the report form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from samskab.accounts.models import User
from samskab.learning.models import LearningReport
from samskab.learning.screening import cpr_numbers, likely_names
from samskab.learning.tests.factories import department


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(0, 9999),
    st.sampled_from(["-", "", " "]),
)
def test_it_finds_a_cpr_number_with_any_valid_date(date: dt.date, serial: int, sep: str) -> None:
    number = f"{date:%d%m%y}{sep}{serial:04d}"
    assert cpr_numbers(f"Borgeren ({number}) ringede.") == [number]


@given(
    st.integers(1, 99).filter(lambda d: d > 31 or d == 0),
    st.integers(1, 12),
    st.integers(0, 99),
)
def test_it_ignores_numbers_whose_day_is_no_date(day: int, month: int, year: int) -> None:
    assert cpr_numbers(f"Sag {day:02d}{month:02d}{year:02d}-1234") == []


@given(st.integers(13, 99), st.integers(1, 28), st.integers(0, 99))
def test_it_ignores_numbers_whose_month_is_no_date(month: int, day: int, year: int) -> None:
    assert cpr_numbers(f"Sag {day:02d}{month:02d}{year:02d}1234") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("3102901234", []),  # 31 February
        ("2902011234", []),  # 29 February 2001 (and 1901): no leap year
        ("2902001234", ["2902001234"]),  # 29 February 2000
        ("300490-1234", ["300490-1234"]),  # 30 April
        ("Journal 12345678901", []),  # longer number
        ("Tlf. 12 34 56 78", []),
        ("010203-4567-89", []),  # part of a longer code
    ],
)
def test_it_checks_the_date_of_a_cpr_number(text: str, found: list[str]) -> None:
    assert cpr_numbers(text) == found


def test_it_flags_likely_names() -> None:
    text = (
        "Jeg talte med Jonas Kjær fra vagten. Mette sagde, at Slagelse Kommune havde "
        "ændret Digital Post. Der var travlt."
    )
    assert likely_names(text) == ["Jonas Kjær", "Mette"]


def test_it_does_not_flag_ordinary_sentences() -> None:
    assert likely_names("Der var travlt. Systemet gik ned i to timer, og vi ventede.") == []


@pytest.mark.django_db
def test_it_refuses_a_cpr_number_naming_the_field_and_keeps_what_was_typed(
    client: Client, employee: User
) -> None:
    client.force_login(employee)
    data = {
        "kind": "error",
        "title": "Forkert brev sendt",
        "what_happened": "Brevet til borger 010203-1234 gik til en anden borger.",
        "context": "Travl eftermiddag med mange sager.",
        "severity": "moderate",
        "category": "casework",
        "department": department().pk,
    }
    response = client.post(reverse("learning:report_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Feltet »Hvad skete der?« ser ud til at indeholde et CPR-nummer" in html
    assert "Travl eftermiddag med mange sager." in html  # kept
    assert "Forkert brev sendt" in html
    assert 'aria-invalid="true"' in html
    assert not LearningReport.objects.exists()
