"""Personal identity without storing CPR numbers.

A person is identified across logins and channels (online, assisted voting at the citizen
service desk) by a *person key*: HMAC-SHA256 of the normalised CPR number with a server
secret (``IDENTITY_HASH_KEY``). The key cannot be turned back into the CPR number without
the secret, and the CPR number itself is never stored or logged. The birth date and so the
age come from the CPR number by the rules of the CPR office (the 7th digit gives the
century).

Every path that turns a CPR number into a person key or a birth date (MitID login, the
assisted-voting desk, residency adapters, accounts made by the municipality and the demo)
goes through ``parse_cpr``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Exactly ten ASCII digits, with at most one hyphen after the date. ``[0-9]`` and not
# ``\d``: in Python ``\d`` also matches Arabic-Indic, fullwidth, Devanagari and other
# digits, which ``int()`` reads as the same birth date but which would give another
# person key, so one person could vote once per way of writing the number.
CPR_PATTERN = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})", re.ASCII)

INVALID_FORM = _("A CPR number has 10 digits (0-9), written DDMMÅÅ-XXXX or DDMMÅÅXXXX.")
INVALID_DATE = _("The CPR number does not contain a real date of birth.")


class InvalidCPR(ValueError):
    """The text is not a CPR number with a real birth date (``message`` says why)."""

    def __init__(self, message: _StrPromise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CPR:
    """A checked CPR number: ten ASCII digits and the birth date they encode."""

    digits: str
    birth_date: datetime.date


def parse_cpr(cpr: str) -> CPR:
    """The one place where text becomes a CPR number; raises ``InvalidCPR`` for anything
    else. Spaces around the number are trimmed; nothing else is changed or guessed."""
    match = CPR_PATTERN.fullmatch(cpr.strip()) if isinstance(cpr, str) else None
    if not match:
        raise InvalidCPR(INVALID_FORM)
    day, month, year2, serial = match.groups()
    return CPR(
        digits=day + month + year2 + serial, birth_date=_birth_date(day, month, year2, serial)
    )


def _birth_date(day: str, month: str, year: str, serial: str) -> datetime.date:
    """The birth date by the CPR office's rules (the 7th digit gives the century)."""
    year2, digit7 = int(year), int(serial[0])
    if digit7 <= 3:
        century = 1900
    elif digit7 in (4, 9):
        century = 2000 if year2 <= 36 else 1900
    else:  # 5-8
        century = 2000 if year2 <= 57 else 1800
    try:
        return datetime.date(century + year2, int(month), int(day))
    except ValueError as error:
        raise InvalidCPR(INVALID_DATE) from error


def cpr_birth_date(cpr: str) -> datetime.date:
    """The birth date encoded in a CPR number (century from the 7th digit)."""
    return parse_cpr(cpr).birth_date


def normalise_cpr(cpr: str) -> str:
    """Ten ASCII digits without separator; raises InvalidCPR when it is not a CPR number."""
    return parse_cpr(cpr).digits


def looks_like_cpr(text: str) -> bool:
    """Whether ``text`` would be a CPR number if its digits were ASCII digits.

    Only for *finding* CPR numbers in free text and logs, to remove them: there it is safer
    to catch every script's digits (Arabic-Indic, fullwidth, ...). Never for identifying
    a person; that is ``parse_cpr``, which refuses anything but ASCII digits.
    """
    ascii_text = "".join(str(unicodedata.decimal(char, char)) for char in text)
    try:
        parse_cpr(ascii_text)
    except InvalidCPR:
        return False
    return True


def validate_cpr(value: str) -> None:
    """A form validator: a Danish error for anything that is not a CPR number."""
    try:
        parse_cpr(value)
    except InvalidCPR as error:
        raise ValidationError(error.message, code="invalid_cpr") from error


def person_key_from_cpr(cpr: str) -> str:
    """The stable, keyed hash that identifies a person (64 hex characters)."""
    secret = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(secret, normalise_cpr(cpr).encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
