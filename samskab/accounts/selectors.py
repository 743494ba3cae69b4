"""Reads about users that views, exports and the demo need."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samskab.accounts import privacy
from samskab.accounts.identity import age_on, cpr_birth_date
from samskab.accounts.models import User
from samskab.core.models import AuditEvent


def personal_data(*, user: User) -> dict[str, Any]:
    """Everything Samskab holds about ``user``, from every app, as JSON-ready data."""
    sections: dict[str, Any] = {}
    for handler in privacy.handlers():
        if handler.export is not None:
            sections[handler.name] = handler.export(user)
    return {
        "format": "samskab-personal-data/1",
        "site": settings.SAMSKAB_SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        "sections": sections,
    }


def _when(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def account_export(user: User) -> dict[str, Any]:
    """The accounts app's part of the export: the profile, the audit log and logins."""
    user = User.objects.select_related("area", "department").get(pk=user.pk)
    events = (
        AuditEvent.objects.filter(
            Q(actor=user) | Q(object_type=User._meta.label, object_id=str(user.pk))
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
    logins = AccessLog.objects.filter(username=user.email).order_by("attempt_time")
    failures = AccessAttempt.objects.filter(username=user.email).order_by("attempt_time")
    return {
        "profile": {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "verified_identity": user.is_verified,
            "person_key": user.person_key,
            "birth_date": _when(user.birth_date),
            "lives_in_the_municipality": user.is_municipal_resident,
            "home_area": user.area.name if user.area else None,
            "department": user.department.name if user.department else None,
            "email_notifications": user.email_notifications,
            "work_account": user.staff_subject,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "audit_events": [
            {
                "at": _when(event.at),
                "action": event.action,
                "object": f"{event.object_type}:{event.object_id}",
                "by_you": event.actor_id == user.pk,
            }
            for event in events
        ],
        "logins": [
            {"at": _when(entry.attempt_time), "ip_address": entry.ip_address} for entry in logins
        ],
        "failed_logins": [
            {
                "at": _when(entry.attempt_time),
                "ip_address": entry.ip_address,
                "failures": entry.failures_since_start,
            }
            for entry in failures
        ],
    }


def totp_device_for(*, user: User, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


@dataclass(frozen=True)
class DemoIdentity:
    """A fictitious MitID identity from the demo data, for the demo login page."""

    number: int
    name: str
    email: str
    cpr: str
    age: int


def demo_identities() -> list[DemoIdentity]:
    """The seeded demo users that have a (fictitious) CPR number."""
    from samskab.core.management.commands.seed_demo import DEMO_USERS

    today = timezone.localdate()
    return [
        DemoIdentity(
            number=number,
            name=name,
            email=email,
            cpr=cpr,
            age=age_on(cpr_birth_date(cpr), today),
        )
        for number, (email, name, _role, _department, _staff, cpr) in enumerate(DEMO_USERS)
        if cpr
    ]
