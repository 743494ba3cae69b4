"""Password logins are rate limited: locked out after repeated failures (django-axes)."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse

from samskab.accounts.lockout import client_ip
from samskab.accounts.models import User

pytestmark = pytest.mark.django_db

URL = reverse("accounts:login")


def fail(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        client.post(URL, {"username": email, "password": "forkert"})


def test_it_locks_out_after_five_failures_with_a_danish_page(
    client: Client, resident: User, password: str
) -> None:
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        fail(client, resident.email, 5)
        response = client.post(URL, {"username": resident.email, "password": password})
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange mislykkede loginforsøg" in html
    assert "Login er blokeret efter 5 mislykkede forsøg" in html
    assert "Du kan prøve igen om 15 minutter" in html
    assert "_auth_user_id" not in client.session


def test_it_lets_the_person_in_again_after_the_cool_off(
    client: Client, resident: User, password: str
) -> None:
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        fail(client, resident.email, 5)
    with time_machine.travel("2026-12-01 10:16:00+00:00", tick=False):
        response = client.post(URL, {"username": resident.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_it_does_not_lock_out_a_person_who_mistypes_a_few_times(
    client: Client, resident: User, password: str
) -> None:
    fail(client, resident.email, 3)
    response = client.post(URL, {"username": resident.email, "password": password})
    assert response.status_code == 302
    fail(client, resident.email, 3)  # the counter started again after the success
    assert client.post(URL, {"username": resident.email, "password": password}).status_code == 302


def test_it_locks_the_admin_login_too(client: Client, administrator: User) -> None:
    for _ in range(5):
        client.post("/admin/login/", {"username": administrator.email, "password": "forkert"})
    response = client.post("/admin/login/", {"username": administrator.email, "password": "x"})
    assert response.status_code == 429


def test_it_counts_the_address_the_proxy_saw(settings) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7"
    )
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.1"  # not behind a proxy: the header is a lie
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "192.0.2.7"
