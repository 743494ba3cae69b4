"""The capabilities of the platform, for the home page and the main menu.

A section appears as a link as soon as its app registers the URL name ``<app>:index``,
so a new app needs no change to the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    title: str | Promise
    description: str | Promise
    url: str | None


# The capabilities of the platform, in the order the home page shows them: URL name, title,
# description, and the django-rules permission needed to use it (None: everyone). A section
# links to its URL name once that part of the platform exists, and is shown only to those
# who may use it, so nobody is offered a page that answers "no access".
SECTIONS: list[tuple[str, str | Promise, str | Promise, str | None]] = [
    (
        "budgets:index",
        _("Citizen budgets"),
        _(
            "Propose projects for your area, vote on them, and follow the winners "
            "as they are built."
        ),
        None,
    ),
    (
        "ideas:index",
        _("Ideas"),
        _("Submit an idea. A responsible manager assesses it, and you get an answer with reasons."),
        None,
    ),
    (
        "experiments:index",
        _("Experiments"),
        _(
            "New solutions are tried with a hypothesis and clear success criteria – "
            "and the evaluations are used."
        ),
        None,
    ),
    (
        "evidence:index",
        _("Evidence"),
        _("What research and practice say about an intervention, before it is rolled out."),
        None,
    ),
    (
        "learning:index",
        _("Learning from errors"),
        _("Learning without blame: we share what errors teach us."),
        "learning.view_shared",
    ),
    (
        "meetings:index",
        _("Meetings and local areas"),
        _("Workshops, idea meetings, networks and local development plans."),
        None,
    ),
    (
        "surveys:index",
        _("Surveys"),
        _("Tell the municipality what you think. Your answers are stored without your name."),
        None,
    ),
    (
        "secretariat:index",
        _("Secretariat"),
        _("The whole picture, reported to the committee for citizen-driven innovation."),
        "secretariat.view_overview",
    ),
]


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def sections(user: Any = None) -> list[Section]:
    """Every capability the user may use, with its URL when that part of the platform
    exists. Without a user: every capability (for overviews that are not a menu)."""
    return [
        Section(url_name=name, title=title, description=description, url=_url_or_none(name))
        for name, title, description, permission in SECTIONS
        if user is None or permission is None or rules.has_perm(permission, user)
    ]


def menu(user: Any) -> list[Section]:
    """The main menu: the sections the user may use, then search and, once logged in,
    "My overview"."""
    items = [section for section in sections(user) if section.url]
    items.append(Section("core:search", _("Search"), "", reverse("core:search")))
    if getattr(user, "is_authenticated", False):
        items.append(Section("core:overview", _("My overview"), "", reverse("core:overview")))
    return items
