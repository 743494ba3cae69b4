"""Every URL pattern of the site, from the resolver (so new views are covered), with sample
values for their parameters: the first object of the model that the route's prefix names
(see SAMPLES), or a placeholder that matches nothing when no model is known."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # "ideer/<int:pk>/"
    callback: Callable[..., Any]
    converters: dict[str, str]  # parameter -> converter name


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _converters(route: str) -> dict[str, str]:
    return {name: kind or "str" for kind, name in PARAMETER.findall(route)}


def routes() -> Iterator[Route]:
    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                if not isinstance(pattern.pattern, RoutePattern) and "(?P" in str(pattern.pattern):
                    continue  # the admin's catch-all regexes
                name = str(pattern.name or pattern.lookup_str)
                name = f"{namespace}:{name}" if namespace else name
                route = prefix + str(pattern.pattern)
                yield Route(name, route, pattern.callback, _converters(route))

    yield from walk(get_resolver().url_patterns, "", None)


# Route prefix -> (model, field) of the object its first parameter names. Longest first.
SAMPLES: list[tuple[str, str, str]] = [
    ("borgerbudgetter/forslag/", "budgets.Proposal", "pk"),
    ("borgerbudgetter/sammenlaegning/", "budgets.MergeRequest", "pk"),
    ("borgerbudgetter/", "budgets.BudgetProcess", "slug"),
    ("ideer/beslutningsmoeder/", "ideas.Meeting", "pk"),
    ("ideer/", "ideas.Idea", "pk"),
    ("forsoeg/evalueringer/", "experiments.Evaluation", "pk"),
    ("forsoeg/", "experiments.Experiment", "pk"),
    ("evidens/anmodninger/", "evidence.EvidenceRequest", "pk"),
    ("evidens/", "evidence.Intervention", "pk"),
    ("laering/delt/", "learning.SharedLearning", "pk"),
    ("laering/indberetninger/", "learning.LearningReport", "pk"),
    ("laering/handlinger/", "learning.Action", "pk"),
    ("moeder/netvaerk/", "meetings.Network", "pk"),
    ("moeder/", "meetings.Meeting", "pk"),
    ("omraader/", "core.Area", "slug"),
    ("organisationer/", "organisations.Organisation", "pk"),
    ("sekretariat/rapporter/", "secretariat.CommitteeReport", "pk"),
    ("api/v1/budgets/", "budgets.BudgetProcess", "slug"),
]


def _sample(label: str, field: str) -> Any:
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model._default_manager.order_by("pk").values_list(field, flat=True).first()


def sample_kwargs(route: Route) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for prefix, label, field in SAMPLES:
        if route.route.startswith(prefix) and route.converters:
            first = next(iter(route.converters))
            value = _sample(label, field)
            if value is not None:
                values[first] = value
            break
    for name, kind in route.converters.items():
        values.setdefault(name, 999_999 if kind == "int" else "ingen-saadan")
    return values


def sample_url(route: Route) -> str:
    """The route with its parameters filled in (also for patterns without a name)."""
    values = sample_kwargs(route)
    return "/" + PARAMETER.sub(lambda match: str(values[match.group(2)]), route.route)
