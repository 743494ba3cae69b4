"""Writes to users. Every change goes through one of these functions."""

from __future__ import annotations

from django.db import transaction

from samskab.accounts.identity import cpr_birth_date, person_key_from_cpr
from samskab.accounts.models import Role, User
from samskab.core.models import Area, Department


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    role: str = Role.RESIDENT,
    password: str | None = None,
    is_verified: bool = False,
    department: Department | None = None,
    area: Area | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    cpr: str | None = None,
    is_municipal_resident: bool = False,
) -> User:
    """Create a local account. Without a password the account cannot log in locally.

    With ``cpr`` the person key and birth date are derived from it; the CPR number itself
    is not stored.
    """
    identity: dict[str, object] = {}
    if cpr:
        identity = {"person_key": person_key_from_cpr(cpr), "birth_date": cpr_birth_date(cpr)}
    return User.objects.create_user(
        email=email,
        password=password,
        name=name,
        role=role,
        is_verified=is_verified,
        department=department,
        area=area,
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_municipal_resident=is_municipal_resident,
        **identity,
    )


@transaction.atomic
def user_update_preferences(*, user: User, email_notifications: bool) -> User:
    user.email_notifications = email_notifications
    user.save(update_fields=["email_notifications"])
    return user
