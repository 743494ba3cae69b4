"""More than one budget per voter: the municipality-wide budget and ONE local budget.

The database holds one ballot per person, process and scope; the ballot page, the
receipt, the desk, turnout and the privacy duties follow from that.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.selectors import personal_data
from samskab.accounts.services import privacy_retention_run
from samskab.budgets import selectors
from samskab.budgets.ballots import voter_from_user
from samskab.budgets.models import Ballot, BallotScope, BudgetArea, BudgetProcess, Channel
from samskab.budgets.privacy import UNLINKED_PREFIX
from samskab.budgets.services_results import results_publish
from samskab.budgets.tests.factories import (
    ADULT_CPRS,
    make_desk_clerk,
    make_process,
    make_proposal,
    make_voter,
    municipality,
)
from samskab.budgets.voting import ballot_cast
from samskab.core.models import Area

pytestmark = pytest.mark.django_db

ONLY_ONE_LOCAL = "Du kan kun stemme om én lokal pulje."


def _process(**values: Any) -> tuple[BudgetProcess, dict[str, BudgetArea], dict[str, int]]:
    """A process with the municipality-wide budget and two local ones, one project each."""
    korsoer, slagelse = Area.objects.get(slug="korsoer"), Area.objects.get(slug="slagelse")
    process = make_process(
        areas=[(municipality(), 1_000_000), (korsoer, 100_000), (slagelse, 100_000)], **values
    )
    areas = {ba.area.slug: ba for ba in process.areas.select_related("area")}
    areas["kommune"] = areas.pop(municipality().slug)
    projects = {
        name: make_proposal(process, title=f"Projekt {name}", cost=50_000, budget_area=ba).pk
        for name, ba in areas.items()
    }
    return process, areas, projects


def _cast(process, areas, projects, voter, name: str, channel: str = Channel.ONLINE, **kw):
    return ballot_cast(
        process=process,
        voter=voter,
        choices={projects[name]: 1},
        budget_area=areas[name],
        channel=channel,
        **kw,
    )


def _row(process: BudgetProcess, budget_area: BudgetArea, key: str, **values: object) -> Ballot:
    defaults: dict[str, object] = {
        "receipt_code": f"R-{budget_area.pk}-{key}-{Ballot.objects.count()}",
        "channel": Channel.ONLINE,
        "age_band": "30-49",
    }
    defaults.update(values)
    return Ballot.objects.create(
        process=process, budget_area=budget_area, voter_key=key, **defaults
    )


# The database ------------------------------------------------------------------------------


def test_it_lets_the_database_take_a_municipality_wide_and_a_local_ballot() -> None:
    process, areas, _projects = _process()
    _row(process, areas["kommune"], "person-1")
    _row(process, areas["korsoer"], "person-1")
    assert sorted(Ballot.objects.values_list("scope", flat=True)) == ["local", "municipality"]


@pytest.mark.parametrize(
    ("first", "second"),
    [("korsoer", "korsoer"), ("kommune", "kommune"), ("korsoer", "slagelse")],
)
def test_it_lets_the_database_refuse_a_second_ballot_in_an_area_and_a_second_local_one(
    first: str, second: str
) -> None:
    process, areas, _projects = _process()
    _row(process, areas[first], "person-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(process, areas[second], "person-1")
    assert Ballot.objects.count() == 1


def test_it_takes_the_scope_from_the_budget_area_never_from_the_caller() -> None:
    process, areas, _projects = _process()
    ballot = _row(process, areas["korsoer"], "person-1", scope=BallotScope.MUNICIPALITY)
    assert ballot.scope == BallotScope.LOCAL
    ballot.budget_area = areas["kommune"]
    ballot.save(update_fields=["budget_area"])
    ballot.refresh_from_db()
    assert ballot.scope == BallotScope.MUNICIPALITY


def test_it_refuses_a_ballot_written_without_its_scope() -> None:
    process, areas, _projects = _process()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.bulk_create(
            [
                Ballot(
                    process=process,
                    budget_area=areas["korsoer"],
                    voter_key="person-1",
                    receipt_code="R-1",
                    channel=Channel.ONLINE,
                    age_band="30-49",
                )
            ]
        )


def test_it_gives_existing_ballots_their_scope_in_the_migration() -> None:
    process, areas, _projects = _process()
    local = _row(process, areas["korsoer"], "person-1")
    common = _row(process, areas["kommune"], "person-2")
    Ballot.objects.update(scope=BallotScope.LOCAL)  # as if written before the column
    Ballot.objects.filter(pk=local.pk).update(scope=BallotScope.MUNICIPALITY)
    migration = importlib.import_module("samskab.budgets.migrations.0009_budgets2_ballot_scope")
    migration.set_scopes(apps, None)
    local.refresh_from_db()
    common.refresh_from_db()
    assert (local.scope, common.scope) == (BallotScope.LOCAL, BallotScope.MUNICIPALITY)


# Casting -----------------------------------------------------------------------------------


def test_it_lets_a_resident_vote_on_the_common_budget_and_their_own_area() -> None:
    process, areas, projects = _process(residency="area")
    voter = voter_from_user(make_voter(area=Area.objects.get(slug="korsoer")))
    _cast(process, areas, projects, voter, "korsoer")
    _cast(process, areas, projects, voter, "kommune")
    assert Ballot.objects.filter(voter_key=voter.key).count() == 2
    with pytest.raises(ValidationError, match="Du kan ikke stemme om budgettet for dette område"):
        _cast(process, areas, projects, voter, "slagelse")


def test_it_refuses_a_second_local_ballot_where_every_resident_may_vote() -> None:
    """Without area residency every local budget is open, but only one of them per person."""
    process, areas, projects = _process(allow_ballot_change=False)
    voter = voter_from_user(make_voter())
    _cast(process, areas, projects, voter, "korsoer")
    with pytest.raises(ValidationError) as refused:
        _cast(process, areas, projects, voter, "slagelse")
    assert refused.value.messages == [
        "Du har allerede stemt om en lokal pulje i dette borgerbudget. " + ONLY_ONE_LOCAL
    ]
    with pytest.raises(ValidationError) as refused:
        _cast(process, areas, projects, voter, "korsoer")
    assert ONLY_ONE_LOCAL in refused.value.messages[0]
    _cast(process, areas, projects, voter, "kommune")
    with pytest.raises(ValidationError) as refused:
        _cast(process, areas, projects, voter, "kommune")
    assert refused.value.messages == ["Du har allerede stemt om kommunens fælles pulje."]
    assert Ballot.objects.count() == 2


def test_it_replaces_only_the_ballot_of_the_same_scope_when_changes_are_allowed(client) -> None:
    process, areas, projects = _process(allow_ballot_change=True)
    user = make_voter()
    voter = voter_from_user(user)
    common = _cast(process, areas, projects, voter, "kommune").ballot
    _cast(process, areas, projects, voter, "korsoer")
    # A change of mind moves the one local ballot; the common one stays as it was.
    client.force_login(user)
    page = client.get(reverse("budgets:ballot", args=[process.slug]) + "?omraade=slagelse")
    assert "Du har allerede stemt om puljen i Korsør. Du kan kun stemme om én lokal pulje" in (
        page.content.decode()
    )
    result = _cast(process, areas, projects, voter, "slagelse")
    assert result.replaced
    assert set(Ballot.objects.values_list("budget_area__area__slug", flat=True)) == {
        municipality().slug,
        "slagelse",
    }
    assert list(common.choices.values_list("proposal_id", flat=True)) == [projects["kommune"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_stores_one_ballot_per_scope_after_concurrent_attempts() -> None:
    """Each thread has its own connection: the constraint decides, per scope."""
    process, areas, projects = _process(allow_ballot_change=False)
    voter = voter_from_user(make_voter())
    names = ["kommune", "korsoer", "slagelse"] * 6
    barrier = threading.Barrier(len(names))
    outcomes: list[str] = []

    def attempt(name: str) -> None:
        try:
            barrier.wait()
            _cast(process, areas, projects, voter, name)
            outcomes.append(f"stored {name}")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - SQLite may report a locked database
            outcomes.append(f"error: {type(error).__name__}")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ballots = Ballot.objects.filter(process=process, voter_key=voter.key)
    scopes = sorted(ballots.values_list("scope", flat=True))
    stored = [o for o in outcomes if o.startswith("stored")]
    # Never two ballots of one scope, and every stored ballot whole.
    assert len(scopes) == len(set(scopes)) == len(stored), outcomes
    assert all(ballot.choices.count() == 1 for ballot in ballots)
    if connection.vendor == "postgresql":
        # PostgreSQL makes the losers wait and refuses them; SQLite may instead answer some
        # attempts "database is locked", so there a scope can end with no ballot at all.
        assert scopes == ["local", "municipality"]
        assert outcomes.count("refused") == len(names) - 2, outcomes


# Pages -------------------------------------------------------------------------------------


def test_it_shows_both_budgets_and_offers_the_common_one_on_the_receipt(client) -> None:
    process, areas, projects = _process(residency="area", allow_ballot_change=False)
    client.force_login(make_voter(area=Area.objects.get(slug="korsoer")))
    ballot_url = reverse("budgets:ballot", args=[process.slug])
    page = client.get(ballot_url).content.decode()
    assert "Du kan stemme om kommunens fælles pulje og om puljen i ét lokalområde" in page
    assert "?omraade=korsoer" in page and "?omraade=slagelse-kommune" in page
    assert '?omraade=slagelse"' not in page
    response = client.post(ballot_url, {"omraade": "korsoer", "project": [projects["korsoer"]]})
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert "Du kan også stemme om kommunens fælles pulje" in receipt
    assert f"{ballot_url}?omraade=slagelse-kommune" in receipt
    # The ballot page shows what the voter voted on, and the budget that is left.
    page = client.get(ballot_url).content.decode()
    assert "du har stemt om denne pulje" in page
    assert "?omraade=korsoer" not in page and "?omraade=slagelse-kommune" in page
    page = client.get(f"{ballot_url}?omraade=slagelse-kommune").content.decode()
    assert f'value="{projects["kommune"]}"' in page
    client.post(ballot_url, {"omraade": "slagelse-kommune", "project": [projects["kommune"]]})
    receipt = client.get(reverse("budgets:receipt", args=[process.slug])).content.decode()
    assert receipt.count('class="receipt-code"') == 2
    assert "Du kan også stemme" not in receipt
    # Nothing left: the ballot page sends the voter to the receipt.
    response = client.get(ballot_url)
    assert response.status_code == 302 and response["Location"].endswith("/kvittering/")


def test_it_tells_the_voter_who_asks_for_a_budget_they_cannot_vote_on_again(client) -> None:
    process, areas, projects = _process(allow_ballot_change=False)
    client.force_login(make_voter())
    ballot_url = reverse("budgets:ballot", args=[process.slug])
    client.post(ballot_url, {"omraade": "korsoer", "project": [projects["korsoer"]]})
    page = client.get(ballot_url).content.decode()
    assert "du har stemt om denne pulje" in page
    assert "du har stemt om en anden lokal pulje" in page
    response = client.get(f"{ballot_url}?omraade=slagelse", follow=True)
    assert ONLY_ONE_LOCAL in response.content.decode()
    # A form sent again for the other local budget is refused with the same words.
    response = client.post(
        ballot_url, {"omraade": "slagelse", "project": [projects["slagelse"]]}, follow=True
    )
    assert ONLY_ONE_LOCAL in response.content.decode()
    assert Ballot.objects.count() == 1


def test_it_lets_the_desk_add_the_other_budget_but_never_replace_one(client) -> None:
    process, areas, projects = _process(assisted_voting=True, allow_ballot_change=True)
    cpr = "0107491234"
    online = make_voter(cpr)
    _cast(process, areas, projects, voter_from_user(online), "kommune")
    client.force_login(make_desk_clerk())
    url = reverse("budgets:assisted", args=[process.slug])
    page = client.get(url).content.decode()
    assert "En vælger kan stemme om kommunens fælles pulje og om puljen i ét lokalområde" in page
    data = {"cpr": cpr, "lives_in_municipality": "on"}
    response = client.post(url, {**data, "omraade": "korsoer", "project": [projects["korsoer"]]})
    assert response.status_code == 200
    assert Ballot.objects.filter(channel=Channel.ASSISTED).count() == 1
    response = client.post(
        url, {**data, "omraade": "slagelse-kommune", "project": [projects["kommune"]]}
    )
    assert "Personen har allerede stemt online." in response.content.decode()
    response = client.post(url, {**data, "omraade": "slagelse", "project": [projects["slagelse"]]})
    page = response.content.decode()
    assert "Personen har allerede stemt hos en borgerservice." in page
    assert "En person kan kun stemme om én lokal pulje." in page
    assert Ballot.objects.count() == 2
    assert Ballot.objects.get(channel=Channel.ASSISTED).budget_area == areas["korsoer"]


# Turnout and privacy -----------------------------------------------------------------------


def _two_budget_turnout() -> BudgetProcess:
    """Six people: five vote on the common budget and Korsør, one on Korsør only."""
    process, areas, projects = _process()
    korsoer = Area.objects.get(slug="korsoer")
    for n, cpr in enumerate(ADULT_CPRS[:6]):
        voter = voter_from_user(make_voter(cpr, area=korsoer))
        _cast(process, areas, projects, voter, "korsoer")
        if n < 5:
            _cast(process, areas, projects, voter, "kommune")
    return process


def test_it_counts_people_not_ballots_in_turnout() -> None:
    process = _two_budget_turnout()
    turnout = selectors.turnout(process)
    assert (turnout.total, turnout.ballots) == (6, 11)
    assert [(row.label, row.count) for row in turnout.by_area] == [("Korsør", 6)]
    assert [(row.label, row.count) for row in turnout.by_channel] == [("online", 6)]
    assert sum(row.count for row in turnout.by_age) == 6


def test_it_still_counts_people_once_the_retention_job_cut_the_keys() -> None:
    process = _two_budget_turnout()
    # Two paper ballots: no person key, each one voter, never taken for one person's two.
    common = process.areas.get(area__kind=Area.Kind.MUNICIPALITY)
    for _n in range(2):
        _row(process, common, "", channel=Channel.PAPER, age_band="")
    process.results_published_at = timezone.now()
    process.save(update_fields=["results_published_at"])
    privacy_retention_run()
    keys = list(Ballot.objects.values_list("voter_key", flat=True))
    assert all(key.startswith(UNLINKED_PREFIX) for key in keys)
    assert len(set(keys)) == 6 + 2
    turnout = selectors.turnout(process)
    assert (turnout.total, turnout.ballots) == (8, 13)


def test_it_publishes_people_and_ballots_on_the_results_page_and_the_api(client) -> None:
    process = _two_budget_turnout()
    process.phase_override = "results"
    process.save()
    results_publish(process=process)
    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert "6 vælgere i alt." in page
    assert "De afgav 11 stemmesedler" in page
    data = client.get(f"/api/v1/budgets/{process.slug}/results").json()
    assert (data["turnout"]["total"], data["turnout"]["ballots"]) == (6, 11)
    assert data["turnout"]["by_channel"][0]["voters"] == 6


def test_it_exports_both_ballots_with_their_budget_and_lists_the_process_once() -> None:
    process, areas, projects = _process()
    user = make_voter()
    _cast(process, areas, projects, voter_from_user(user), "korsoer")
    _cast(process, areas, projects, voter_from_user(user), "kommune")
    exported = personal_data(user=user)["sections"]["budgets"]["ballots"]
    assert sorted(ballot["budget"] for ballot in exported) == sorted(
        [municipality().name, "Korsør"]
    )
    assert selectors.processes_voted_in(user) == [process]
    voted = selectors.processes_voted_in(user)[0]
    assert getattr(voted, "voted_budgets", None) == [municipality().name, "Korsør"]


def test_it_names_both_budgets_in_my_overview(client) -> None:
    process, areas, projects = _process()
    user = make_voter()
    _cast(process, areas, projects, voter_from_user(user), "korsoer")
    _cast(process, areas, projects, voter_from_user(user), "kommune")
    client.force_login(user)
    page = client.get(reverse("core:overview")).content.decode()
    card = page.split(f"{process.title}</a>", 1)[1].split("</li>", 1)[0]
    assert f"{municipality().name}, Korsør" in card


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_migrates_existing_ballots_to_their_scope() -> None:
    """Backwards to before the scope column, two ballots written, then forwards again."""
    from django.db.migrations.executor import MigrationExecutor

    process, areas, _projects = _process()
    before, after = (
        ("budgets", "0008_peak_proposal_exclusion_group"),
        (
            "budgets",
            "0009_budgets2_ballot_scope",
        ),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps.get_model("budgets", "Ballot")
    for n, name in enumerate(("kommune", "korsoer")):
        old.objects.create(
            process_id=process.pk,
            budget_area_id=areas[name].pk,
            voter_key=f"person-{n}",
            receipt_code=f"R-{n}",
            channel="online",
            age_band="30-49",
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate([after])
        scopes = dict(Ballot.objects.values_list("voter_key", "scope"))
        assert scopes == {"person-0": "municipality", "person-1": "local"}
    finally:
        # Leave the schema whole for the tests after this one (later migrations, such as
        # a proposal's plan goal, were taken back with the step to 0008).
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
