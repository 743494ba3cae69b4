from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskab.core import navigation, selectors

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    sections = navigation.sections()
    return render(request, "core/home.html", {"sections": sections, "areas": selectors.area_list()})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (a stub; the full statement follows the Agency for
    Digital Government's template)."""
    return render(request, "core/accessibility.html")


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
