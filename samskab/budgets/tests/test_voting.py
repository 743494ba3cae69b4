"""Ballot rules, eligibility, receipts, assisted voting and one ballot per person."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from samskab.accounts.identity import person_key_from_cpr
from samskab.budgets.ballots import voter_from_user
from samskab.budgets.models import Ballot, BallotChoice, Channel
from samskab.budgets.tests.factories import (
    make_desk_clerk,
    make_process,
    make_proposal,
    make_voter,
)
from samskab.budgets.voting import ballot_cast
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# ballot type, process settings, choices given as indexes of the proposals -> message
VIOLATIONS = [
    ("basket", {}, {}, "Vælg mindst ét projekt."),
    ("basket", {}, {0: 1, 1: 1}, "mere end budgettet på 1.000.000\xa0kr."),
    ("approval", {"min_projects": 2, "max_projects": 2}, {0: 1}, "Vælg mindst 2 projekter."),
    (
        "approval",
        {"min_projects": 1, "max_projects": 2},
        {0: 1, 1: 1, 2: 1},
        "Vælg højst 2 projekter.",
    ),
    ("cumulative", {"points_total": 10}, {}, "Giv mindst ét point til et projekt."),
    (
        "cumulative",
        {"points_total": 10},
        {0: 6, 1: 5},
        "Du har givet 11 point, men du har 10 point",
    ),
    ("ranking", {"rank_count": 2}, {0: 1, 1: 1}, "Hver plads kan kun gives til ét projekt."),
    ("ranking", {"rank_count": 3}, {0: 1, 1: 3}, "Brug pladserne i rækkefølge"),
    ("ranking", {"rank_count": 2}, {0: 1, 1: 2, 2: 3}, "Du kan højst rangere 2 projekter."),
]


def _setup(kind: str, options: dict):
    process = make_process(ballot_type=kind, **options)
    proposals = [
        make_proposal(process, title="Legeplads", cost=600_000),
        make_proposal(process, title="Bænke", cost=500_000),
        make_proposal(process, title="Sti", cost=100_000),
    ]
    return process, proposals


@pytest.mark.parametrize(("kind", "options", "given", "message"), VIOLATIONS)
def test_it_rejects_each_broken_rule_with_its_message_and_stores_nothing(
    client, kind, options, given, message
) -> None:
    process, proposals = _setup(kind, options)
    voter = make_voter()
    client.force_login(voter)
    data: dict[str, object] = {"omraade": "slagelse-kommune"}
    if kind in ("basket", "approval"):
        data["project"] = [str(proposals[i].pk) for i in given]
    else:
        prefix = "points" if kind == "cumulative" else "rank"
        data.update({f"{prefix}-{proposals[i].pk}": str(v) for i, v in given.items()})
    response = client.post(reverse("budgets:ballot", args=[process.slug]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert Ballot.objects.count() == 0 and BallotChoice.objects.count() == 0
    assert len(mail.outbox) == 0
    # The voter's choices are kept on the page.
    for i in given:
        if kind in ("basket", "approval"):
            assert f'value="{proposals[i].pk}" id="projekt-{proposals[i].pk}"' in page
            pk = proposals[i].pk
            assert f'id="projekt-{pk}" aria-describedby="projekt-{pk}-info" checked' in page


def test_it_stores_a_valid_basket_ballot_and_sends_a_receipt(
    client, django_capture_on_commit_callbacks
) -> None:
    process, proposals = _setup("basket", {})
    voter = make_voter()
    client.force_login(voter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("budgets:ballot", args=[process.slug]),
            {"omraade": "slagelse-kommune", "project": [proposals[0].pk, proposals[2].pk]},
        )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.voter_key == voter.person_key
    assert ballot.channel == Channel.ONLINE
    assert sorted(ballot.choices.values_list("proposal_id", flat=True)) == sorted(
        [proposals[0].pk, proposals[2].pk]
    )
    receipt = client.get(reverse("budgets:receipt", args=[process.slug])).content.decode()
    assert ballot.receipt_code in receipt
    assert len(mail.outbox) == 1 and ballot.receipt_code in mail.outbox[0].body


def test_it_sends_the_receipt_even_to_voters_who_turned_notifications_off(
    django_capture_on_commit_callbacks,
) -> None:
    process, proposals = _setup("basket", {})
    voter = make_voter(email_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        ballot_cast(
            process=process,
            voter=voter_from_user(voter),
            choices={proposals[2].pk: 1},
            budget_area=process.areas.get(),
            recipient=voter,
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [voter.email]


def test_it_replaces_a_ballot_atomically_when_changes_are_allowed() -> None:
    process, proposals = _setup("basket", {"allow_ballot_change": True})
    voter = voter_from_user(make_voter())
    area = process.areas.get()
    first = ballot_cast(
        process=process, voter=voter, choices={proposals[0].pk: 1}, budget_area=area
    )
    second = ballot_cast(
        process=process, voter=voter, choices={proposals[1].pk: 1}, budget_area=area
    )
    assert second.replaced and second.ballot.pk == first.ballot.pk
    assert list(BallotChoice.objects.values_list("proposal_id", flat=True)) == [proposals[1].pk]
    # A broken new ballot leaves the old one as it was.
    with pytest.raises(ValidationError):
        ballot_cast(process=process, voter=voter, choices={}, budget_area=area)
    assert list(BallotChoice.objects.values_list("proposal_id", flat=True)) == [proposals[1].pk]


def test_it_refuses_a_second_ballot_when_changes_are_not_allowed() -> None:
    process, proposals = _setup("basket", {"allow_ballot_change": False})
    voter = voter_from_user(make_voter())
    area = process.areas.get()
    ballot_cast(process=process, voter=voter, choices={proposals[0].pk: 1}, budget_area=area)
    with pytest.raises(ValidationError, match="allerede stemt"):
        ballot_cast(process=process, voter=voter, choices={proposals[1].pk: 1}, budget_area=area)
    assert list(BallotChoice.objects.values_list("proposal_id", flat=True)) == [proposals[0].pk]


def test_it_turns_away_the_young_and_non_residents(client) -> None:
    process, _proposals = _setup("basket", {"min_age": 15})
    young = make_voter("1503124321")  # born 2012
    client.force_login(young)
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    assert "mindst 15 år" in page
    client.force_login(make_voter("0107801234", is_municipal_resident=False))
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    assert "Kun personer, der bor i kommunen" in page
    client.force_login(make_voter("0107801235", person_key=None, birth_date=None))
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    assert "MitID" in page


def test_it_gives_local_area_voters_their_own_area_only() -> None:
    from samskab.core.models import Area

    korsoer, slagelse = Area.objects.get(slug="korsoer"), Area.objects.get(slug="slagelse")
    process = make_process(residency="area", areas=[(korsoer, 100_000), (slagelse, 200_000)])
    project = make_proposal(process, cost=50_000, budget_area=process.areas.get(area=korsoer))
    voter = voter_from_user(make_voter(area=slagelse))
    with pytest.raises(ValidationError, match="dette område"):
        ballot_cast(
            process=process,
            voter=voter,
            choices={project.pk: 1},
            budget_area=process.areas.get(area=korsoer),
        )


def test_it_stores_an_assisted_ballot_without_the_cpr_number(client) -> None:
    process, proposals = _setup("basket", {"assisted_voting": True})
    employee = make_desk_clerk()
    client.force_login(employee)
    response = client.post(
        reverse("budgets:assisted", args=[process.slug]),
        {
            "omraade": "slagelse-kommune",
            "cpr": "010749-1234",
            "lives_in_municipality": "on",
            "project": [proposals[2].pk],
        },
    )
    assert response.status_code == 200
    ballot = Ballot.objects.get()
    assert ballot.receipt_code in response.content.decode()
    assert ballot.voter_key == person_key_from_cpr("0107491234")
    assert ballot.channel == Channel.ASSISTED and ballot.assisted_by == employee
    assert AuditEvent.objects.filter(action="assisted_vote", actor=employee).exists()
    stored = " ".join(str(v) for v in Ballot.objects.values().get().values())
    stored += " ".join(str(e.detail) for e in AuditEvent.objects.all())
    assert "0107491234" not in stored and "010749" not in stored


def test_it_keeps_the_choices_when_the_assisted_cpr_number_is_wrong(client) -> None:
    process, proposals = _setup("basket", {"assisted_voting": True})
    client.force_login(make_desk_clerk())
    response = client.post(
        reverse("budgets:assisted", args=[process.slug]),
        {"omraade": "slagelse-kommune", "cpr": "999999-9999", "project": [proposals[2].pk]},
    )
    assert response.status_code == 400
    assert "gyldigt CPR-nummer" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_it_shows_the_remaining_budget_live(client) -> None:
    process, proposals = _setup("basket", {})
    client.force_login(make_voter())
    response = client.post(
        reverse("budgets:ballot_summary", args=[process.slug]),
        {"omraade": "slagelse-kommune", "project": [proposals[0].pk]},
        headers={"HX-Request": "true"},
    )
    assert "Tilbage af budgettet: 400.000\xa0kr." in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_leaves_exactly_one_ballot_after_20_concurrent_attempts_by_one_voter() -> None:
    """Each thread has its own database connection, so the UNIQUE constraint decides."""
    process, proposals = _setup("basket", {"allow_ballot_change": False})
    voter = voter_from_user(make_voter())
    area = process.areas.get()
    barrier = threading.Barrier(20)
    outcomes: list[str] = []

    def attempt(index: int) -> None:
        try:
            barrier.wait()
            ballot_cast(
                process=process, voter=voter, choices={proposals[index % 3].pk: 1}, budget_area=area
            )
            outcomes.append("stored")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - SQLite may report a locked database
            outcomes.append(f"error: {type(error).__name__}")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Ballot.objects.filter(process=process, voter_key=voter.key).count() == 1
    assert outcomes.count("stored") == 1, outcomes
    ballot = Ballot.objects.get()
    assert ballot.choices.count() == 1
    if connection.vendor == "postgresql":
        assert outcomes.count("refused") == 19, outcomes
