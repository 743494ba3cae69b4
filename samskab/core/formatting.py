"""Danish formatting of money: ``1.234.567 kr.`` in Danish, ``DKK 1,234,567`` in English."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, translation


def format_kroner(amount: int | float | Decimal | None, decimals: int = 0) -> str:
    if amount is None:
        return ""
    number = formats.number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if (translation.get_language() or "da").startswith("da"):
        return f"{number}\N{NO-BREAK SPACE}kr."
    return f"DKK\N{NO-BREAK SPACE}{number}"
