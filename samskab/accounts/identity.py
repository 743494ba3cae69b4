"""Personal identity without storing CPR numbers.

A person is identified across logins and channels (online, assisted voting at the citizen
service desk) by a *person key*: HMAC-SHA256 of the normalised CPR number with a server
secret (``IDENTITY_HASH_KEY``). The key cannot be turned back into the CPR number without
the secret, and the CPR number itself is never stored or logged. The birth date and so the
age come from the CPR number by the rules of the CPR office (the 7th digit gives the
century).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

from django.conf import settings

CPR_PATTERN = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})-?(\d{4})\s*$")


class InvalidCPR(ValueError):
    """The text is not a CPR number with a real birth date."""


def _parts(cpr: str) -> tuple[int, int, int, str]:
    match = CPR_PATTERN.match(cpr or "")
    if not match:
        raise InvalidCPR("A CPR number has 10 digits: DDMMÅÅ-XXXX.")
    day, month, year2, serial = match.groups()
    return int(day), int(month), int(year2), serial


def cpr_birth_date(cpr: str) -> datetime.date:
    """The birth date encoded in a CPR number (century from the 7th digit)."""
    day, month, year2, serial = _parts(cpr)
    digit7 = int(serial[0])
    if digit7 <= 3:
        century = 1900
    elif digit7 in (4, 9):
        century = 2000 if year2 <= 36 else 1900
    else:  # 5-8
        century = 2000 if year2 <= 57 else 1800
    try:
        return datetime.date(century + year2, month, day)
    except ValueError as error:
        raise InvalidCPR("The CPR number does not contain a valid date.") from error


def normalise_cpr(cpr: str) -> str:
    """Ten digits without separator; raises InvalidCPR when it is not a CPR number."""
    cpr_birth_date(cpr)
    return re.sub(r"\D", "", cpr)


def person_key_from_cpr(cpr: str) -> str:
    """The stable, keyed hash that identifies a person (64 hex characters)."""
    secret = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(secret, normalise_cpr(cpr).encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
