from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Page
from django.forms import BaseForm, BoundField
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

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
def error_summary(
    *forms: BaseForm | None, intro: str = "", problems: Iterable[str] | None = None
) -> dict[str, Any]:
    """DKFDS's error summary for one or more forms: each error, linked to its field.

    ``problems`` are messages about the form as a whole that a view found outside the form
    (such as a ballot sheet's choices). It takes focus when the page loads (site.js, and
    DKFDS's own error summary code); without JavaScript it is a plain list at the top of
    the form.
    """
    errors: list[tuple[str, str]] = [("", str(problem)) for problem in problems or ()]
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


class _PartialBlockNode(template.Node):
    """A block tag rendered through a partial: the block's content becomes the partial's
    `body`, the tag's arguments its other variables (the first one under `first_name`)."""

    def __init__(
        self,
        partial: str,
        first_name: str,
        first: FilterExpression | None,
        options: dict[str, FilterExpression],
        nodelist: NodeList,
        defaults: dict[str, Any],
    ) -> None:
        self.partial = partial
        self.first_name = first_name
        self.first = first
        self.options = options
        self.nodelist = nodelist
        self.defaults = defaults

    def render(self, context: Context) -> str:
        values: dict[str, Any] = dict(self.defaults)
        if self.first is not None:
            values[self.first_name] = self.first.resolve(context)
        values.update({name: value.resolve(context) for name, value in self.options.items()})
        values["body"] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        partial = context.template.engine.get_template(self.partial) if context.template else None
        if partial is None:  # pragma: no cover - a Template always renders with its engine
            raise template.TemplateSyntaxError(f"{self.partial} needs a template engine")
        with context.push(values):
            return partial.render(context)


def _partial_block(
    parser: Parser,
    token: Token,
    partial: str,
    first_name: str,
    defaults: dict[str, Any],
) -> _PartialBlockNode:
    bits = token.split_contents()
    name, rest = bits[0], bits[1:]
    first = parser.compile_filter(rest.pop(0)) if rest and "=" not in rest[0] else None
    options = token_kwargs(rest, parser)
    if rest:
        raise template.TemplateSyntaxError(f"{name} takes one value and name=value options")
    unknown = set(options) - set(defaults)
    if unknown:
        raise template.TemplateSyntaxError(f"{name} has no option {', '.join(sorted(unknown))}")
    nodelist = parser.parse((f"end{name}",))
    parser.delete_first_token()
    return _PartialBlockNode(partial, first_name, first, options, nodelist, defaults)


@register.tag(name="card")
def card(parser: Parser, token: Token) -> _PartialBlockNode:
    """A DKFDS card, the one shape of an item in every list of the site::

        {% card idea.title url=idea.get_absolute_url subheading=idea.area status=label %}
          <p class="muted">meta line</p>
        {% endcard %}

    The heading is a link when url is given (heading_level 2-4, default 3); status is a
    DKFDS tag (status_kind "", "success", "warning" or "error"); text is a short summary;
    the block's content (meta lines, counts, buttons) follows them."""
    return _partial_block(
        parser,
        token,
        "core/partials/card.html",
        "title",
        {
            "url": "",
            "subheading": "",
            "text": "",
            "status": "",
            "status_kind": "",
            "heading_level": 3,
        },
    )


@register.tag(name="datatable")
def datatable(parser: Parser, token: Token) -> _PartialBlockNode:
    """A DKFDS table in its own scroll box (320 px, WCAG 1.4.10), the one shape of a table::

        {% datatable _("Ideas") %}<thead>...</thead><tbody>...</tbody>{% enddatatable %}

    The caption is hidden unless show_caption=True (without a caption the block may start
    with its own <caption>); classes adds classes to the table; labelledby names the id of
    a heading that labels the table instead of a caption."""
    return _partial_block(
        parser,
        token,
        "core/partials/table.html",
        "caption",
        {"show_caption": False, "classes": "", "labelledby": ""},
    )


@register.tag(name="accordion")
def accordion(parser: Parser, token: Token) -> _PartialBlockNode:
    """A DKFDS accordion for long, optional content; holds {% fold %} sections::

    {% accordion %}
      {% fold _("How the winners are found") %}<p>...</p>{% endfold %}
    {% endaccordion %}
    """
    return _partial_block(parser, token, "core/partials/accordion.html", "", {})


@register.tag(name="fold")
def fold(parser: Parser, token: Token) -> _PartialBlockNode:
    """One section of an {% accordion %}: a heading button (a real <button>, so keyboard
    usable) that opens the block's content. The id is made from the title unless given;
    heading_level is 2-4 (default 3); open=True shows it opened."""
    return _partial_block(
        parser,
        token,
        "core/partials/fold.html",
        "title",
        {"id": "", "heading_level": 3, "open": False},
    )


@register.filter(name="fold_id")
def fold_id(title: object, given: str = "") -> str:
    """The id of a {% fold %}'s content: the given one, else "fold-" and the slugged title."""
    if given:
        return given
    text = str(title).lower().translate(_DANISH_LETTERS)
    return f"fold-{slugify(text) or 'indhold'}"


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
