from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

from samskab.core.formatting import format_kroner
from samskab.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Sanitised Markdown (see samskab.core.markdown)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter(name="kr")
def kroner_filter(amount: int | float | Decimal | None) -> str:
    return format_kroner(amount)
