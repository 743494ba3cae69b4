"""Pages of a closed or not-yet-open phase explain the state and the way on, never a 403."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samskab.budgets.tests.factories import make_process, make_voter

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC)


@time_machine.travel(TODAY)
def test_it_says_when_voting_opens_instead_of_refusing(client) -> None:
    process = make_process(phase="vetting", voting_start=datetime.date(2027, 1, 8))
    client.force_login(make_voter())
    response = client.get(reverse("budgets:ballot", args=[process.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Afstemningen åbner 8. januar" in page
    assert reverse("budgets:process", args=[process.slug]) in page


def test_it_points_to_the_results_once_voting_has_closed(client) -> None:
    process = make_process(phase="results", results_published_at=timezone.now())
    client.force_login(make_voter())
    response = client.get(reverse("budgets:ballot", args=[process.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Afstemningen er lukket" in page
    assert "Se resultaterne" in page
    assert reverse("budgets:results", args=[process.slug]) in page


def test_it_says_the_votes_are_being_counted_before_results_are_published(client) -> None:
    process = make_process(phase="results")
    client.force_login(make_voter())
    response = client.get(reverse("budgets:ballot", args=[process.slug]))
    assert response.status_code == 200
    assert "Stemmerne bliver talt op" in response.content.decode()


def test_it_does_not_store_a_ballot_posted_after_voting_closed(client) -> None:
    process = make_process(phase="results")
    client.force_login(make_voter())
    response = client.post(reverse("budgets:ballot", args=[process.slug]), {"projekt": ["1"]})
    assert response.status_code == 200
    assert process.ballots.count() == 0


@time_machine.travel(TODAY)
def test_it_says_when_proposals_open(client, resident) -> None:
    process = make_process(phase="information", proposals_start=datetime.date(2026, 12, 3))
    client.force_login(resident)
    response = client.get(reverse("budgets:proposal_create", args=[process.slug]))
    assert response.status_code == 200
    assert "Du kan foreslå projekter fra 3. december" in response.content.decode()


def test_it_says_the_proposal_period_is_over(client, resident) -> None:
    process = make_process(phase="voting")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]), {"title": "Bænke"}
    )
    assert response.status_code == 200
    assert "Perioden for forslag er slut" in response.content.decode()
    assert process.proposals.count() == 0


def test_it_explains_unpublished_results_to_anonymous_visitors(client) -> None:
    process = make_process(phase="voting")
    response = client.get(reverse("budgets:results", args=[process.slug]))
    assert response.status_code == 200
    assert "Resultaterne er ikke offentliggjort endnu" in response.content.decode()


def test_it_still_hides_unpublished_processes(client, resident) -> None:
    process = make_process(phase="results", is_published=False)
    client.force_login(resident)
    assert client.get(reverse("budgets:ballot", args=[process.slug])).status_code == 404
    assert client.get(reverse("budgets:results", args=[process.slug])).status_code == 404
