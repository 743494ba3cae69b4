"""Second-factor state on ``request.user`` (django-otp), without clobbering our fields."""

from __future__ import annotations

from typing import Any

from django_otp.middleware import OTPMiddleware


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware, minus its ``user.is_verified()`` convenience method.

    django-otp installs ``request.user.is_verified`` as a function, but Samskab's User has
    a field of that name (identity verified with MitID) that permissions read. The
    function, always truthy, would make every resident look verified. Here only
    ``request.user.otp_device`` is set: the device that verified this session, or None.
    """

    @staticmethod
    def _init_user_fields(user: Any) -> None:
        user.otp_device = None


def has_second_factor(user: Any) -> bool:
    """True when this session was verified with a second factor (see the middleware)."""
    return getattr(user, "otp_device", None) is not None
