"""The demo's test identities: available in development, impossible in production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from samskab.accounts.identity import person_key_from_cpr
from samskab.accounts.models import User
from samskab.accounts.selectors import demo_identities
from samskab.accounts.services import user_create

pytestmark = pytest.mark.django_db

URL = reverse("accounts:demo_login")


def settings_in_subprocess(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_IDENTITIES"}}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEMO_IDENTITIES)"],
        env={**clean, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_refuses_to_start_production_with_demo_identities() -> None:
    result = settings_in_subprocess(DEBUG="0", DEMO_IDENTITIES="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DEMO_IDENTITIES" in result.stderr


def test_it_has_demo_identities_only_in_development_by_default() -> None:
    assert settings_in_subprocess(DEBUG="1").stdout.strip() == "True"
    assert settings_in_subprocess(DEBUG="0").stdout.strip() == "False"


@pytest.mark.parametrize(("debug", "demo"), [(False, False), (False, True), (True, False)])
def test_it_has_no_demo_login_unless_both_debug_and_the_setting_are_on(
    client: Client, settings, debug: bool, demo: bool
) -> None:
    settings.DEBUG, settings.DEMO_IDENTITIES = debug, demo
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"identity": "0"}).status_code == 404
    assert URL not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.parametrize(
    "role", [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
)
def test_it_shows_everyone_the_clearly_marked_demo_page(
    client: Client, settings, user_with_role, role: str | None
) -> None:
    settings.DEBUG = settings.DEMO_IDENTITIES = True
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kun til demo" in html and "Bente Borger" in html


def test_it_logs_in_as_the_seeded_test_identity(client: Client, settings) -> None:
    settings.DEBUG = settings.DEMO_IDENTITIES = True
    bente = next(identity for identity in demo_identities() if identity.name == "Bente Borger")
    seeded = user_create(
        email=bente.email, name=bente.name, cpr=bente.cpr, password="x", is_verified=True
    )
    response = client.post(URL, {"identity": str(bente.number)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(seeded.pk)
    seeded.refresh_from_db()
    assert seeded.person_key == person_key_from_cpr(bente.cpr)
    assert seeded.is_verified and seeded.is_municipal_resident


def test_it_keeps_the_choice_when_no_identity_was_picked(client: Client, settings) -> None:
    settings.DEBUG = settings.DEMO_IDENTITIES = True
    response = client.post(URL, {})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.exists()
