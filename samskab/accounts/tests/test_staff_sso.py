"""Staff single sign-on links an account only by the provider's (issuer, subject).

An e-mail claim may link a local staff account made before single sign-on, and only when
the provider says the address is verified, the account has no link yet, and it is neither a
resident's account nor a superuser's. Every link is in the audit log. The role from the
groups never changes a superuser or a resident account.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samskab.accounts import oidc, services
from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.accounts.tests.test_oidc import log_in, logged_in_user
from samskab.core.audit import audit_events_for
from samskab.core.models import AuditEvent
from tests.oidc_provider.harness import Provider

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.dk/tenant"
GROUPS = {"employee": "medarbejdere", "manager": "ledere", "secretariat": "sekretariat"}


@pytest.fixture(autouse=True)
def _role_map(settings) -> None:
    settings.STAFF_OIDC_ROLE_MAP = {group: role for role, group in GROUPS.items()}
    settings.STAFF_OIDC_GROUPS_CLAIM = "groups"


def claims(
    *,
    sub: str = "subject-1",
    email: str | None = "ulla@slagelse.dk",
    verified: object = None,
    role: str = "employee",
    **extra: Any,
) -> dict[str, Any]:
    values: dict[str, Any] = {"iss": ISSUER, "sub": sub, "name": "Ulla", "groups": [GROUPS[role]]}
    if email is not None:
        values["email"] = email
    if verified is not None:
        values["email_verified"] = verified
    return {**values, **extra}


def sso_login(**kwargs: Any) -> User:
    return services.staff_login(identity=oidc.staff_identity(claims(**kwargs)))


def refused(**kwargs: Any) -> str:
    with pytest.raises(oidc.LoginFailed) as failure:
        sso_login(**kwargs)
    return failure.value.reason


def test_it_never_logs_into_a_superuser_by_an_e_mail_claim_over_real_http(
    client: Client, oidc_settings: Provider
) -> None:
    """Today's attack: a work account whose e-mail claim names the administrator."""
    chief = UserFactory.create(
        email="chef@slagelse.dk", role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True
    )
    for username in ("falsk-mail", "falsk-verificeret"):
        response, _ = log_in(client, oidc_settings, username, via="staff")
        assert response.status_code == 400
        assert "tilhører allerede en anden konto" in response.content.decode()
        assert logged_in_user(client) is None
    chief.refresh_from_db()
    assert (chief.role, chief.is_superuser, chief.staff_subject) == (
        Role.ADMINISTRATOR,
        True,
        None,
    )
    assert User.objects.count() == 1


@pytest.mark.parametrize("verified", [None, False, "false", "yes", 1])
def test_it_links_nobody_by_an_e_mail_claim_that_is_not_verified(verified: object) -> None:
    existing = UserFactory.create(email="ulla@slagelse.dk", role=Role.EMPLOYEE)
    assert refused(verified=verified) == "account_taken"
    existing.refresh_from_db()
    assert existing.staff_subject is None


@pytest.mark.parametrize(
    "account",
    [
        {"role": Role.RESIDENT},
        {"role": Role.RESIDENT, "is_verified": True, "person_key": "a" * 64},
        {"role": Role.EMPLOYEE, "person_key": "b" * 64},
        {"role": Role.ADMINISTRATOR, "is_superuser": True, "is_staff": True},
        {"role": Role.EMPLOYEE, "is_superuser": True},
        {"role": Role.EMPLOYEE, "staff_subject": f"{ISSUER}|someone-else"},
        {"role": Role.EMPLOYEE, "is_active": False},
    ],
    ids=[
        "resident",
        "mitid-resident",
        "employee-with-person-key",
        "superuser",
        "superuser-employee",
        "already-linked",
        "deactivated",
    ],
)
def test_it_never_links_a_verified_e_mail_claim_to_these_accounts(
    account: dict[str, Any],
) -> None:
    existing = UserFactory.create(email="ulla@slagelse.dk", **account)
    before = User.objects.values().get(pk=existing.pk)
    assert refused(verified=True, role="secretariat") == "account_taken"
    assert User.objects.values().get(pk=existing.pk) == before
    assert User.objects.count() == 1
    assert not AuditEvent.objects.filter(action="staff_sso_link").exists()


@pytest.mark.parametrize("claim", ["preferred_username", "upn"])
def test_it_never_links_by_preferred_username_or_upn(claim: str) -> None:
    existing = UserFactory.create(email="ulla@slagelse.dk", role=Role.EMPLOYEE)
    reason = refused(email=None, **{claim: "ulla@slagelse.dk", "email_verified": True})
    assert reason == "account_taken"
    existing.refresh_from_db()
    assert existing.staff_subject is None


def test_it_links_an_unlinked_staff_account_by_a_verified_e_mail_and_records_it() -> None:
    existing = UserFactory.create(email="ulla@slagelse.dk", role=Role.EMPLOYEE)
    user = sso_login(verified=True, role="manager")
    assert user == existing
    existing.refresh_from_db()
    assert existing.staff_subject == f"{ISSUER}|subject-1"
    assert existing.role == Role.MANAGER
    (event,) = audit_events_for(existing).filter(action="staff_sso_link")
    assert event.detail == {"issuer": ISSUER, "by": "verified_email"}
    # The next login finds it by the subject, with no new link recorded.
    assert sso_login(email="ulla.ny@slagelse.dk", verified=True) == existing
    assert audit_events_for(existing).filter(action="staff_sso_link").count() == 1


def test_it_accepts_the_string_true_as_a_verified_claim() -> None:
    existing = UserFactory.create(email="ulla@slagelse.dk", role=Role.EMPLOYEE)
    assert sso_login(verified="true") == existing


def test_it_records_an_account_created_at_the_first_login() -> None:
    user = sso_login(email="ny@slagelse.dk")
    assert (user.email, user.role, user.staff_subject) == (
        "ny@slagelse.dk",
        Role.EMPLOYEE,
        f"{ISSUER}|subject-1",
    )
    (event,) = audit_events_for(user).filter(action="staff_sso_link")
    assert event.detail == {"issuer": ISSUER, "by": "created"}


def test_it_finds_the_account_by_subject_not_by_a_changed_e_mail_claim() -> None:
    first = sso_login(sub="s1", email="ulla@slagelse.dk")
    other = UserFactory.create(email="other@slagelse.dk", role=Role.EMPLOYEE)
    assert sso_login(sub="s1", email="other@slagelse.dk", verified=True) == first
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.email == "ulla@slagelse.dk" and other.staff_subject is None


def test_it_keeps_subjects_of_different_issuers_apart() -> None:
    first = sso_login(sub="s1", email="a@slagelse.dk")
    second = sso_login(sub="s1", email="b@slagelse.dk", iss="https://other.example.dk")
    assert first != second


@pytest.mark.parametrize(
    "account",
    [
        {"role": Role.ADMINISTRATOR, "is_superuser": True},
        {"role": Role.EMPLOYEE, "is_superuser": True},
        {"role": Role.RESIDENT},
    ],
    ids=["superuser-administrator", "superuser-employee", "resident"],
)
def test_it_never_changes_the_role_of_a_superuser_or_a_resident_account(
    account: dict[str, Any],
) -> None:
    # Linked by the municipality's administrators (not by a login), then logging in.
    existing = UserFactory.create(
        email="ulla@slagelse.dk", staff_subject=f"{ISSUER}|subject-1", **account
    )
    assert sso_login(role="secretariat") == existing
    existing.refresh_from_db()
    assert existing.role == account["role"]
    assert existing.is_superuser is account.get("is_superuser", False)
