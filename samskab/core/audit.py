"""The audit log: a record of every access to sensitive data and every important change."""

from __future__ import annotations

from typing import Any

from django.db import models

from samskab.core.models import AuditEvent


def _label(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


def audit_record(
    *, actor: Any, action: str, obj: models.Model, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Record that ``actor`` did ``action`` (e.g. "view", "publish") to ``obj``.

    Call it inside the same transaction as the change it records, so that a change that
    is rolled back leaves no audit row claiming it happened.
    """
    object_type, object_id = _label(obj)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail or {},
    )


def audit_events_for(obj: models.Model) -> models.QuerySet[AuditEvent]:
    object_type, object_id = _label(obj)
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).select_related(
        "actor"
    )
