"""MitID and staff login, end to end against the real test provider on localhost.

The test client plays our site; ``Provider.authorize`` plays the person's browser at the
provider; our callback fetches the token from the provider over real HTTP.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samskab.accounts.identity import person_key_from_cpr
from samskab.accounts.log_filters import contains_cpr
from samskab.accounts.models import Role, User
from samskab.accounts.services import user_create
from samskab.accounts.tests.factories import UserFactory
from tests.oidc_provider.harness import Provider

pytestmark = pytest.mark.django_db

BENTE_CPR = "0107491234"


def log_in(
    client: Client,
    provider: Provider,
    username: str,
    *,
    via: str = "mitid",
    allow: bool = True,
    next_url: str = "",
) -> tuple[Any, str]:
    start = client.get(reverse(f"accounts:{via}_login"), {"next": next_url} if next_url else {})
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/authorize/")
    callback = provider.authorize(start["Location"], username=username, allow=allow)
    assert callback.startswith(f"http://testserver{reverse(f'accounts:{via}_callback')}?")
    return client.get(callback), callback


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_it_logs_a_resident_in_with_mitid_and_keeps_only_the_person_key(
    client: Client, oidc_settings: Provider
) -> None:
    response, _ = log_in(client, oidc_settings, "bente")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:overview")
    user = logged_in_user(client)
    assert user is not None
    assert user.name == "Bente Borger"
    assert user.email == "bente@example.dk"
    assert user.role == Role.RESIDENT
    assert user.is_verified and user.is_municipal_resident
    assert user.person_key == person_key_from_cpr(BENTE_CPR)
    assert user.birth_date == datetime.date(1949, 7, 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_user WHERE id = %s", [user.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert BENTE_CPR not in row and "010749-1234" not in row
    assert BENTE_CPR not in str(dict(client.session))


def test_it_finds_the_existing_account_by_the_person_key(
    client: Client, oidc_settings: Provider
) -> None:
    existing = user_create(email="bente.b@example.dk", name="B. Borger", cpr=BENTE_CPR)
    log_in(client, oidc_settings, "bente")
    assert logged_in_user(client) == existing
    assert User.objects.count() == 1
    existing.refresh_from_db()
    assert existing.is_verified and existing.name == "Bente Borger"


def test_it_knows_a_person_who_does_not_live_in_the_municipality(
    client: Client, oidc_settings: Provider
) -> None:
    log_in(client, oidc_settings, "tilflytter")
    user = logged_in_user(client)
    assert user is not None and user.is_verified and not user.is_municipal_resident
    # No e-mail from MitID: an address that can never receive mail, and no notifications.
    assert user.email.endswith("@mitid.invalid") and not user.email_notifications


def test_it_asks_the_municipal_register_when_configured(
    client: Client, oidc_settings: Provider, settings
) -> None:
    settings.IDENTITY_RESIDENCY_ADAPTER = "samskab.accounts.residency.LocalRegister"
    log_in(client, oidc_settings, "tilflytter")  # the claim says no, the register knows no
    assert not logged_in_user(client).is_municipal_resident  # type: ignore[union-attr]
    client.post(reverse("accounts:logout"))
    settings.MITID_OIDC_RESIDENCY_CLAIM = ""
    log_in(client, oidc_settings, "bente")  # a test identity in the local register
    assert logged_in_user(client).is_municipal_resident  # type: ignore[union-attr]


def test_it_refuses_a_cpr_claim_in_arabic_indic_digits(
    client: Client, oidc_settings: Provider
) -> None:
    bente = user_create(email="bente@example.dk", name="Bente", cpr=BENTE_CPR)
    response, _ = log_in(client, oidc_settings, "arabisk-cpr")
    assert response.status_code == 400
    assert logged_in_user(client) is None
    assert list(User.objects.all()) == [bente]


def test_it_returns_to_the_page_the_person_came_from(
    client: Client, oidc_settings: Provider
) -> None:
    response, _ = log_in(client, oidc_settings, "bente", next_url="/konto/mine-data/")
    assert response["Location"] == "/konto/mine-data/"


def test_it_ignores_a_next_address_on_another_site(client: Client, oidc_settings: Provider) -> None:
    response, _ = log_in(client, oidc_settings, "bente", next_url="https://evil.example/")
    assert response["Location"] == reverse("core:overview")


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("uden-cpr", "sendte ikke de oplysninger"),  # missing claim
        ("forkert-publikum", "var ikke til Samskab"),  # wrong audience
        ("udloebet", "er udløbet"),  # expired token
    ],
)
def test_it_refuses_a_faulty_answer_with_a_clear_page_and_no_session(
    client: Client, oidc_settings: Provider, username: str, message: str
) -> None:
    response, _ = log_in(client, oidc_settings, username)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Du blev ikke logget ind" in html
    assert message in html
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_it_refuses_a_replayed_answer(client: Client, oidc_settings: Provider) -> None:
    response, callback = log_in(client, oidc_settings, "bente")
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    replay = client.get(callback)
    assert replay.status_code == 400
    assert "allerede været brugt" in replay.content.decode()
    assert "_auth_user_id" not in client.session
    # Nor in another browser that never started a login.
    other = Client().get(callback)
    assert other.status_code == 400


def test_it_explains_a_login_refused_at_the_provider(
    client: Client, oidc_settings: Provider
) -> None:
    response, callback = log_in(client, oidc_settings, "bente", allow=False)
    assert "error=access_denied" in callback
    assert response.status_code == 400
    assert "afbrudt eller afvist" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_ends_an_earlier_session_when_a_login_fails(
    client: Client, oidc_settings: Provider, resident: User
) -> None:
    client.force_login(resident)
    response, _ = log_in(client, oidc_settings, "udloebet")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_it_never_logs_the_cpr_number(
    client: Client, oidc_settings: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    log_in(client, oidc_settings, "bente")
    log_in(Client(), oidc_settings, "uden-cpr")
    log_in(Client(), oidc_settings, "udloebet")
    assert caplog.records, "the flow logs something, so the check below means something"
    assert any("login failed" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        assert not contains_cpr(record.getMessage()), record.getMessage()


def test_it_logs_an_employee_in_with_the_role_from_their_groups(
    client: Client, oidc_settings: Provider
) -> None:
    response, _ = log_in(client, oidc_settings, "mette", via="staff")
    assert response.status_code == 302
    user = logged_in_user(client)
    assert user is not None
    assert (user.email, user.name, user.role) == (
        "mette@slagelse.dk",
        "Mette Medarbejder",
        Role.EMPLOYEE,
    )
    assert user.staff_subject and user.staff_subject.startswith(oidc_settings.issuer + "|")
    assert not user.has_usable_password()


def test_it_gives_the_highest_role_of_several_groups(
    client: Client, oidc_settings: Provider
) -> None:
    log_in(client, oidc_settings, "lars", via="staff")
    assert logged_in_user(client).role == Role.MANAGER  # type: ignore[union-attr]


def test_it_links_an_existing_local_account_and_updates_its_role(
    client: Client, oidc_settings: Provider
) -> None:
    existing = UserFactory.create(email="lars@slagelse.dk", role=Role.EMPLOYEE)
    log_in(client, oidc_settings, "lars", via="staff")
    assert logged_in_user(client) == existing
    existing.refresh_from_db()
    assert existing.role == Role.MANAGER


def test_it_refuses_an_employee_without_a_samskab_group(
    client: Client, oidc_settings: Provider
) -> None:
    response, _ = log_in(client, oidc_settings, "ingen-adgang", via="staff")
    assert response.status_code == 400
    assert "ikke fået adgang" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_it_refuses_a_deactivated_account(client: Client, oidc_settings: Provider) -> None:
    user_create(email="bente@example.dk", name="Bente", cpr=BENTE_CPR)
    User.objects.update(is_active=False)
    response, _ = log_in(client, oidc_settings, "bente")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_it_explains_when_the_provider_cannot_be_reached(client: Client, settings) -> None:
    settings.MITID_OIDC_ISSUER = "http://127.0.0.1:9/o"  # nothing listens on port 9
    settings.MITID_OIDC_CLIENT_ID = "x"
    response = client.get(reverse("accounts:mitid_login"))
    assert response.status_code == 503
    assert "kunne ikke nås" in response.content.decode()


@pytest.mark.parametrize("name", ["mitid_login", "mitid_callback", "staff_login", "staff_callback"])
def test_it_has_no_login_for_a_provider_that_is_not_configured(
    client: Client, settings, name: str
) -> None:
    settings.MITID_OIDC_ISSUER = settings.STAFF_OIDC_ISSUER = ""
    assert client.get(reverse(f"accounts:{name}")).status_code == 404


def test_it_offers_the_configured_logins_on_the_login_page(
    client: Client, oidc_settings: Provider
) -> None:
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:mitid_login") in html
    assert reverse("accounts:staff_login") in html
    assert reverse("accounts:demo_login") not in html  # DEBUG is off
