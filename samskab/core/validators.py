"""Validators shared by every app: one-line titles and sane limits for numbers.

Numbers typed into a form end up in PostgreSQL columns with fixed ranges (``integer`` is
32 bits, ``smallint`` 16); a number beyond them must be a form error, never a database
error (a 500). The limits below are domain rules (no citizen budget line costs more than a
billion kroner), set well inside the columns' ranges, so sums of a few of them still fit.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

# PostgreSQL's column ranges, for tests and for fields without a domain rule.
SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807

# Domain limits.
MAX_KRONER = 1_000_000_000  # one amount of money in whole kroner
MAX_COUNT = 1_000_000  # people, places, participants
MAX_AGE = 120
MAX_DAYS = 3_650  # ten years
MAX_MONTHS = 120
MAX_INDICATOR = 1_000_000_000  # an indicator's value, either sign
MAX_CHOICES = 1_000  # projects or ranks on one ballot
MAX_POINTS = 10_000  # points to share out on one ballot


def validate_single_line(value: str) -> None:
    """Refuse line breaks in a one-line text (a title goes into e-mail subjects)."""
    if any(char in value for char in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")


def kroner_limits() -> list[MinValueValidator | MaxValueValidator]:
    """Whole kroner from 0 to a billion."""
    return [MinValueValidator(0), MaxValueValidator(MAX_KRONER)]


def count_limits(maximum: int = MAX_COUNT) -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(0), MaxValueValidator(maximum)]


def indicator_limits() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(-MAX_INDICATOR), MaxValueValidator(MAX_INDICATOR)]


def latitude_limits() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))]


def longitude_limits() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))]
