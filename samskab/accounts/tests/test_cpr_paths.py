"""A CPR number is exactly ten ASCII digits (one hyphen allowed) with a real birth date.

Every path that turns a CPR number into a person key or a birth date refuses the same
hostile spellings: other scripts' digits read as the same birth date by ``int()`` but would
give another person key, so one person could get a ballot per spelling.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from samskab.accounts import oidc
from samskab.accounts.identity import (
    InvalidCPR,
    cpr_birth_date,
    looks_like_cpr,
    normalise_cpr,
    parse_cpr,
    person_key_from_cpr,
    validate_cpr,
)
from samskab.accounts.log_filters import redact_cpr
from samskab.accounts.residency import ClaimResidency, LocalRegister, Residence
from samskab.accounts.services import user_create
from samskab.budgets.ballots import voter_from_cpr
from samskab.learning.screening import cpr_numbers

# The test identity 010749-1234 written in ways that must all be refused.
HOSTILE = {
    "arabic-indic": "\u0660\u0661\u0660\u0667\u0664\u0669\u0661\u0662\u0663\u0664",
    "persian": "\u06f0\u06f1\u06f0\u06f7\u06f4\u06f9\u06f1\u06f2\u06f3\u06f4",
    "fullwidth": "\uff10\uff11\uff10\uff17\uff14\uff19\uff11\uff12\uff13\uff14",
    "devanagari": "\u0966\u0967\u0966\u096d\u096a\u096f\u0967\u0968\u0969\u096a",
    "bengali-with-hyphen": "\u09e6\u09e7\u09e6\u09ed\u09ea\u09ef-\u09e7\u09e8\u09e9\u09ea",
    "math-bold": "".join(chr(0x1D7CE + int(d)) for d in "0107491234"),
    "one-arabic-digit": "010749123\u0664",
    "two-hyphens": "010749--1234",
    "hyphens-in-two-places": "01-0749-1234",
    "hyphen-in-the-wrong-place": "0107-491234",
    "space-inside": "010749 1234",
    "en-dash": "010749\u20131234",
    "non-breaking-hyphen": "010749\u20111234",
    "zero-width-space": "0107491234\u200b",
    "superscript": "\u2070\u00b9\u2070\u2077\u2074\u2079\u00b9\u00b2\u00b3\u2074",
    "nine-digits": "010749123",
    "eleven-digits": "01074912345",
    "no-such-date": "3102801234",
    "month-13": "0113801234",
    "empty": "",
    "letters": "abcdefghij",
}
HOSTILE_VALUES = list(HOSTILE.values())
HOSTILE_IDS = list(HOSTILE)


def _mitid(cpr: str) -> object:
    return oidc.resident_identity({"cpr": cpr, "name": "X", "municipal_resident": True})


def _voter(cpr: str) -> object:
    return voter_from_cpr(cpr, lives_in_municipality=True, area=None)


# Each path, and the exception by which it refuses.
PATHS: dict[str, tuple[Callable[[str], object], type[Exception]]] = {
    "parse_cpr": (parse_cpr, InvalidCPR),
    "person_key": (person_key_from_cpr, InvalidCPR),
    "birth_date": (cpr_birth_date, InvalidCPR),
    "normalise": (normalise_cpr, InvalidCPR),
    "form-validator": (validate_cpr, ValidationError),
    "mitid-login": (_mitid, oidc.LoginFailed),
    "assisted-voting-desk": (_voter, ValueError),
    "local-register": (lambda cpr: LocalRegister().residence(cpr=cpr, claims={}), InvalidCPR),
}


@pytest.fixture(autouse=True)
def _mitid_settings(settings) -> None:
    settings.MITID_OIDC_CPR_CLAIM = "cpr"
    settings.MITID_OIDC_NAME_CLAIM = "name"
    settings.MITID_OIDC_RESIDENCY_CLAIM = "municipal_resident"
    settings.IDENTITY_RESIDENCY_ADAPTER = "samskab.accounts.residency.ClaimResidency"


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("cpr", HOSTILE_VALUES, ids=HOSTILE_IDS)
def test_it_refuses_every_hostile_spelling_in_every_path(path: str, cpr: str) -> None:
    function, refusal = PATHS[path]
    with pytest.raises(refusal):
        function(cpr)


@pytest.mark.django_db
@pytest.mark.parametrize("cpr", HOSTILE_VALUES, ids=HOSTILE_IDS)
def test_it_creates_no_account_from_a_hostile_spelling(cpr: str) -> None:
    with pytest.raises(InvalidCPR):
        user_create(email="a@example.dk", name="A", cpr=cpr or "x")


@pytest.mark.parametrize(
    "spelling", ["0107491234", "010749-1234", " 010749-1234 ", "\t0107491234\n"]
)
def test_it_accepts_ten_ascii_digits_with_or_without_one_hyphen(spelling: str) -> None:
    assert parse_cpr(spelling).digits == "0107491234"
    assert parse_cpr(spelling).birth_date == datetime.date(1949, 7, 1)
    assert person_key_from_cpr(spelling) == person_key_from_cpr("0107491234")


def test_it_refuses_in_danish() -> None:
    from django.utils import translation

    with translation.override("da"), pytest.raises(ValidationError) as error:
        validate_cpr(HOSTILE["arabic-indic"])
    assert "CPR-nummer" in error.value.messages[0]
    with translation.override("da"), pytest.raises(ValidationError) as error:
        validate_cpr("3102801234")
    assert "fødselsdato" in error.value.messages[0]


def test_it_gives_the_mitid_login_and_the_register_the_same_checked_number() -> None:
    seen: list[str] = []

    class Recording(ClaimResidency):
        def residence(self, *, cpr: str, claims: Any) -> Residence:
            seen.append(cpr)
            return Residence(lives_in_municipality=True)

    from unittest import mock

    with mock.patch("samskab.accounts.oidc.residency_adapter", return_value=Recording()):
        identity = oidc.resident_identity({"cpr": " 010749-1234 ", "name": "Bente"})
    assert seen == ["0107491234"]
    assert identity.person_key == person_key_from_cpr("0107491234")


# Digits of every script, hyphens and spaces: whatever is accepted is ten ASCII digits.
SPELLING = st.text(
    alphabet=st.sampled_from(
        list("0123456789- ")
        + ["\u0660", "\u0664", "\u06f4", "\uff10", "\uff14", "\u0966", "\u096a", "\u2011"]
    ),
    min_size=9,
    max_size=14,
)


@given(SPELLING)
def test_it_never_gives_two_person_keys_for_one_number(text: str) -> None:
    try:
        checked = parse_cpr(text)
    except InvalidCPR:
        return
    ascii_digits = "".join(char for char in text if char in "0123456789")
    assert checked.digits == ascii_digits and len(ascii_digits) == 10
    assert text.strip().replace("-", "", 1) == ascii_digits
    assert person_key_from_cpr(text) == person_key_from_cpr(ascii_digits)


@pytest.mark.parametrize("name", ["arabic-indic", "fullwidth", "devanagari", "one-arabic-digit"])
def test_it_still_removes_cpr_numbers_in_any_script_from_logs_and_free_text(name: str) -> None:
    text = f"Borgeren {HOSTILE[name]} ringede"
    assert looks_like_cpr(HOSTILE[name])
    assert redact_cpr(text) == "Borgeren [CPR] ringede"
    assert cpr_numbers(text) == [HOSTILE[name]]
