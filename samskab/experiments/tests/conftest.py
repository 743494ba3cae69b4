from __future__ import annotations

import pytest

from conftest import ROLE_EMAILS
from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Department


@pytest.fixture
def manager(db: None) -> User:
    """A manager of a department: zero-error approvals are given by its managers."""
    return UserFactory.create(
        email=ROLE_EMAILS[Role.MANAGER],
        role=Role.MANAGER,
        department=Department.objects.order_by("pk").first(),
    )
