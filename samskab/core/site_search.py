"""One search across ideas, proposals, experiments, evidence, meetings and local plans.

Each kind is searched with ``samskab.core.search.similar_to`` (full-text and trigram on
PostgreSQL, a word match on SQLite) over the app's own "visible to this user" queryset, and
each hit is checked once more against the app's view permission, so the search never shows
what the page itself would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.budgets import selectors as budgets
from samskab.core.search import significant_words, similar_to
from samskab.evidence.models import Intervention
from samskab.experiments import selectors as experiments
from samskab.ideas import selectors as ideas
from samskab.ideas.models import Status as IdeaStatus
from samskab.meetings import selectors as meetings

PER_KIND = 8


@dataclass(frozen=True)
class Hit:
    title: str
    url: str


@dataclass(frozen=True)
class Group:
    key: str
    title: str | Promise
    hits: list[Hit]


@dataclass(frozen=True)
class Kind:
    key: str
    title: str | Promise
    queryset: Callable[[Any], QuerySet[Any]]
    title_field: str
    body_fields: tuple[str, ...]
    permission: str
    url: Callable[[Any], str]


def _plan_url(plan: Any) -> str:
    return reverse("areas:detail", args=[plan.area.slug])


def _proposal_allowed(user: Any, proposal: Any) -> bool:
    return rules.has_perm("budgets.see_proposal", user, proposal) and rules.has_perm(
        "budgets.view_process", user, proposal.process
    )


KINDS: list[Kind] = [
    Kind(
        "ideas",
        _("Ideas"),
        lambda user: ideas.visible_ideas(user).exclude(status=IdeaStatus.MERGED),
        "title",
        ("problem", "description"),
        "ideas.see_idea",
        lambda idea: idea.get_absolute_url(),
    ),
    Kind(
        "proposals",
        _("Citizen budget proposals"),
        budgets.visible_proposals,
        "title",
        ("description",),
        "",  # two rules: see _proposal_allowed
        lambda proposal: reverse("budgets:proposal", args=[proposal.pk]),
    ),
    Kind(
        "experiments",
        _("Experiments"),
        experiments.visible_experiments,
        "title",
        ("hypothesis",),
        "experiments.see_experiment",
        lambda experiment: experiment.get_absolute_url(),
    ),
    Kind(
        "evidence",
        _("Evidence"),
        lambda user: Intervention.objects.all(),
        "title",
        ("summary", "target_group"),
        "evidence.see_intervention",
        lambda intervention: intervention.get_absolute_url(),
    ),
    Kind(
        "meetings",
        _("Meetings"),
        meetings.visible_meetings,
        "title",
        ("description",),
        "meetings.see_meeting",
        lambda meeting: meeting.get_absolute_url(),
    ),
    Kind(
        "plans",
        _("Local development plans"),
        meetings.visible_plans,
        "title",
        ("summary",),
        "meetings.view_plan",
        _plan_url,
    ),
]


def _allowed(kind: Kind, user: Any, obj: Model) -> bool:
    if kind.key == "proposals":
        return _proposal_allowed(user, obj)
    return bool(rules.has_perm(kind.permission, user, obj))


def site_search(user: Any, text: str) -> list[Group]:
    """The groups with at least one hit for ``text``, in the order of KINDS."""
    if not significant_words(text):
        return []
    groups = []
    for kind in KINDS:
        found = similar_to(
            kind.queryset(user),
            text,
            title_field=kind.title_field,
            body_fields=kind.body_fields,
            limit=PER_KIND,
        )
        hits = [
            Hit(title=str(getattr(obj, kind.title_field)), url=kind.url(obj))
            for obj in found
            if _allowed(kind, user, obj)
        ]
        if hits:
            groups.append(Group(key=kind.key, title=kind.title, hits=hits))
    return groups
