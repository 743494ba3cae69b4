"""The vote path at the peak (see benchmarks/voting_load.py): a ballot is cast in a fixed,
small number of queries, and the lean query it uses still counts the vetted cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BudgetArea,
    BudgetProcess,
    Proposal,
    ProposalStatus,
    Vetting,
)
from samskab.budgets.selectors import ballot_proposals, ballot_proposals_to_count
from samskab.budgets.services import rules_version_bump
from samskab.budgets.tests.factories import ADULT_CPRS, make_process, make_proposal, make_voter
from samskab.budgets.voting import fixed_parts

pytestmark = pytest.mark.django_db

# Session, user, process (the areas and proposals come from the worker's cache once the
# first vote has read them), then in the transaction: on PostgreSQL the ballot with its
# choices in one statement; elsewhere the earlier ballot locked (only where ballots may be
# changed), the ballot and its choices; plus the savepoint pair of the test's transaction.
QUERIES_PER_BALLOT = 6 if connection.vendor == "postgresql" else 8


def _vote(client, process: BudgetProcess, *proposals: Proposal):
    data = {"omraade": "slagelse-kommune", "project": [str(p.pk) for p in proposals]}
    return client.post(reverse("budgets:ballot", args=[process.slug]), data)


def test_it_casts_a_ballot_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
) -> None:
    process = make_process()
    proposals = [make_proposal(process, title=f"Forslag {n}") for n in range(8)]
    client.force_login(make_voter(ADULT_CPRS[0]))
    assert _vote(client, process, *proposals[:2]).status_code == 302  # fills the cache
    for cpr in ADULT_CPRS[1:3]:
        client.force_login(make_voter(cpr))
        with django_assert_max_num_queries(QUERIES_PER_BALLOT):
            response = _vote(client, process, *proposals[:2])
        assert response.status_code == 302
    assert Ballot.objects.count() == 3 and BallotChoice.objects.count() == 6


def test_it_replaces_an_earlier_ballot_whole_through_the_fast_path(client) -> None:
    process = make_process()
    first, second, third = (make_proposal(process, title=f"Forslag {n}") for n in range(3))
    client.force_login(make_voter())
    assert _vote(client, process, first, second).status_code == 302
    assert _vote(client, process, third).status_code == 302
    ballot = Ballot.objects.get()
    assert list(ballot.choices.values_list("proposal_id", flat=True)) == [third.pk]


def test_it_sees_a_rule_change_through_the_cache(client) -> None:
    """A change to the ballot's fixed parts bumps the rules version; the next vote must be
    checked against the new parts, not the cached ones."""
    process = make_process()
    kept = make_proposal(process, title="Bænke", cost=100_000)
    taken_off = make_proposal(process, title="Sti", cost=200_000)
    client.force_login(make_voter(ADULT_CPRS[0]))
    assert _vote(client, process, kept, taken_off).status_code == 302  # fills the cache
    # Changes that only an operator can make once voting is open, each counted as the
    # services and the admin count them.
    Proposal.objects.filter(pk=taken_off.pk).update(status=ProposalStatus.IN_VETTING)
    rules_version_bump(process.pk)
    client.force_login(make_voter(ADULT_CPRS[1]))
    response = _vote(client, process, kept, taken_off)
    assert response.status_code == 400
    assert Ballot.objects.count() == 1
    BudgetArea.objects.filter(process=process).update(budget=50_000)
    rules_version_bump(process.pk)
    response = _vote(client, process, kept)
    assert response.status_code == 400
    assert "mere end budgettet" in response.content.decode()
    assert Ballot.objects.count() == 1


def test_it_keeps_no_parts_of_a_process_before_voting_opens() -> None:
    process = make_process(phase="vetting")
    make_proposal(process, title="Bænke")
    budget_area = process.areas.get()
    assert [p.title for p in fixed_parts(process).proposals_of(budget_area)] == ["Bænke"]
    Proposal.objects.update(title="Bænke ved søen")
    # No version bump (the rules are not frozen yet, so nothing is cached at all).
    assert [p.title for p in fixed_parts(process).proposals_of(budget_area)] == ["Bænke ved søen"]


def test_it_reads_the_same_costs_in_the_lean_ballot_query() -> None:
    process = make_process()
    cheap = make_proposal(process, title="Bænke", cost=100_000)
    Vetting.objects.filter(proposal=cheap).update(investment_cost=600_000)
    make_proposal(process, title="Sti", cost=200_000)
    budget_area = process.areas.get()
    full = ballot_proposals(budget_area)
    lean = ballot_proposals_to_count(budget_area)
    assert [(p.pk, p.title, p.ballot_cost) for p in lean] == [
        (p.pk, p.title, p.ballot_cost) for p in full
    ]
    assert {p.title: p.ballot_cost for p in lean} == {"Bænke": 600_000, "Sti": 200_000}


def test_it_refuses_a_ballot_over_the_vetted_budget(client) -> None:
    process = make_process()
    proposal = make_proposal(process, title="Bænke", cost=100_000)
    Vetting.objects.filter(proposal=proposal).update(investment_cost=1_500_000)
    client.force_login(make_voter())
    response = client.post(
        reverse("budgets:ballot", args=[process.slug]),
        {"omraade": "slagelse-kommune", "project": [str(proposal.pk)]},
    )
    assert response.status_code == 400
    assert "mere end budgettet" in response.content.decode()
    assert not Ballot.objects.exists()


def test_it_refuses_a_second_ballot_where_ballots_cannot_be_changed(client) -> None:
    process = make_process(allow_ballot_change=False)
    proposal = make_proposal(process)
    data = {"omraade": "slagelse-kommune", "project": [str(proposal.pk)]}
    client.force_login(make_voter())
    assert _vote(client, process, proposal).status_code == 302
    # Again: the database refuses the second ballot and the voter sees the receipt.
    response = client.post(reverse("budgets:ballot", args=[process.slug]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("budgets:receipt", args=[process.slug])
    assert "Du har allerede stemt" in response.content.decode()
    assert Ballot.objects.count() == 1 and BallotChoice.objects.count() == 1
