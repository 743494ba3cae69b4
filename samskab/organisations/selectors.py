"""Reads about organisations, for views, other apps and tasks."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from samskab.organisations.models import Invitation, Kind, MemberRole, Membership, Organisation


def _user_pk(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return int(user.pk)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("area").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True))
    )


def local_councils() -> QuerySet[Organisation]:
    """Organisations of the kind local council (they may co-own a local development plan)."""
    return Organisation.objects.filter(kind=Kind.LOCAL_COUNCIL).order_by("name", "id")


def organisation_get(*, pk: int) -> Organisation | None:
    return Organisation.objects.select_related("area").filter(pk=pk).first()


def membership_of(*, organisation: Organisation, user: Any) -> Membership | None:
    """The user's current membership of the organisation, if any."""
    pk = _user_pk(user)
    if pk is None:
        return None
    return Membership.objects.filter(
        organisation=organisation, user_id=pk, left_at__isnull=True
    ).first()


def is_member(*, organisation: Organisation, user: Any) -> bool:
    return membership_of(organisation=organisation, user=user) is not None


def is_admin(*, organisation: Organisation, user: Any) -> bool:
    membership = membership_of(organisation=organisation, user=user)
    return membership is not None and membership.role == MemberRole.ADMIN


def members(*, organisation: Organisation) -> list[Membership]:
    """Current members first, then those who have left (the organisation's history)."""
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("left_at", "joined_at", "id")
    )


def organisations_for_user(*, user: Any) -> QuerySet[Organisation]:
    """The organisations the user is currently a member of (they may act on their behalf)."""
    pk = _user_pk(user)
    if pk is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user_id=pk, memberships__left_at__isnull=True
    ).distinct()


def pending_invitations_for(*, user: Any) -> QuerySet[Invitation]:
    if _user_pk(user) is None or not user.email:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email__iexact=user.email, status=Invitation.Status.PENDING
    ).select_related("organisation", "invited_by")


def pending_invitations_of(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation, status=Invitation.Status.PENDING
    ).select_related("invited_by")
