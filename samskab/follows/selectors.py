"""Reads for following."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from samskab.follows.models import Follow


def follow_of(*, user: Any, target: models.Model) -> Follow | None:
    """The user's follow of ``target``, or None (always None for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Follow.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    ).first()
