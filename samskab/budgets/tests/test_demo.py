from __future__ import annotations

import pytest

from samskab.budgets.demo import seed_demo_budgets
from samskab.budgets.models import BudgetProcess, Proposal

pytestmark = pytest.mark.django_db


def test_it_seeds_the_demo_once() -> None:
    seed_demo_budgets()
    seed_demo_budgets()
    assert BudgetProcess.objects.count() == 1
    assert BudgetProcess.objects.get().current_phase == "proposals"
    assert Proposal.objects.count() == 0  # no demo users in this test database
