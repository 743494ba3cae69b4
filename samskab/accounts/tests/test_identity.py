from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from samskab.accounts.identity import (
    InvalidCPR,
    age_on,
    cpr_birth_date,
    normalise_cpr,
    person_key_from_cpr,
)
from samskab.accounts.services import user_create


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("010749-1234", datetime.date(1949, 7, 1)),  # 7th digit 1: 1900s
        ("1503124321", datetime.date(2012, 3, 15)),  # 4 and year <= 36: 2000s
        ("1503504321", datetime.date(1950, 3, 15)),  # 4 and year > 36: 1900s
        ("0101105123", datetime.date(2010, 1, 1)),  # 5 and year <= 57: 2000s
        ("0101605123", datetime.date(1860, 1, 1)),  # 5 and year > 57: 1800s
        ("2902009123", datetime.date(2000, 2, 29)),  # 9 and year <= 36: leap day 2000
    ],
)
def test_it_reads_the_birth_date_and_century_from_a_cpr_number(cpr: str, born: object) -> None:
    assert cpr_birth_date(cpr) == born


@pytest.mark.parametrize("text", ["", "12345", "3102801234", "0113801234", "abcdefghij"])
def test_it_rejects_text_that_is_not_a_cpr_number(text: str) -> None:
    with pytest.raises(InvalidCPR):
        cpr_birth_date(text)


def test_it_gives_the_same_key_with_or_without_the_dash() -> None:
    assert person_key_from_cpr("010749-1234") == person_key_from_cpr("0107491234")
    assert normalise_cpr(" 010749-1234 ") == "0107491234"


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(1999, 12, 31)))
def test_it_never_puts_the_cpr_number_into_the_key(born: datetime.date) -> None:
    cpr = f"{born:%d%m%y}1234"
    key = person_key_from_cpr(cpr)
    assert len(key) == 64
    assert cpr not in key and cpr[:6] not in key


def test_it_depends_on_the_server_secret() -> None:
    first = person_key_from_cpr("0107491234")
    with override_settings(IDENTITY_HASH_KEY="another-secret"):
        assert person_key_from_cpr("0107491234") != first


def test_it_counts_age_in_whole_years() -> None:
    born = datetime.date(2011, 6, 15)
    assert age_on(born, datetime.date(2026, 6, 14)) == 14
    assert age_on(born, datetime.date(2026, 6, 15)) == 15


@pytest.mark.django_db
def test_it_stores_no_cpr_number_anywhere_in_the_user_row() -> None:
    user = user_create(email="a@example.dk", name="A", cpr="010749-1234")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_user WHERE id = %s", [user.pk])
        row = cursor.fetchone()
    text = " ".join(str(value) for value in row)
    assert "0107491234" not in text and "010749-1234" not in text
    assert user.person_key == person_key_from_cpr("0107491234")
    assert user.birth_date == datetime.date(1949, 7, 1)
