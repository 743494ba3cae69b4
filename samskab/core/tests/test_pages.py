from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_home_page_in_danish_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Skab fornyelse sammen" in html
    assert "Gå til indhold" in html  # skip link
    assert "Korsør" in html  # reference data from the migration


def test_it_switches_to_english_and_back(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Create renewal together" in html
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert "Skab fornyelse sammen" in client.get("/").content.decode()


def test_it_has_landmarks_and_a_language_form_that_needs_no_javascript(client: Client) -> None:
    html = client.get("/").content.decode()
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'action="/i18n/setlang/"' in html
    assert 'method="post"' in html


def test_it_returns_healthz_ok_with_a_database_check(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_reports_an_unhealthy_database_with_503(client: Client) -> None:
    with mock.patch("samskab.core.selectors.connection.cursor", side_effect=OSError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_it_shows_a_404_page_in_the_site_layout(client: Client) -> None:
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden blev ikke fundet" in html
    assert 'id="indhold"' in html


@override_settings(DEBUG=False)
def test_it_shows_a_500_page_in_the_site_layout(rf) -> None:
    from samskab.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html or "Noget gik galt" in html
    assert 'id="indhold"' in html


def test_it_refuses_other_methods_on_the_home_page(client: Client) -> None:
    assert client.post("/").status_code == 405


def test_it_sends_security_headers(client: Client) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_stays_danish_for_a_browser_that_prefers_english(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="da">' in response.content.decode()
    assert response["Content-Language"] == "da"
