"""The role table every app builds on, one case per cell."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from samskab.accounts import permissions
from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory

PREDICATES = {
    "resident": permissions.is_resident,
    "employee": permissions.is_employee,
    "manager": permissions.is_manager,
    "secretariat": permissions.is_secretariat,
    "committee": permissions.is_committee,
    "administrator": permissions.is_administrator,
}

# role of the user -> the predicates that hold for them
EXPECTED: dict[str, set[str]] = {
    Role.RESIDENT: {"resident"},
    Role.EMPLOYEE: {"resident", "employee"},
    Role.MANAGER: {"resident", "employee", "manager"},
    Role.SECRETARIAT: {"resident", "employee", "manager", "secretariat", "committee"},
    Role.COMMITTEE: {"resident", "committee"},
    Role.ADMINISTRATOR: set(PREDICATES),
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("predicate", list(PREDICATES))
def test_it_grants_each_role_exactly_its_table_row(role: str, predicate: str) -> None:
    user = UserFactory.build(role=role)
    assert PREDICATES[predicate](user) is (predicate in EXPECTED[role])


@pytest.mark.parametrize("predicate", list(PREDICATES))
def test_it_grants_nothing_to_anonymous_users(predicate: str) -> None:
    assert PREDICATES[predicate](AnonymousUser()) is False


@pytest.mark.parametrize("predicate", list(PREDICATES))
def test_it_grants_nothing_to_deactivated_users(predicate: str) -> None:
    user = UserFactory.build(role=Role.ADMINISTRATOR, is_active=False)
    assert PREDICATES[predicate](user) is False


def test_it_requires_a_verified_identity_for_verified_residents() -> None:
    assert permissions.is_verified_resident(UserFactory.build(is_verified=True))
    assert not permissions.is_verified_resident(UserFactory.build(is_verified=False))
