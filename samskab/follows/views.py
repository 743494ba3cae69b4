"""Follow and stop following; the one-click unsubscribe from an e-mail (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samskab.engagement.registry import engageable
from samskab.follows import services


def _target_or_404(request: HttpRequest, label: str, object_id: int) -> models.Model:
    config = engageable(label)
    if config is None:
        raise Http404
    obj = config.model._default_manager.filter(pk=object_id).first()
    if obj is None or not config.can_view(request.user, obj):
        raise Http404
    return obj


@login_required
@require_POST
def follow(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    """Follow (with ``digest=1`` for a daily digest) or, with ``action=stop``, stop."""
    target = _target_or_404(request, label, object_id)
    if not request.user.is_active:
        raise PermissionDenied
    if request.POST.get("action") == "stop":
        services.follow_remove(user=request.user, target=target)
        messages.success(request, _("You no longer follow this."))
    else:
        digest = request.POST.get("digest") == "1"
        services.follow_add(user=request.user, target=target, digest=digest)
        if digest:
            messages.success(request, _("You follow this and get a daily digest of the news."))
        else:
            messages.success(request, _("You follow this and get an e-mail when there is news."))
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(wanted)
    return redirect(target.get_absolute_url())  # type: ignore[attr-defined]


# RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" without cookies, so there
# is no CSRF token; the signed token in the URL is the proof. A GET never unsubscribes (link
# scanners follow links), it shows a button.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = services.follow_from_token(token)
    if request.method == "POST":
        done = services.follow_unsubscribe(token=token)
        return render(
            request,
            "follows/unsubscribe.html",
            {"done": done, "invalid": not done},
            status=200 if done else 400,
        )
    return render(
        request,
        "follows/unsubscribe.html",
        {"follow": found, "target": found.target if found else None, "invalid": found is None},
    )
