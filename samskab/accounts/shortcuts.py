"""Two steps every view takes: who is asking, and may they do this."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from samskab.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The logged-in user, for views behind ``login_required``."""
    user = request.user
    assert isinstance(user, User)
    return user


def require(request: HttpRequest, permission: str, obj: Any = None) -> None:
    """Raise PermissionDenied (403) unless the user has ``permission`` (a django-rules rule)."""
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied
