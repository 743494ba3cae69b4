"""Which models take part in support, comments and reporting, and on whose terms.

An app registers its model once, in its ``AppConfig.ready``::

    register(Idea, can_view=..., can_engage=..., hide=...)

``can_view(user, obj)`` decides whether the user may see the object (the engagement views
answer 404 otherwise); ``can_engage(user, obj)`` whether they may support and comment now;
``hide(obj, actor)`` hides the object itself when the secretariat upholds a report on it.
Comments are always reportable; their visibility follows the object they are about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Engageable:
    model: type[models.Model]
    can_view: Callable[[Any, Any], bool]
    can_engage: Callable[[Any, Any], bool]
    hide: Callable[[Any, Any], None] | None = None


_registry: dict[str, Engageable] = {}


def register(
    model: type[models.Model],
    *,
    can_view: Callable[[Any, Any], bool],
    can_engage: Callable[[Any, Any], bool],
    hide: Callable[[Any, Any], None] | None = None,
) -> None:
    _registry[model._meta.label_lower] = Engageable(
        model=model, can_view=can_view, can_engage=can_engage, hide=hide
    )


def unregister(model: type[models.Model]) -> None:
    _registry.pop(model._meta.label_lower, None)


def engageable(label: str) -> Engageable | None:
    """The registration for a model label such as ``"ideas.idea"``."""
    return _registry.get(label.lower())


def label_of(obj: models.Model) -> str:
    return obj._meta.label_lower
