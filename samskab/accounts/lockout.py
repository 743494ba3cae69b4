"""Rate limiting of password logins (django-axes), adapted to how Samskab runs.

Failed attempts are counted per e-mail address and IP address; after
``AXES_FAILURE_LIMIT`` failures the pair is locked out for ``AXES_COOLOFF_TIME`` and the
login page explains it in Danish (``accounts/lockout.html``).
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, only for logins that come with a web request.

    Axes refuses ``authenticate()`` calls without a request; scripts and the test client's
    ``login()`` make such calls, and there is no attacker's address to count there.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: behind the reverse proxy, the one the proxy saw.

    Only the proxy's own entry (the right-most in X-Forwarded-For) can be trusted; earlier
    entries are whatever the client sent.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))
