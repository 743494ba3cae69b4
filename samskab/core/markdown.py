"""Markdown for long texts written by users, always sanitised before it is shown."""

from __future__ import annotations

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page.

    Raw HTML in the source is escaped by nh3 (scripts, event handlers and
    ``javascript:`` links never survive); links get ``rel="noopener noreferrer"``.
    Headings start at h2 because the page owns the h1.
    """
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
