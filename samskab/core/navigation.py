"""The capabilities of the platform, for the home page and the main menu.

A section appears as a link as soon as its app registers the URL name ``<app>:index``,
so a new app needs no change to the layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    title: str | Promise
    description: str | Promise
    url: str | None


# The capabilities of the platform, in the order the home page shows them. A section
# links to its URL name once that part of the platform exists.
SECTIONS: list[tuple[str, str | Promise, str | Promise]] = [
    (
        "budgets:index",
        _("Citizen budgets"),
        _(
            "Propose projects for your area, vote on them, and follow the winners "
            "as they are built."
        ),
    ),
    (
        "ideas:index",
        _("Ideas"),
        _("Submit an idea. A responsible manager assesses it, and you get an answer with reasons."),
    ),
    (
        "experiments:index",
        _("Experiments"),
        _("Pilots with a hypothesis and success criteria, and evaluations that are used."),
    ),
    (
        "evidence:index",
        _("Evidence"),
        _("What research and practice say about an intervention, before it is rolled out."),
    ),
    (
        "learning:index",
        _("Learning from errors"),
        _("Blameless learning reports that help us do better."),
    ),
    (
        "meetings:index",
        _("Meetings and local areas"),
        _("Workshops, idea meetings, networks and local development plans."),
    ),
    (
        "secretariat:index",
        _("Secretariat"),
        _("The whole picture, reported to the committee for citizen-driven innovation."),
    ),
]


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def sections() -> list[Section]:
    """Every capability, with its URL when that part of the platform exists."""
    return [
        Section(url_name=name, title=title, description=description, url=_url_or_none(name))
        for name, title, description in SECTIONS
    ]
