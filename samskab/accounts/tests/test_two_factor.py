"""Two-factor login (TOTP) for the administration site."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samskab.accounts.demo import DEMO_ADMIN_EMAIL, DEMO_BACKUP_CODE, seed_demo_accounts
from samskab.accounts.models import User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.audit import audit_events_for

pytestmark = pytest.mark.django_db

URL = reverse("accounts:two_factor")


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("resident", 403),
        ("employee", 403),
        ("manager", 403),
        ("secretariat", 403),
        ("committee", 403),
        ("administrator", 200),
    ],
)
def test_it_offers_two_factor_setup_only_to_staff(
    client: Client, user_with_role, role: str, status: int
) -> None:
    client.force_login(user_with_role(role))
    assert client.get(URL).status_code == status
    assert client.post(URL, {"action": "start"}).status_code in {status, 302}
    assert TOTPDevice.objects.exists() is (status == 200)


def test_it_sends_anonymous_visitors_to_the_login_page(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_keeps_an_administrator_without_a_second_factor_out_of_the_admin(
    client: Client, administrator: User
) -> None:
    client.force_login(administrator)  # password only
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    html = client.get(response["Location"]).content.decode()
    assert "Kode fra din godkendelsesapp" in html
    assert URL in html


def test_it_sets_up_an_authenticator_and_then_lets_the_administrator_in(
    client: Client, administrator: User
) -> None:
    client.force_login(administrator)
    assert client.post(URL, {"action": "start"}).status_code == 302
    page = client.get(URL).content.decode()
    assert '<svg role="img"' in page and "<title>QR-kode" in page
    device = TOTPDevice.objects.get(user=administrator)
    assert not device.confirmed
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        wrong = client.post(URL, {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Koden er ikke korrekt" in wrong.content.decode()
    assert 'value="000000"' in wrong.content.decode() or 'value="111111"' in wrong.content.decode()
    # django-otp slows down guessing: the next try is only accepted a moment later.
    with time_machine.travel("2026-12-01 10:01:00+00:00", tick=False):
        response = client.post(URL, {"token": code(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert [e.action for e in audit_events_for(administrator)] == ["two_factor_enabled"]


def test_it_asks_a_set_up_administrator_for_a_code_after_a_password_login(
    client: Client, administrator: User
) -> None:
    device = TOTPDevice.objects.create(user=administrator, name="App", confirmed=True)
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 302
    with time_machine.travel("2026-12-01 10:00:00+00:00", tick=False):
        assert client.post(URL, {"token": code(device)}).status_code == 302
        assert client.get("/admin/").status_code == 200


def test_it_logs_in_at_the_admin_with_password_and_code(client: Client, password: str) -> None:
    admin = UserFactory.create(
        email="it@slagelse.dk", role="administrator", is_staff=True, is_superuser=True
    )
    device = TOTPDevice.objects.create(user=admin, name="App", confirmed=True)
    data = {"username": admin.email, "password": password, "next": "/admin/"}
    without = client.post("/admin/login/", data)
    assert without.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post("/admin/login/", {**data, "otp_token": code(device)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_gives_the_demo_administrator_a_backup_code(client: Client, password: str) -> None:
    admin = UserFactory.create(
        email=DEMO_ADMIN_EMAIL, role="administrator", is_staff=True, is_superuser=True
    )
    seed_demo_accounts()
    seed_demo_accounts()  # idempotent
    data = {"username": admin.email, "password": password, "otp_token": DEMO_BACKUP_CODE}
    assert client.post("/admin/login/", data).status_code == 302


def test_it_keeps_the_verified_identity_field_intact_on_request_user(
    client: Client, unverified_resident: User, resident: User
) -> None:
    # django-otp would replace user.is_verified with an always-true function.
    client.force_login(unverified_resident)
    request_user = client.get(reverse("accounts:my_data")).wsgi_request.user
    assert request_user.is_verified is False  # type: ignore[union-attr]
    client.force_login(resident)
    request_user = client.get(reverse("accounts:my_data")).wsgi_request.user
    assert request_user.is_verified is True  # type: ignore[union-attr]
