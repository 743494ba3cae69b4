from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Page
from django.forms import BaseForm, BoundField
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


@register.inclusion_tag("core/partials/error_summary.html")
def error_summary(*forms: BaseForm | None, intro: str = "") -> dict[str, Any]:
    """DKFDS's error summary for one or more forms: each error, linked to its field.

    It takes focus when the page loads (site.js, and DKFDS's own error summary code); without
    JavaScript it is a plain list at the top of the form.
    """
    errors: list[tuple[str, str]] = []  # (field id or "", message)
    for form in forms:
        if form is None or not form.is_bound or form.is_valid():
            continue
        errors += [("", str(message)) for message in form.non_field_errors()]
        for bound_field in form:
            target = getattr(bound_field, "error_target", bound_field.auto_id)
            errors += [
                (str(target), _summary_message(bound_field, str(message)))
                for message in bound_field.errors
            ]
        errors += [
            ("", f"{form[name].label}: {message}")
            for name in form.errors
            if name != NON_FIELD_ERRORS and name in form.fields and form[name].is_hidden
            for message in form.errors[name]
        ]
    return {"errors": errors, "intro": intro}


def _summary_message(bound_field: BoundField, message: str) -> str:
    """The message in the summary names its field, unless it already does."""
    label = str(bound_field.label or "")
    if not label or label in message:
        return message
    return f"{label}: {message}"


@register.inclusion_tag("core/partials/pagination.html")
def pagination(page: Page[Any], query: str = "") -> dict[str, Any]:
    """Previous/next links for a page of a list, keeping the list's filters (query)."""
    prefix = f"?{query}&side=" if query else "?side="
    return {"page": page, "prefix": prefix}


@register.inclusion_tag("core/partials/tag.html")
def tag(text: str, kind: str = "") -> dict[str, Any]:
    """A DKFDS tag (status label); kind is "", "success", "warning" or "error"."""
    return {"text": text, "kind": kind}


@register.inclusion_tag("core/partials/step_indicator.html")
def step_indicator(steps: Iterable[tuple[str, ...]], current: str | None) -> dict[str, Any]:
    """DKFDS's step indicator (phases): steps are (key, label) or (key, label, information)
    tuples, in order; the current one is marked and those before it are shown as done."""
    rows = []
    reached = False
    for key, label, *rest in steps:
        state = "current" if key == current else ("todo" if reached else "done")
        reached = reached or key == current
        rows.append({"label": label, "information": rest[0] if rest else "", "state": state})
    if not reached:
        rows = [{**row, "state": "todo"} for row in rows]
    return {"steps": rows}


@register.inclusion_tag("core/partials/card.html")
def card(title: str, url: str = "", text: str = "", subheading: str = "") -> dict[str, Any]:
    """A DKFDS card: a heading (a link when url is given), a subheading and a short text."""
    return {"title": title, "url": url, "text": text, "subheading": subheading}
