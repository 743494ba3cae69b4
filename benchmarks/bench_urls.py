"""The site's URLs plus the bare INSERT view the voting benchmark compares against."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

BARE_TABLE = "bench_bare_insert"
BARE_PATH = "bench/bare-insert/"


@login_required
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    """The least a vote could cost on this stack: session, user, CSRF, one INSERT."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (user_id, created_at) VALUES (%s, now())",  # noqa: S608
            [request.user.pk],
        )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH, bare_insert, name="bench_bare_insert"), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
