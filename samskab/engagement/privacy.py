"""Support, comments and moderation reports in the person's data export
(samskab.accounts.privacy). All three stay after erasure, linked to the anonymised account:
they are contributions and the moderation record, and no longer point to a person."""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.engagement.models import Comment, Report, Support


def _target(row: Support | Comment | Report) -> str:
    return f"{row.content_type.app_label}.{row.content_type.model}:{row.object_id}"


def engagement_export(user: User) -> dict[str, Any]:
    return {
        "supports": [
            {"target": _target(row), "at": row.created_at.isoformat()}
            for row in Support.objects.filter(user=user).select_related("content_type")
        ],
        "comments": [
            {
                "target": _target(row),
                "at": row.created_at.isoformat(),
                "comment": row.body,
                "on_behalf_of": row.organisation.name if row.organisation else None,
            }
            for row in Comment.objects.filter(author=user).select_related(
                "content_type", "organisation"
            )
        ],
        "moderation_reports": [
            {"target": _target(row), "at": row.created_at.isoformat(), "reason": row.reason}
            for row in Report.objects.filter(reporter=user).select_related("content_type")
        ],
    }
