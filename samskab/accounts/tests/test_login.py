from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.accounts.tests.helpers import log_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_form_in_danish(client: Client) -> None:
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Log ind" in html
    assert 'for="id_username"' in html  # every field has a label
    assert 'autocomplete="email"' in html


def test_it_logs_in_with_email_and_password(client: Client, resident: User, password: str) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": resident.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:overview")
    assert client.get("/").context["user"] == resident


def test_it_keeps_the_email_and_explains_a_wrong_password(client: Client, resident: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": resident.email, "password": "forkert"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{resident.email}"' in html
    assert "E-mailadressen eller adgangskoden er forkert." in html
    assert "_auth_user_id" not in client.session


def test_it_does_not_log_in_an_inactive_user(client: Client, resident: User, password: str) -> None:
    resident.is_active = False
    resident.save(update_fields=["is_active"])
    client.post(reverse("accounts:login"), {"username": resident.email, "password": password})
    assert "_auth_user_id" not in client.session


def test_it_logs_out_only_by_post(client: Client, resident: User) -> None:
    client.force_login(resident)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_rejects_a_login_without_csrf_token(resident: User, password: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": resident.email, "password": password}
    )
    assert response.status_code == 403


def test_it_stores_emails_in_lower_case() -> None:
    user = User.objects.create_user(email="Bente@Example.DK", password="x", name="Bente")
    assert user.email == "bente@example.dk"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("resident", 302),
        ("employee", 302),
        ("manager", 302),
        ("secretariat", 302),
        ("committee", 302),
        ("administrator", 200),
    ],
)
def test_it_lets_only_administrators_into_the_admin(
    client: Client, user_with_role, role: str | None, status: int
) -> None:
    # Everyone has a verified second factor here; test_two_factor.py covers its absence.
    user = user_with_role(role)
    if user is not None:
        log_in_with_second_factor(client, user)
    response = client.get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]
