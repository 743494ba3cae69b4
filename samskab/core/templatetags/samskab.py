from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

from samskab.core.formatting import format_kroner, format_time, format_time_range
from samskab.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Sanitised Markdown (see samskab.core.markdown)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter(name="kr")
def kroner_filter(amount: int | float | Decimal | None) -> str:
    return format_kroner(amount)


@register.filter(name="kl")
def time_filter(value: datetime.datetime | datetime.time | None) -> str:
    """``{{ meeting.starts_at|kl }}`` -> ``kl. 19.00``."""
    return format_time(value)


@register.filter(name="kl_til")
def time_range_filter(
    start: datetime.datetime | datetime.time | None,
    end: datetime.datetime | datetime.time | None,
) -> str:
    """``{{ meeting.starts_at|kl_til:meeting.ends_at }}`` -> ``kl. 17.00–19.00``."""
    return format_time_range(start, end)
