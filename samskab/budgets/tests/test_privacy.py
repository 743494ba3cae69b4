"""The citizen budgets' part of export, erasure and retention of personal data."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samskab.accounts.selectors import personal_data
from samskab.accounts.services import account_erase, privacy_retention_run
from samskab.budgets.ballots import voter_from_user
from samskab.budgets.models import Ballot, BudgetProcess
from samskab.budgets.tests.factories import make_process, make_proposal, make_voter
from samskab.budgets.voting import ballot_cast

pytestmark = pytest.mark.django_db


def _vote(process: BudgetProcess, cpr: str = "0107491234"):
    voter = make_voter(cpr)
    proposal = make_proposal(process, author=voter, title="Bænke ved åen")
    ballot_cast(
        process=process,
        voter=voter_from_user(voter),
        choices={proposal.pk: 1},
        budget_area=process.areas.get(),
    )
    return voter, Ballot.objects.get(process=process)


def _publish(process: BudgetProcess) -> None:
    process.results_published_at = timezone.now()
    process.save(update_fields=["results_published_at"])


def test_it_exports_the_persons_proposals_and_ballots() -> None:
    voter, ballot = _vote(make_process())
    data = personal_data(user=voter)["sections"]["budgets"]
    assert [p["title"] for p in data["proposals"]] == ["Bænke ved åen"]
    assert data["ballots"][0]["receipt_code"] == ballot.receipt_code
    assert data["ballots"][0]["choices"] == [{"project": "Bænke ved åen", "value": 1}]


def test_it_keeps_the_link_while_voting_is_open_so_nobody_votes_twice() -> None:
    voter, ballot = _vote(make_process())
    key = voter.person_key
    account_erase(user=voter)
    ballot.refresh_from_db()
    assert ballot.voter_key == key


def test_it_cuts_the_link_at_erasure_when_the_results_are_out() -> None:
    process = make_process()
    voter, ballot = _vote(process)
    _publish(process)
    account_erase(user=voter)
    ballot.refresh_from_db()
    assert ballot.voter_key == f"unlinked-{ballot.pk}"
    assert ballot.choices.count() == 1  # still counted


def test_it_cuts_every_voter_link_once_the_results_are_out() -> None:
    open_process = make_process()
    _, open_ballot = _vote(open_process, "0107491234")
    closed = make_process(slug="borgerbudget-2025", title="Borgerbudget 2025")
    voter, closed_ballot = _vote(closed, "0107501235")
    _publish(closed)
    done = privacy_retention_run(now=timezone.now() + datetime.timedelta(days=1))
    assert done["budgets"] == 1
    closed_ballot.refresh_from_db()
    open_ballot.refresh_from_db()
    assert closed_ballot.voter_key.startswith("unlinked-")
    assert open_ballot.voter_key != closed_ballot.voter_key
    assert not open_ballot.voter_key.startswith("unlinked-")
    assert personal_data(user=voter)["sections"]["budgets"]["ballots"] == []
