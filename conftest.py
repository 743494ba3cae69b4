"""Fixtures shared by every test: one ready-made user for each role."""

from __future__ import annotations

import pytest

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import TEST_PASSWORD, UserFactory

ROLE_EMAILS = {role.value: f"{role.value}@test.samskab.dk" for role in Role}


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def resident(db: None) -> User:
    return UserFactory.create(
        email=ROLE_EMAILS[Role.RESIDENT], role=Role.RESIDENT, is_verified=True
    )


@pytest.fixture
def unverified_resident(db: None) -> User:
    return UserFactory.create(email="ikke-verificeret@test.samskab.dk", role=Role.RESIDENT)


@pytest.fixture
def employee(db: None) -> User:
    return UserFactory.create(email=ROLE_EMAILS[Role.EMPLOYEE], role=Role.EMPLOYEE)


@pytest.fixture
def manager(db: None) -> User:
    return UserFactory.create(email=ROLE_EMAILS[Role.MANAGER], role=Role.MANAGER)


@pytest.fixture
def secretariat(db: None) -> User:
    return UserFactory.create(email=ROLE_EMAILS[Role.SECRETARIAT], role=Role.SECRETARIAT)


@pytest.fixture
def committee(db: None) -> User:
    return UserFactory.create(email=ROLE_EMAILS[Role.COMMITTEE], role=Role.COMMITTEE)


@pytest.fixture
def administrator(db: None) -> User:
    return UserFactory.create(
        email=ROLE_EMAILS[Role.ADMINISTRATOR],
        role=Role.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def user_with_role(db: None):
    """Make a user for a role given by name, for tests parametrised over roles."""

    def make(role: str | None) -> User | None:
        if role is None:
            return None
        return UserFactory.create(
            email=ROLE_EMAILS[role],
            role=role,
            is_verified=role == Role.RESIDENT,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Real hashing is deliberately slow; tests only need it to be correct.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
