from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samskab.core import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SAMSKAB_SITE_NAME,
        "nav_sections": navigation.menu(getattr(request, "user", None)),
    }
