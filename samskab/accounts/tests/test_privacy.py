"""The privacy page, the data export, account erasure and the privacy registry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samskab.accounts import privacy
from samskab.accounts.identity import person_key_from_cpr
from samskab.accounts.models import Role, User
from samskab.accounts.services import account_erase, user_create
from samskab.accounts.tests.helpers import log_in_with_second_factor
from samskab.core.audit import audit_events_for, audit_record
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]


@pytest.fixture
def registered() -> Iterator[list[tuple[str, Any]]]:
    """A stand-in for another app (ideas, budgets) plugged into the registry."""
    calls: list[tuple[str, Any]] = []

    def export(user: User) -> dict[str, Any]:
        return {"ideas": [{"title": "Bænke ved åen", "author": user.name}]}

    def erase(user: User) -> None:
        calls.append(("erase", user.name))  # still has the name: runs before the erasure

    privacy.register("stand_in", export=export, erase=erase)
    yield calls
    privacy.unregister("stand_in")


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_everyone_the_privacy_page_in_danish(
    client: Client, user_with_role, role: str | None
) -> None:
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sådan behandler vi dine personoplysninger" in html
    assert "730 dage" in html  # retention periods come from the settings
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert (reverse("accounts:my_data") in html) is (user is not None)


def test_it_shows_the_privacy_page_in_english(client: Client) -> None:
    client.cookies["samskab_language"] = "en"
    html = client.get(reverse("accounts:privacy")).content.decode()
    assert "How we handle your personal data" in html


@pytest.mark.parametrize(
    ("role", "can_erase"),
    [
        ("resident", True),
        ("employee", False),
        ("manager", False),
        ("secretariat", False),
        ("committee", False),
        ("administrator", False),
    ],
)
def test_it_shows_the_data_page_and_who_may_delete(
    client: Client, user_with_role, role: str, can_erase: bool
) -> None:
    client.force_login(user_with_role(role))
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("accounts:data_export") in html
    assert (reverse("accounts:delete") in html) is can_erase


@pytest.mark.parametrize("name", ["my_data", "data_export", "delete"])
def test_it_sends_anonymous_visitors_to_the_login_page(client: Client, name: str) -> None:
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES[1:])
def test_it_lets_every_role_download_their_own_data_and_records_it(
    client: Client, user_with_role, role: str
) -> None:
    user = user_with_role(role)
    client.force_login(user)
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="samskab-mine-data-')
    data = json.loads(response.content)
    assert data["sections"]["accounts"]["profile"]["email"] == user.email
    assert [(e.action, e.actor) for e in audit_events_for(user)] == [("privacy_export", user)]


def test_it_exports_the_profile_the_audit_log_and_other_apps_sections(
    client: Client, registered: list[tuple[str, Any]]
) -> None:
    user = user_create(email="bo@example.dk", name="Bo Borger", cpr="0107491234")
    audit_record(actor=None, action="view", obj=user, detail={"via": "admin"})
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    profile = data["sections"]["accounts"]["profile"]
    assert profile["name"] == "Bo Borger"
    assert profile["birth_date"] == "1949-07-01"
    assert profile["person_key"] == person_key_from_cpr("0107491234")
    assert "0107491234" not in json.dumps(data)
    event = data["sections"]["accounts"]["audit_events"][0]
    assert (event["action"], event["by_you"]) == ("view", False)
    assert data["sections"]["stand_in"] == {
        "ideas": [{"title": "Bænke ved åen", "author": "Bo Borger"}]
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("resident", 200),
        ("employee", 403),
        ("manager", 403),
        ("secretariat", 403),
        ("committee", 403),
        ("administrator", 403),
    ],
)
def test_it_lets_only_residents_delete_their_account(
    client: Client, user_with_role, role: str, status: int
) -> None:
    user = user_with_role(role)
    client.force_login(user)
    assert client.get(reverse("accounts:delete")).status_code == status
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == (302 if status == 200 else 403)
    user.refresh_from_db()
    assert (user.erased_at is not None) is (status == 200)


def test_it_asks_for_confirmation_before_deleting(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.erased_at is None


def test_it_erases_personal_data_but_keeps_the_account_row_for_contributions(
    client: Client, registered: list[tuple[str, Any]]
) -> None:
    user = user_create(
        email="bo@example.dk", name="Bo Borger", cpr="0107491234", password="x", is_verified=True
    )
    audit_record(actor=user, action="publish", obj=user)  # stands for a contribution
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert registered == [("erase", "Bo Borger")]
    user.refresh_from_db()
    assert str(user) == "Slettet bruger"
    assert (user.name, user.person_key, user.birth_date, user.is_active) == ("", None, None, False)
    assert user.email == f"slettet-{user.pk}@slettet.invalid"
    assert not user.has_usable_password()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_user WHERE id = %s", [user.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "Bo Borger" not in row and "bo@example.dk" not in row
    # The contribution still points to the (anonymised) account.
    assert AuditEvent.objects.filter(action="publish", actor=user).exists()
    assert AuditEvent.objects.filter(action="privacy_erase", object_id=str(user.pk)).exists()
    # The person can come back with MitID as a new account.
    again = user_create(email="bo@example.dk", name="Bo", cpr="0107491234")
    assert again.pk != user.pk


def test_it_leaves_everything_as_it_was_when_an_app_fails_to_erase(resident: User) -> None:
    def broken(user: User) -> None:
        raise RuntimeError("the ideas app failed")

    privacy.register("broken", erase=broken)
    try:
        with pytest.raises(RuntimeError):
            account_erase(user=resident)
    finally:
        privacy.unregister("broken")
    resident.refresh_from_db()
    assert resident.erased_at is None and resident.name
    assert not AuditEvent.objects.exists()


def test_it_records_when_an_administrator_looks_at_a_person(
    client: Client, administrator: User, resident: User
) -> None:
    log_in_with_second_factor(client, administrator)
    url = reverse("admin:accounts_user_change", args=[resident.pk])
    assert client.get(url).status_code == 200
    events = list(audit_events_for(resident))
    assert [(e.action, e.actor, e.detail) for e in events] == [
        ("view", administrator, {"via": "admin"})
    ]


def test_it_shows_a_deleted_user_without_their_name(resident: User) -> None:
    account_erase(user=resident)
    resident.refresh_from_db()
    assert resident.get_full_name() == resident.get_short_name() == "Slettet bruger"
    assert resident.role == Role.RESIDENT
