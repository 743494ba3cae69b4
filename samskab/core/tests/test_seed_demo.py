from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from samskab.accounts.models import Role, User

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_it_seeds_one_demo_user_per_role_and_is_idempotent() -> None:
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    demo = User.objects.filter(email__endswith="@demo.samskab.dk")
    # Two residents (one adult, one under 15), and a citizen-service clerk beside the
    # employee (the budgets demo: paper sheets entered and resolved by different people).
    assert demo.count() == len(Role) + 2
    clerk = demo.get(email="borgerservice@demo.samskab.dk")
    assert list(clerk.groups.values_list("name", flat=True)) == ["Borgerservice"]
    assert set(demo.values_list("role", flat=True)) == set(Role.values)
    bente = demo.get(email="borger@demo.samskab.dk")
    assert bente.person_key is not None and len(bente.person_key) == 64
    assert str(bente.birth_date) == "1949-07-01"


def test_it_refuses_to_seed_demo_accounts_in_production() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
