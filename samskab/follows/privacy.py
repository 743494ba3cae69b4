"""Follows in the person's data export; erasure removes them and any pending digest news
(they only serve the person, who is gone)."""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.follows.models import Follow


def follows_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "target": f"{row.content_type.app_label}.{row.content_type.model}:{row.object_id}",
            "daily_digest": row.digest,
            "since": row.created_at.isoformat(),
        }
        for row in Follow.objects.filter(user=user).select_related("content_type")
    ]


def follows_erase(user: User) -> None:
    Follow.objects.filter(user=user).delete()
