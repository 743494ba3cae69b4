"""The vote path at the peak (see benchmarks/voting_load.py): a ballot is cast in a fixed,
small number of queries, and the lean query it uses still counts the vetted cost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.budgets.models import Ballot, BallotChoice, Vetting
from samskab.budgets.selectors import ballot_proposals, ballot_proposals_to_count
from samskab.budgets.tests.factories import ADULT_CPRS, make_process, make_proposal, make_voter

pytestmark = pytest.mark.django_db

# Session, user, process, areas, proposals, then in the transaction: the earlier ballot
# locked (only where ballots may be changed), the ballot and its choices; plus the
# savepoint pair of the test's own transaction.
QUERIES_PER_BALLOT = 10


def test_it_casts_a_ballot_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
) -> None:
    process = make_process()
    proposals = [make_proposal(process, title=f"Forslag {n}") for n in range(8)]
    data = {"omraade": "slagelse-kommune", "project": [str(proposals[0].pk), str(proposals[1].pk)]}
    for cpr in ADULT_CPRS[:2]:
        client.force_login(make_voter(cpr))
        with django_assert_max_num_queries(QUERIES_PER_BALLOT):
            response = client.post(reverse("budgets:ballot", args=[process.slug]), data)
        assert response.status_code == 302
    assert Ballot.objects.count() == 2 and BallotChoice.objects.count() == 4


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


def test_it_casts_a_ballot_that_cannot_be_changed_in_one_query_less(
    client, django_assert_max_num_queries
) -> None:
    process = make_process(allow_ballot_change=False)
    proposal = make_proposal(process)
    data = {"omraade": "slagelse-kommune", "project": [str(proposal.pk)]}
    client.force_login(make_voter())
    with django_assert_max_num_queries(QUERIES_PER_BALLOT - 1):
        response = client.post(reverse("budgets:ballot", args=[process.slug]), data)
    assert response.status_code == 302
    # Again: the database refuses the second ballot and the voter sees the receipt.
    response = client.post(reverse("budgets:ballot", args=[process.slug]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("budgets:receipt", args=[process.slug])
    assert "Du har allerede stemt" in response.content.decode()
    assert Ballot.objects.count() == 1 and BallotChoice.objects.count() == 1
