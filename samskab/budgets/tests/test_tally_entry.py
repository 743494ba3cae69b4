"""A tally (hands, or balls in baskets) counts only when two different people have entered
the same numbers from the tally sheet, as a ballot sheet does: one staff member alone can
neither add nor change votes that reach the result."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from samskab.accounts.tests.factories import UserFactory
from samskab.budgets import paper, services
from samskab.budgets.models import Phase, Result, Tally, VoteMethod
from samskab.budgets.services_results import results_publish
from samskab.budgets.tests.factories import make_desk_clerk, make_process, make_proposal
from samskab.budgets.tests.test_paper import _meeting
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NAMES: dict[str, Any] = {"counted_by_first": "Karen Holm", "counted_by_second": "Jens Mortensen"}


@pytest.fixture
def tally_world(secretariat):
    process = make_process(ballot_type="basket", max_projects=2)
    a = make_proposal(process, title="Bro", cost=300_000)
    b = make_proposal(process, title="Bænke", cost=200_000)
    meeting = _meeting(process, secretariat, method=VoteMethod.TALLY, title="Bisserup")
    return process, meeting, a, b


def _enter(actor, meeting, votes, voters=10, **extra) -> Tally:
    return paper.tally_save(
        actor=actor, voting_meeting=meeting, voters_present=voters, votes=votes, **NAMES, **extra
    )


def test_it_confirms_a_tally_when_another_person_enters_the_same_numbers(tally_world) -> None:
    _process, meeting, a, b = tally_world
    first, second = make_desk_clerk(), make_desk_clerk()
    tally = _enter(first, meeting, {a.pk: 7, b.pk: 4})
    assert tally.confirmed_at is None
    # The one who entered it cannot confirm it: their second save is a correction.
    again = _enter(first, meeting, {a.pk: 7, b.pk: 4})
    assert again.confirmed_at is None
    confirmed = _enter(second, meeting, {a.pk: 7, b.pk: 4})
    assert confirmed.confirmed_by == second and confirmed.entered_by == first


def test_it_refuses_a_second_entry_that_differs_and_names_what_without_the_numbers(
    tally_world,
) -> None:
    _process, meeting, a, b = tally_world
    first, second = make_desk_clerk(), make_desk_clerk()
    _enter(first, meeting, {a.pk: 7, b.pk: 4})
    with pytest.raises(ValidationError) as error:
        _enter(second, meeting, {a.pk: 7, b.pk: 5}, voters=11)
    message = " ".join(error.value.messages)
    assert "Dine tal er ikke de samme som den første indtastning" in message
    assert "fremmødte vælgere" in message and "»Bænke«" in message and "»Bro«" not in message
    assert "4" not in message and "10" not in message
    tally = Tally.objects.get()
    assert tally.confirmed_at is None
    assert {line.proposal_id: line.votes for line in tally.lines.all()} == {a.pk: 7, b.pk: 4}


def test_a_replaced_entry_waits_for_a_third_person_and_the_audit_keeps_both(
    tally_world,
) -> None:
    _process, meeting, a, b = tally_world
    first, second = make_desk_clerk(), make_desk_clerk()
    _enter(first, meeting, {a.pk: 7, b.pk: 4})
    replaced = _enter(second, meeting, {a.pk: 7, b.pk: 5}, replace=True)
    assert replaced.entered_by == second and replaced.confirmed_at is None
    with pytest.raises(ValidationError):
        _enter(first, meeting, {a.pk: 7, b.pk: 4})  # the old numbers no longer confirm
    confirmed = _enter(first, meeting, {a.pk: 7, b.pk: 5})
    assert confirmed.confirmed_by == first
    saves = AuditEvent.objects.filter(action="tally_save").order_by("pk")
    assert [event.detail["after"]["votes"] for event in saves] == [
        {str(a.pk): 7, str(b.pk): 4},
        {str(a.pk): 7, str(b.pk): 5},
    ]
    last = saves.last()
    assert last is not None
    assert last.detail["before"]["votes"] == {str(a.pk): 7, str(b.pk): 4}


def test_a_change_to_a_confirmed_tally_starts_over(tally_world) -> None:
    _process, meeting, a, b = tally_world
    first, second = make_desk_clerk(), make_desk_clerk()
    _enter(first, meeting, {a.pk: 7, b.pk: 4})
    _enter(second, meeting, {a.pk: 7, b.pk: 4})
    unchanged = _enter(second, meeting, {a.pk: 7, b.pk: 4})
    assert unchanged.confirmed_at is not None
    changed = _enter(second, meeting, {a.pk: 9, b.pk: 4})
    assert changed.confirmed_at is None and changed.entered_by == second


def test_the_results_wait_for_the_second_entry(tally_world, secretariat) -> None:
    process, meeting, a, b = tally_world
    _enter(make_desk_clerk(), meeting, {a.pk: 7, b.pk: 4})
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        results_publish(process=process, actor=secretariat)
    assert "optællinger (1) er kun indtastet af én person" in " ".join(error.value.messages)
    assert not Result.objects.filter(budget_area__process=process).exists()
    _enter(make_desk_clerk(), meeting, {a.pk: 7, b.pk: 4})
    assert results_publish(process=process, actor=secretariat)


def test_it_refuses_more_votes_than_the_voters_present_could_give(tally_world) -> None:
    process, meeting, a, b = tally_world
    c = make_proposal(process, title="Legeplads", cost=100_000)
    with pytest.raises(ValidationError) as error:
        _enter(make_desk_clerk(), meeting, {a.pk: 2, b.pk: 2, c.pk: 1}, voters=2)
    assert error.value.messages == [
        "Stemmerne giver tilsammen flere, end 2 vælgere kan give med højst 2 stemmer hver."
    ]


def test_the_database_refuses_a_tally_confirmed_by_its_own_author(tally_world) -> None:
    _process, meeting, a, _b = tally_world
    clerk = make_desk_clerk()
    tally = _enter(clerk, meeting, {a.pk: 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        Tally.objects.filter(pk=tally.pk).update(confirmed_by=clerk)


def test_the_page_asks_the_second_person_to_enter_the_sheet_blind(tally_world) -> None:
    process, meeting, a, b = tally_world
    first, second = make_desk_clerk(), make_desk_clerk()
    _enter(first, meeting, {a.pk: 7, b.pk: 4}, voters=13)
    url = reverse("budgets:tally", args=[process.slug, meeting.pk])
    client = Client()
    client.force_login(second)
    page = client.get(url).content.decode()
    assert "Anden indtastning" in page
    assert 'value="13"' not in page and 'value="7"' not in page
    differs = client.post(
        url, {f"votes-{a.pk}": "7", f"votes-{b.pk}": "5", "voters_present": "13", **NAMES}
    )
    assert differs.status_code == 200
    body = differs.content.decode()
    assert "Dine tal er ikke de samme som den første indtastning" in body
    assert 'value="5"' in body  # what the second person typed is kept
    agrees = client.post(
        url, {f"votes-{a.pk}": "7", f"votes-{b.pk}": "4", "voters_present": "13", **NAMES}
    )
    assert agrees.status_code == 302
    assert Tally.objects.get().confirmed_by == second
    own = Client()
    own.force_login(first)
    assert 'value="13"' in own.get(url).content.decode()  # confirmed: shown with a warning


def test_nobody_resolves_a_sheet_they_entered_themselves(secretariat) -> None:
    """A secretariat member who enters a sheet wrongly on purpose cannot then decide it."""
    process = make_process(ballot_type="basket", max_projects=2)
    a = make_proposal(process, title="Bro", cost=300_000)
    b = make_proposal(process, title="Bænke", cost=200_000)
    meeting = _meeting(process, secretariat, title="Eggeslevmagle")
    honest = make_desk_clerk()
    paper.paper_sheet_enter(actor=secretariat, voting_meeting=meeting, number=4, choices={b.pk: 1})
    sheet = paper.paper_sheet_enter(
        actor=honest, voting_meeting=meeting, number=4, choices={a.pk: 1}
    )
    with pytest.raises(ValidationError) as error:
        paper.paper_sheet_resolve(actor=secretariat, sheet=sheet, choices={b.pk: 1})
    assert error.value.messages == [
        "Du har selv indtastet seddel 4, så en anden fra sekretariatet skal læse og afgøre den."
    ]
    sheet.refresh_from_db()
    assert sheet.confirmed_at is None and sheet.ballot is None
    other = UserFactory.create(role="secretariat")
    paper.paper_sheet_resolve(actor=other, sheet=sheet, choices={a.pk: 1})
    sheet.refresh_from_db()
    assert sheet.resolved_by == other and sheet.ballot is not None


# The ballot account (stemmeregnskab) of a sheets meeting -----------------------------------


def test_more_sheets_than_voters_let_in_hold_the_results_back(secretariat) -> None:
    process = make_process(ballot_type="basket", max_projects=2)
    a = make_proposal(process, title="Bro", cost=300_000)
    meeting = _meeting(process, secretariat, title="Eggeslevmagle")
    first, second = make_desk_clerk(), make_desk_clerk()
    for number in (1, 2, 3):
        for clerk in (first, second):
            paper.paper_sheet_enter(
                actor=clerk, voting_meeting=meeting, number=number, choices={a.pk: 1}
            )
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    with pytest.raises(ValidationError) as missing:
        results_publish(process=process, actor=secretariat)
    assert missing.value.messages == [
        "Stemmeregnskabet for Eggeslevmagle mangler: skriv, hvor mange vælgere der blev "
        "lukket ind, på siden for papirstemmer, før resultaterne beregnes."
    ]
    paper.voters_admitted_set(actor=first, voting_meeting=meeting, voters_admitted=2)
    with pytest.raises(ValidationError) as error:
        results_publish(process=process, actor=secretariat)
    assert error.value.messages == [
        "Eggeslevmagle har 3 stemmesedler, men medarbejderne lukkede 2 vælgere ind. Find ud "
        "af hvorfor, før resultaterne beregnes: ret antallet, der blev lukket ind, eller "
        "registrér de ekstra sedler som ugyldige med begrundelsen."
    ]
    event = AuditEvent.objects.get(action="voters_admitted_set")
    assert event.actor == first and event.detail["after"] == 2
    paper.voters_admitted_set(actor=secretariat, voting_meeting=meeting, voters_admitted=3)
    assert results_publish(process=process, actor=secretariat)


def test_the_paper_page_records_the_voters_let_in_and_keeps_a_wrong_number(
    client: Client, secretariat
) -> None:
    process = make_process(ballot_type="basket", max_projects=2)
    make_proposal(process, title="Bro", cost=300_000)
    meeting = _meeting(process, secretariat, title="Eggeslevmagle")
    client.force_login(make_desk_clerk())
    url = reverse("budgets:paper_ballots", args=[process.slug])
    bad = client.post(url, {"moede": meeting.pk, "voters_admitted": "nul"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Der er et problem med formularen" in page and 'value="nul"' in page
    good = client.post(url, {"moede": meeting.pk, "voters_admitted": "41"})
    assert good.status_code == 302
    meeting.refresh_from_db()
    assert meeting.voters_admitted == 41
    assert client.get(f"{url}?moede={meeting.pk}").status_code == 200
