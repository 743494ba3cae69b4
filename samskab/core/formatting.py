"""Danish formatting of money and times: ``1.234.567 kr.`` and ``kl. 19.00`` in Danish,
``DKK 1,234,567`` and ``19:00`` in English."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats, timezone, translation

NBSP = "\N{NO-BREAK SPACE}"


def _danish() -> bool:
    return (translation.get_language() or "da").startswith("da")


def format_kroner(amount: int | float | Decimal | None, decimals: int = 0) -> str:
    if amount is None:
        return ""
    number = formats.number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if _danish():
        return f"{number}{NBSP}kr."
    return f"DKK{NBSP}{number}"


def _clock(value: datetime.datetime | datetime.time) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    return f"{value:%H.%M}" if _danish() else f"{value:%H:%M}"


def format_time(value: datetime.datetime | datetime.time | None) -> str:
    """The time of day the Danish way, ``kl. 19.00`` (``19:00`` in English)."""
    if value is None:
        return ""
    return f"kl.{NBSP}{_clock(value)}" if _danish() else _clock(value)


def format_time_range(
    start: datetime.datetime | datetime.time | None,
    end: datetime.datetime | datetime.time | None,
) -> str:
    """``kl. 17.00–19.00`` (``17:00–19:00`` in English); one time when there is no end."""
    if start is None:
        return ""
    if end is None:
        return format_time(start)
    prefix = f"kl.{NBSP}" if _danish() else ""
    return f"{prefix}{_clock(start)}\N{EN DASH}{_clock(end)}"
