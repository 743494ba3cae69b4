from __future__ import annotations

import pytest
from django.db.models import Count

from samskab.budgets.demo import seed_demo_budgets
from samskab.budgets.models import Ballot, BudgetProcess, Proposal

pytestmark = pytest.mark.django_db


def test_it_seeds_the_demo_once() -> None:
    seed_demo_budgets()
    seed_demo_budgets()
    assert BudgetProcess.objects.count() == 1
    assert BudgetProcess.objects.get().current_phase == "proposals"
    assert Proposal.objects.count() == 0  # no demo users in this test database


def test_it_seeds_a_finished_borgerne_bestemmer_process_with_voting_meetings() -> None:
    from samskab.accounts.tests.factories import UserFactory
    from samskab.budgets import paper, selectors
    from samskab.budgets.demo import BB_SLUG, seed_demo_budgets_borgerne_bestemmer
    from samskab.budgets.models import Implementation, ImplementationStatus, Result

    assert seed_demo_budgets_borgerne_bestemmer() is None  # no demo users: nothing
    UserFactory.create(email="sekretariat@demo.samskab.dk", role="secretariat")
    UserFactory.create(email="admin@demo.samskab.dk", role="administrator")
    assert seed_demo_budgets_borgerne_bestemmer() is not None
    assert seed_demo_budgets_borgerne_bestemmer() is None
    process = BudgetProcess.objects.get(slug=BB_SLUG)
    assert process.current_phase == "implementation" and process.has_results
    assert process.areas.count() == 4
    results = Result.objects.filter(budget_area__process=process)
    assert results.count() == 4 and all(result.verified for result in results)
    turnout = selectors.turnout(process)
    channels = {row.label: row.count for row in turnout.by_channel}
    # 34 people online, 18 of whom voted on the common budget as well as their village's.
    assert channels == {"online": 34, "paper": 25, "tally": 31}
    assert (turnout.total, turnout.ballots) == (34 + 25 + 31, 34 + 18 + 25 + 31)
    both = (
        Ballot.objects.filter(process=process, channel="online")
        .values("voter_key")
        .annotate(n=Count("id"))
        .filter(n=2)
    )
    assert both.count() == 18
    counts = {
        row.voting_meeting.method: (row.ballots, row.invalid)
        for row in paper.meeting_counts(process)
    }
    assert counts == {"sheets": (25, 1), "tally": (31, 0)}
    implementations = Implementation.objects.filter(proposal__process=process)
    assert implementations.exists()
    assert {i.status for i in implementations} == {ImplementationStatus.UNDER_WAY}
