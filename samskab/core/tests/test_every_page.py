"""Every page of the demo site, as anonymous visitor, resident and secretariat: it carries
the site's name, links the accessibility statement in its footer, has no double full
stop after "kr." and no dropdown with Django's "---------". The URLs come from the
resolver, so new pages are covered."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from tests.security.walk import routes, sample_url

pytestmark = pytest.mark.django_db

SITE_NAME = "Samskab Prøveby"


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    settings.SAMSKAB_SITE_NAME = SITE_NAME


def _pages(client: Client) -> list[tuple[str, str]]:
    """(url, html) of every page and fragment that answers 200 with HTML."""
    pages = []
    for route in routes():
        if route.name.startswith("admin:"):
            continue
        url = sample_url(route)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((url, response.content.decode()))
    return pages


@pytest.mark.parametrize("role", [None, Role.RESIDENT, Role.SECRETARIAT])
def test_it_names_the_site_and_links_the_accessibility_statement_on_every_page(
    demo: None, client: Client, role: str | None
) -> None:
    if role is not None:
        user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        assert user is not None
        client.force_login(user)
    statement = f'href="{reverse("core:accessibility")}"'
    pages = _pages(client)
    assert len(pages) > 20
    problems = []
    for url, html in pages:
        if "kr.." in html:
            problems.append(f"{url}: 'kr..'")
        if "---------" in html:
            problems.append(f"{url}: a dropdown shows '---------' instead of 'Vælg …'")
        if not html.lstrip().startswith("<!DOCTYPE html>"):
            continue  # an HTMX fragment, not a page
        if statement not in html:
            problems.append(f"{url}: no link to the accessibility statement")
        if f"· {SITE_NAME}</title>" not in html:
            problems.append(f"{url}: the title does not carry the site's name")
        if "testserver" in html:
            problems.append(f"{url}: shows the host name")
    assert not problems, "\n".join(problems)


def test_it_publishes_an_accessibility_statement_in_the_agencys_template(client: Client) -> None:
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "Tilgængelighedserklæring",
        "Overholdelsesstatus",
        "Indhold, der ikke er tilgængeligt",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
    ):
        assert heading in html
    assert "Digitaliseringsstyrelsen" in html
    assert 'href="https://www.was.digst.dk/' in html


def test_it_gives_the_contact_for_reporting_barriers(client: Client, settings) -> None:
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tilgaengelighed@example.dk"
    html = client.get(reverse("core:accessibility")).content.decode()
    assert 'href="mailto:tilgaengelighed@example.dk"' in html
