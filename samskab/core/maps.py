"""The maps of the site (area pages, proposals on a process page): Leaflet served from this
site, tiles from MAP_TILE_URL.

The map is progressive enhancement: the page lists the same places as text, so it works
without JavaScript and when the tiles cannot load.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def tile_url() -> str:
    return getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL) or ""


def tile_origin() -> str:
    """The scheme and host of the tile server, for the Content Security Policy."""
    parts = urlsplit(tile_url())
    if not parts.scheme or not parts.netloc:
        return ""
    # Leaflet's "{s}" subdomain placeholder becomes a CSP wildcard.
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def allow_tiles(response: HttpResponse) -> HttpResponse:
    """Let this response load images from the tile server (django-csp's per-response update)."""
    origin = tile_origin()
    if origin:
        response._csp_update = {"img-src": [origin]}  # type: ignore[attr-defined]
    return response
