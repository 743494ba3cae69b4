from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskab.core import selectors

logger = logging.getLogger(__name__)

# The capabilities of the platform, in the order the home page shows them. A section
# links to its URL name once that part of the platform exists.
SECTIONS = [
    (
        "budgets:index",
        _("Citizen budgets"),
        _(
            "Propose projects for your area, vote on them, and follow the winners "
            "as they are built."
        ),
    ),
    (
        "ideas:index",
        _("Ideas"),
        _("Submit an idea. A responsible manager assesses it, and you get an answer with reasons."),
    ),
    (
        "experiments:index",
        _("Experiments"),
        _("Pilots with a hypothesis and success criteria, and evaluations that are used."),
    ),
    (
        "evidence:index",
        _("Evidence"),
        _("What research and practice say about an intervention, before it is rolled out."),
    ),
    (
        "learning:index",
        _("Learning from errors"),
        _("Blameless learning reports that help us do better."),
    ),
    (
        "meetings:index",
        _("Meetings and local areas"),
        _("Workshops, idea meetings, networks and local development plans."),
    ),
    (
        "secretariat:index",
        _("Secretariat"),
        _("The whole picture, reported to the committee for citizen-driven innovation."),
    ),
]


def _url_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    sections = [
        {"url": _url_or_none(name), "title": title, "description": description}
        for name, title, description in SECTIONS
    ]
    return render(request, "core/home.html", {"sections": sections, "areas": selectors.area_list()})


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
