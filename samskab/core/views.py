from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskab.core import navigation, overview, selectors, site_search

logger = logging.getLogger(__name__)

# When the accessibility statement was last assessed; update it with the text.
STATEMENT_PREPARED = datetime.date(2026, 11, 29)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "sections": navigation.sections(request.user),
            "areas": selectors.area_list(),
            "now": overview.happening_now(request.user),
        },
    )


@login_required
@require_GET
def my_overview(request: HttpRequest) -> HttpResponse:
    """ "My overview": where everyone lands after logging in."""
    return render(request, "core/overview.html", {"overview": overview.my_overview(request.user)})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One search across the platform, showing only what the user may see."""
    text = request.GET.get("q", "").strip()[:200]
    groups = site_search.site_search(request.user, text) if text else []
    return render(request, "core/search.html", {"q": text, "groups": groups})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, in the Agency for Digital Government's template."""
    return render(
        request,
        "core/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
            "prepared": STATEMENT_PREPARED,
        },
    )


@require_GET
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: 200 when the database answers, else 503."""
    if selectors.database_is_healthy():
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "error", "database": "unavailable"}, status=503)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # The error may come from the database or the session, so render without anything
    # that needs them, and fall back to plain text if even that fails.
    try:
        template = loader.get_template("500.html")
        body = template.render({"request": request, "user": None, "site_name": "Samskab"})
    except Exception:  # noqa: BLE001
        logger.exception("Could not render the 500 page")
        body = (
            "<!DOCTYPE html><html lang='da'><title>Fejl</title><h1>Der opstod en fejl</h1></html>"
        )
    return HttpResponse(body, status=500)
