"""Organisations' part of data export and erasure (see samskab.accounts.privacy).

A person's memberships and the invitations sent to their address are personal data.
On erasure, their memberships end (the organisation keeps that "a deleted user" was a
member) and invitations to their address are deleted.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samskab.accounts.models import User
from samskab.organisations.models import Invitation, Membership


def organisations_export(user: User) -> dict[str, Any]:
    return {
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
                "left_at": membership.left_at.isoformat() if membership.left_at else None,
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations": [
            {
                "organisation": invitation.organisation.name,
                "status": invitation.status,
                "at": invitation.created_at.isoformat(),
            }
            for invitation in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ]
        if user.email
        else [],
    }


def organisations_erase(user: User) -> None:
    Membership.objects.filter(user=user, left_at__isnull=True).update(left_at=timezone.now())
    if user.email:
        Invitation.objects.filter(email__iexact=user.email).delete()
