"""Voting meetings and paper ballot sheets: double entry, mismatches, invalid sheets, and
paper ballots in the results and the Pabulib file."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.tests.factories import UserFactory
from samskab.budgets import paper, selectors, services
from samskab.budgets.models import (
    Ballot,
    BudgetProcess,
    Channel,
    PaperSheet,
    Phase,
    Tally,
    VoteMethod,
    VotingMeeting,
)
from samskab.budgets.services_results import results_publish
from samskab.budgets.tests.factories import make_desk_clerk, make_process, make_proposal
from samskab.meetings.models import Meeting
from samskab.pb.pabulib import parse_pabulib
from samskab.pb.rules import check

pytestmark = pytest.mark.django_db


def _meeting(
    process: BudgetProcess, actor, method: str = VoteMethod.SHEETS, title: str = "Møde i hallen"
) -> VotingMeeting:
    starts = timezone.now().replace(microsecond=0)
    return paper.voting_meeting_create(
        actor=actor,
        process=process,
        budget_area=process.areas.get(),
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Forsamlingshuset, Eggeslevmagle",
        method=method,
    )


@pytest.fixture
def world(secretariat):
    process = make_process(ballot_type="approval", min_projects=1, max_projects=2)
    a = make_proposal(process, title="Legeplads", cost=40_000)
    b = make_proposal(process, title="Shelter", cost=30_000)
    c = make_proposal(process, title="Bålhytte", cost=50_000)
    vm = _meeting(process, secretariat)
    return process, vm, (a, b, c)


def test_it_creates_a_voting_meeting_in_the_meetings_module_shown_on_the_process_page(
    client, world
) -> None:
    process, vm, _proposals = world
    assert Meeting.objects.get(pk=vm.meeting_id).place == "Forsamlingshuset, Eggeslevmagle"
    page = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    assert "Møde i hallen" in page
    assert "Afstemningsmøder" in page


def test_it_refuses_a_voting_meeting_after_the_results_are_published(secretariat) -> None:
    process = make_process(phase="results")
    make_proposal(process)
    results_publish(process=process)
    with pytest.raises(ValidationError) as error:
        _meeting(process, secretariat)
    assert "Resultaterne er offentliggjort, så der kan ikke oprettes flere afstemningsmøder." in (
        error.value.messages
    )


def test_it_turns_a_sheet_entered_alike_by_two_people_into_a_paper_ballot(
    world, secretariat
) -> None:
    process, vm, (a, b, _c) = world
    clerk = make_desk_clerk()
    sheet = paper.paper_sheet_enter(
        actor=clerk, voting_meeting=vm, number=1, choices={a.pk: 1, b.pk: 1}
    )
    assert sheet.confirmed_at is None and not Ballot.objects.exists()
    sheet = paper.paper_sheet_enter(
        actor=secretariat, voting_meeting=vm, number=1, choices={b.pk: 1, a.pk: 1}
    )
    assert sheet.confirmed_at is not None
    ballot = Ballot.objects.get()
    assert ballot.channel == Channel.PAPER and ballot.voter_key == ""
    assert sorted(selectors.stored_ballots(vm.budget_area)[0]) == sorted([(a.pk, 1), (b.pk, 1)])


def test_it_refuses_the_same_person_entering_a_sheet_twice(world) -> None:
    _process, vm, (a, _b, _c) = world
    clerk = make_desk_clerk()
    paper.paper_sheet_enter(actor=clerk, voting_meeting=vm, number=7, choices={a.pk: 1})
    with pytest.raises(ValidationError) as error:
        paper.paper_sheet_enter(actor=clerk, voting_meeting=vm, number=7, choices={a.pk: 1})
    assert error.value.messages == [
        "Du har allerede indtastet seddel 7. En anden skal indtaste den anden gang."
    ]
    assert not Ballot.objects.exists()


def test_it_holds_back_the_results_until_a_mismatch_is_resolved(world, secretariat) -> None:
    process, vm, (a, b, c) = world
    first, second = make_desk_clerk(), make_desk_clerk()
    paper.paper_sheet_enter(actor=first, voting_meeting=vm, number=3, choices={a.pk: 1})
    sheet = paper.paper_sheet_enter(actor=second, voting_meeting=vm, number=3, choices={c.pk: 1})
    assert sheet.confirmed_at is None and not Ballot.objects.exists()
    paper.voters_admitted_set(actor=first, voting_meeting=vm, voters_admitted=1)
    with pytest.raises(ValidationError) as third:
        paper.paper_sheet_enter(actor=secretariat, voting_meeting=vm, number=3, choices={})
    assert (
        "Seddel 3 er indtastet to gange, og indtastningerne er forskellige."
        in (third.value.messages[0])
    )
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        results_publish(process=process, actor=secretariat)
    assert refused.value.messages == [
        "Nogle stemmesedler (1) er kun indtastet én gang eller har to forskellige "
        "indtastninger. "
        "Gør dem færdige på siden med papirstemmer, før resultaterne beregnes."
    ]
    paper.paper_sheet_resolve(actor=secretariat, sheet=sheet, choices={a.pk: 1, b.pk: 1})
    results = results_publish(process=process, actor=secretariat)
    assert results[0].num_ballots == 1
    supporters = results[0].outcome["supporters"]
    assert (supporters[str(a.pk)], supporters[str(b.pk)], supporters[str(c.pk)]) == (1, 1, 0)
    # The published file reproduces the result on its own, as `samskab-pb check` does.
    assert results[0].verified
    assert check(parse_pabulib(results[0].pabulib), "official").ok


def test_it_records_an_invalid_sheet_with_its_reason_and_no_ballot(world) -> None:
    _process, vm, (a, _b, _c) = world
    first, second = make_desk_clerk(), make_desk_clerk()
    with pytest.raises(ValidationError) as error:
        paper.paper_sheet_enter(
            actor=first, voting_meeting=vm, number=4, choices={}, is_invalid=True
        )
    assert error.value.messages == ["Skriv, hvorfor sedlen er ugyldig, så det bliver gemt."]
    paper.paper_sheet_enter(
        actor=first,
        voting_meeting=vm,
        number=4,
        choices={},
        is_invalid=True,
        invalid_reason="Ulæselig",
    )
    sheet = paper.paper_sheet_enter(
        actor=second, voting_meeting=vm, number=4, choices={}, is_invalid=True, invalid_reason="x"
    )
    assert sheet.confirmed_at is not None and sheet.is_invalid
    assert sheet.invalid_reason == "Ulæselig"
    assert sheet.ballot is None and not Ballot.objects.exists()
    assert paper.meeting_counts(vm.process)[0].invalid == 1


def test_it_refuses_a_sheet_that_breaks_the_rules_unless_it_is_recorded_as_invalid(world) -> None:
    _process, vm, (a, b, c) = world
    with pytest.raises(ValidationError) as error:
        paper.paper_sheet_enter(
            actor=make_desk_clerk(),
            voting_meeting=vm,
            number=5,
            choices={a.pk: 1, b.pk: 1, c.pk: 1},
        )
    assert error.value.messages == [
        "Vælg højst 2 projekter.",
        "Hvis selve sedlen bryder reglerne, så registrér den som ugyldig med begrundelsen.",
    ]
    assert not PaperSheet.objects.exists()


def test_it_refuses_sheets_before_voting_and_after_the_results(secretariat) -> None:
    early = make_process(phase="vetting")
    proposal = make_proposal(early)
    vm = _meeting(early, secretariat)
    with pytest.raises(ValidationError) as before:
        paper.paper_sheet_enter(
            actor=secretariat, voting_meeting=vm, number=1, choices={proposal.pk: 1}
        )
    assert before.value.messages == ["Stemmesedler kan indtastes, når afstemningen er åbnet."]
    BudgetProcess.objects.filter(pk=early.pk).update(phase_override=Phase.RESULTS)
    early.refresh_from_db()
    results_publish(process=early)
    vm.refresh_from_db()
    with pytest.raises(ValidationError) as after:
        paper.paper_sheet_enter(
            actor=secretariat, voting_meeting=vm, number=1, choices={proposal.pk: 1}
        )
    assert after.value.messages == [
        "Resultaterne er offentliggjort, så der kan ikke indtastes flere stemmesedler "
        "eller optællinger."
    ]


def test_it_refuses_sheets_at_a_tally_meeting(world, secretariat) -> None:
    process, _vm, (a, _b, _c) = world
    tally = _meeting(process, secretariat, method=VoteMethod.TALLY, title="Bisserup")
    with pytest.raises(ValidationError) as error:
        paper.paper_sheet_enter(
            actor=secretariat, voting_meeting=tally, number=1, choices={a.pk: 1}
        )
    assert error.value.messages == ["Dette møde tæller stemmer op, ikke med stemmesedler."]


def test_it_keeps_one_ballot_per_person_for_keyed_ballots_beside_many_paper_ones(world) -> None:
    process, vm, _proposals = world
    area = vm.budget_area
    for code in ("P1", "P2"):
        Ballot.objects.create(
            process=process, budget_area=area, voter_key="", receipt_code=code, channel="paper"
        )
    Ballot.objects.create(
        process=process, budget_area=area, voter_key="k1", receipt_code="O1", channel="online"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            process=process, budget_area=area, voter_key="k1", receipt_code="O2", channel="online"
        )


def test_it_enters_a_sheet_from_the_keyboard_page_and_keeps_the_input_on_errors(
    client, world
) -> None:
    process, vm, (a, b, _c) = world
    clerk = make_desk_clerk()
    client.force_login(clerk)
    url = reverse("budgets:paper_ballots", args=[process.slug])
    page = client.get(url).content.decode()
    assert 'name="number"' in page and "autofocus" in page
    response = client.post(url, {"moede": vm.pk, "number": "12", "project": [str(a.pk)]})
    assert response.status_code == 302
    assert PaperSheet.objects.get().number == 12
    bad = client.post(
        url, {"moede": vm.pk, "number": "13", "is_invalid": "on", "project": [str(b.pk)]}
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Skriv, hvorfor sedlen er ugyldig, så det bliver gemt." in text
    assert 'value="13"' in text


def test_it_shows_the_secretariat_a_mismatch_to_resolve(client, world, secretariat) -> None:
    process, vm, (a, b, _c) = world
    paper.paper_sheet_enter(actor=make_desk_clerk(), voting_meeting=vm, number=2, choices={a.pk: 1})
    sheet = paper.paper_sheet_enter(
        actor=make_desk_clerk(), voting_meeting=vm, number=2, choices={b.pk: 1}
    )
    client.force_login(secretariat)
    page = client.get(reverse("budgets:paper_ballots", args=[process.slug])).content.decode()
    assert "Indtastningerne er forskellige" in page
    url = reverse("budgets:paper_sheet_resolve", args=[process.slug, sheet.pk])
    assert client.post(url, {"project": [str(b.pk)]}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.resolved_by == secretariat and sheet.ballot is not None


ROLES = [None, "resident", "employee", "secretariat", "administrator", "citizen_service"]


def _client_for(role: str | None) -> Client:
    client = Client()
    if role == "citizen_service":
        client.force_login(make_desk_clerk())
    elif role is not None:
        client.force_login(UserFactory.create(role=role))
    return client


# view -> expected status per role (voting phase, results not published)
PERMISSIONS = {
    "voting_meeting_create": {
        None: 302,
        "resident": 403,
        "employee": 403,
        "secretariat": 200,
        "administrator": 200,
        "citizen_service": 403,
    },
    "paper_ballots": {
        None: 302,
        "resident": 403,
        "employee": 403,
        "secretariat": 200,
        "administrator": 200,
        "citizen_service": 200,
    },
    "paper_sheet_resolve": {
        None: 302,
        "resident": 403,
        "employee": 403,
        "secretariat": 200,
        "administrator": 200,
        "citizen_service": 403,
    },
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", list(PERMISSIONS))
def test_it_grants_each_role_exactly_its_cell(view: str, role: str | None, world) -> None:
    process, vm, (a, b, _c) = world
    paper.paper_sheet_enter(actor=make_desk_clerk(), voting_meeting=vm, number=1, choices={a.pk: 1})
    sheet = paper.paper_sheet_enter(
        actor=make_desk_clerk(), voting_meeting=vm, number=1, choices={b.pk: 1}
    )
    args = [process.slug, sheet.pk] if view == "paper_sheet_resolve" else [process.slug]
    response = _client_for(role).get(reverse(f"budgets:{view}", args=args))
    assert response.status_code == PERMISSIONS[view][role], (view, role)


def test_it_closes_paper_entry_for_everyone_once_results_are_published(world, secretariat) -> None:
    process, _vm, _proposals = world
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    results_publish(process=process, actor=secretariat)
    for role in ("secretariat", "administrator", "citizen_service"):
        url = reverse("budgets:paper_ballots", args=[process.slug])
        assert _client_for(role).get(url).status_code == 403


def test_it_prints_numbered_ballots_with_the_rule_and_posters_with_a_qr_code(
    client, world, secretariat
) -> None:
    from samskab.budgets.printing import ballot_rules_text

    process, vm, (a, _b, _c) = world
    area = vm.budget_area
    assert ballot_rules_text(process, area) == "Sæt kryds ved højst 2 projekter."
    client.force_login(secretariat)
    url = reverse("budgets:print_ballots", args=[process.slug, area.area.slug])
    form = client.get(url)
    assert form.status_code == 200 and 'name="antal"' in form.content.decode()
    response = client.get(url, {"fra": "101", "antal": "3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        "stemmesedler-borgerbudget-2026-slagelse-kommune-101-103.pdf"
        in (response["Content-Disposition"])
    )
    too_many = client.get(url, {"fra": "1", "antal": "501"})
    assert too_many.status_code == 400
    assert "Denne værdi skal være mindre end eller lig 500." in too_many.content.decode()
    posters = client.get(reverse("budgets:print_posters", args=[process.slug, area.area.slug]))
    assert posters.status_code == 200 and posters.content.startswith(b"%PDF")


def test_it_renders_the_ballot_sheet_html_with_number_rule_costs_and_the_poster_qr(world) -> None:
    from django.template.loader import render_to_string

    from samskab.budgets.printing import ballot_rules_text, qr_svg

    process, vm, (a, b, c) = world
    html = render_to_string(
        "budgets/print/ballot_sheets.html",
        {
            "process": process,
            "budget_area": vm.budget_area,
            "proposals": [a, b, c],
            "rules": ballot_rules_text(process, vm.budget_area),
            "numbers": range(7, 9),
        },
    )
    assert "Stemmeseddel nr. 7" in html and "Stemmeseddel nr. 8" in html
    assert "Legeplads" in html and "40.000\xa0kr." in html
    assert "<svg" in qr_svg("https://example.org/borgerbudgetter/forslag/1/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["print_ballots", "print_posters"])
def test_it_lets_only_the_secretariat_print(view: str, role: str | None, world) -> None:
    process, vm, _proposals = world
    url = reverse(f"budgets:{view}", args=[process.slug, vm.budget_area.area.slug])
    expected = {None: 302, "secretariat": 200, "administrator": 200}.get(role, 403)
    response = _client_for(role).get(url, {"fra": "1", "antal": "1"})
    assert response.status_code == expected, (view, role)


# Tallies ------------------------------------------------------------------------------------


def _tally_world(secretariat, **values):
    process = make_process(ballot_type="basket", **values)
    a = make_proposal(process, title="Legeplads", cost=600_000)
    b = make_proposal(process, title="Shelter", cost=500_000)
    c = make_proposal(process, title="Bålhytte", cost=300_000)
    return process, (a, b, c)


def test_it_refuses_a_tally_meeting_when_the_rule_needs_each_ballot(secretariat) -> None:
    process, _proposals = _tally_world(secretariat, phase="vetting", result_rule="mes-add1")
    with pytest.raises(ValidationError) as error:
        _meeting(process, secretariat, method=VoteMethod.TALLY)
    assert error.value.message_dict["method"] == [
        "En optælling giver kun det samlede tal for hvert projekt, ikke hver vælgers "
        "stemmeseddel. Metoden med lige andele har brug for hver stemmeseddel, så med en "
        "optælling kan resultatet kun tælles grådigt (flest stemmer først)."
    ]
    process.ballot_type = "cumulative"
    process.save()
    with pytest.raises(ValidationError) as points:
        _meeting(process, secretariat, method=VoteMethod.TALLY)
    assert points.value.message_dict["method"] == [
        "En optælling tæller hænder eller kugler for hvert projekt, så den virker kun, når "
        "vælgerne vælger projekter, ikke når de giver point eller rangerer."
    ]


def test_it_offers_only_greedy_counting_once_a_process_has_a_tally(client, secretariat) -> None:
    from samskab.budgets.forms import ProcessForm

    process, _proposals = _tally_world(secretariat, phase="vetting")
    _meeting(process, secretariat, method=VoteMethod.TALLY)
    form = ProcessForm(instance=process)
    rule = form.fields["result_rule"]
    assert isinstance(rule, forms.ChoiceField)
    assert [value for value, _label in rule.choices] == ["greedy"]  # type: ignore[misc,union-attr]
    assert "kun tælles grådigt" in str(form.fields["result_rule"].help_text)
    values = {name: getattr(process, name) for name in services.PROCESS_FIELDS}
    values["result_rule"] = "mes-add1"
    areas = [(ba.area, ba.budget) for ba in process.areas.all()]
    with pytest.raises(ValidationError) as error:
        services.process_save(actor=secretariat, process=process, areas=areas, **values)
    assert "kun tælles grådigt" in error.value.message_dict["result_rule"][0]


def _tally_by_two(**values) -> Tally:
    """A tally entered by ``actor`` and entered again, the same, by a desk clerk."""
    paper.tally_save(**values)
    return paper.tally_save(**{**values, "actor": make_desk_clerk()})


def test_it_counts_a_tally_greedily_in_the_results_and_the_pabulib_file(secretariat) -> None:
    process, (a, b, c) = _tally_world(secretariat, phase="voting")
    tally_meeting = _meeting(process, secretariat, method=VoteMethod.TALLY, title="Bisserup")
    sheets = _meeting(process, secretariat, title="Eggeslevmagle")
    first, second = make_desk_clerk(), make_desk_clerk()
    for number in range(1, 6):
        for clerk in (first, second):
            paper.paper_sheet_enter(
                actor=clerk, voting_meeting=sheets, number=number, choices={a.pk: 1}
            )
    paper.voters_admitted_set(actor=first, voting_meeting=sheets, voters_admitted=5)
    _tally_by_two(
        actor=secretariat,
        voting_meeting=tally_meeting,
        voters_present=9,
        counted_by_first="Karen Hansen",
        counted_by_second="Ole Jensen",
        votes={b.pk: 7, c.pk: 4},
    )
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    result = results_publish(process=process, actor=secretariat)[0]
    # b (7 votes) first; a (5 votes, 600.000 kr.) no longer fits; c (4 votes) does.
    assert result.selected_ids == [b.pk, c.pk]
    assert result.num_ballots == 5 + 9
    assert result.verified and check(parse_pabulib(result.pabulib), "official").ok
    turnout = selectors.turnout(process)
    assert turnout.total == 14
    assert [(row.label, row.count) for row in turnout.by_channel] == [
        ("paper", 5),
        ("tally", 9),
    ]
    counts = {
        row.voting_meeting.meeting.title: row.ballots for row in paper.meeting_counts(process)
    }
    assert counts == {"Bisserup": 9, "Eggeslevmagle": 5}


def test_it_refuses_a_tally_with_one_counter_or_more_votes_than_voters(secretariat) -> None:
    process, (a, _b, _c) = _tally_world(secretariat)
    vm = _meeting(process, secretariat, method=VoteMethod.TALLY)
    base = {"actor": secretariat, "voting_meeting": vm, "voters_present": 5}
    with pytest.raises(ValidationError) as one:
        paper.tally_save(
            **base, counted_by_first="Karen", counted_by_second="karen", votes={a.pk: 1}
        )
    assert one.value.message_dict["counted_by_second"] == [
        "To forskellige personer skal tælle: skriv begge navne."
    ]
    with pytest.raises(ValidationError) as many:
        paper.tally_save(**base, counted_by_first="Karen", counted_by_second="Ole", votes={a.pk: 6})
    assert many.value.messages == ["Intet projekt kan have flere stemmer end de 5 fremmødte."]
    with pytest.raises(ValidationError) as sheets:
        paper.tally_save(
            **{**base, "voting_meeting": _meeting(process, secretariat)},
            counted_by_first="Karen",
            counted_by_second="Ole",
            votes={},
        )
    assert sheets.value.messages == ["Dette møde bruger stemmesedler, ikke optælling."]


def test_it_enters_a_tally_on_its_page(client, secretariat) -> None:
    process, (a, b, _c) = _tally_world(secretariat)
    vm = _meeting(process, secretariat, method=VoteMethod.TALLY)
    client.force_login(make_desk_clerk())
    url = reverse("budgets:tally", args=[process.slug, vm.pk])
    bad = client.post(url, {f"votes-{a.pk}": "x", "voters_present": "3"})
    assert bad.status_code == 200
    assert "Stemmer er hele tal på 0 eller mere." in bad.content.decode()
    response = client.post(
        url,
        {
            f"votes-{a.pk}": "3",
            f"votes-{b.pk}": "1",
            "voters_present": "3",
            "counted_by_first": "Karen",
            "counted_by_second": "Ole",
        },
    )
    assert response.status_code == 302
    assert {line.proposal_id: line.votes for line in vm.tally.lines.all()} == {a.pk: 3, b.pk: 1}
    assert _client_for("employee").get(url).status_code == 403
    assert _client_for("resident").get(url).status_code == 403
    assert _client_for("secretariat").get(url).status_code == 200


def test_it_shows_voters_per_meeting_on_the_results_page_to_the_secretariat_only(
    client, secretariat
) -> None:
    process, (a, b, _c) = _tally_world(secretariat)
    vm = _meeting(process, secretariat, method=VoteMethod.TALLY, title="Bisserup forsamlingshus")
    _tally_by_two(
        actor=secretariat,
        voting_meeting=vm,
        voters_present=6,
        counted_by_first="Karen",
        counted_by_second="Ole",
        votes={a.pk: 6, b.pk: 2},
    )
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    results_publish(process=process, actor=secretariat)
    url = reverse("budgets:results", args=[process.slug])
    public = client.get(url).content.decode()
    assert "Optælling på et afstemningsmøde" in public
    assert "Ikke registreret (afstemningsmøder)" in public
    assert "Bisserup forsamlingshus" not in public
    client.force_login(secretariat)
    assert "Bisserup forsamlingshus" in client.get(url).content.decode()


def test_it_refuses_the_remaining_sheet_and_meeting_mistakes_in_danish(world, secretariat) -> None:
    process, vm, (a, _b, _c) = world
    other = make_process(slug="andet-borgerbudget")
    with pytest.raises(ValidationError) as wrong_area:
        paper.voting_meeting_create(
            actor=secretariat,
            process=process,
            budget_area=other.areas.get(),
            title="Møde",
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(hours=1),
            place="Hallen",
            method=VoteMethod.SHEETS,
        )
    assert wrong_area.value.message_dict["budget_area"] == ["Vælg et af borgerbudgettets områder."]
    with pytest.raises(ValidationError) as method:
        _meeting(process, secretariat, method="dice")
    assert method.value.message_dict["method"] == ["Vælg stemmesedler eller optælling."]
    with pytest.raises(ValidationError) as number:
        paper.paper_sheet_enter(actor=secretariat, voting_meeting=vm, number=0, choices={})
    assert number.value.message_dict["number"] == ["Sedlens nummer er et helt tal fra 1 og op."]
    first, second = make_desk_clerk(), make_desk_clerk()
    for clerk in (first, second):
        sheet = paper.paper_sheet_enter(actor=clerk, voting_meeting=vm, number=9, choices={a.pk: 1})
    with pytest.raises(ValidationError) as done:
        paper.paper_sheet_enter(actor=secretariat, voting_meeting=vm, number=9, choices={a.pk: 1})
    assert done.value.messages == ["Seddel 9 er allerede indtastet to gange og godkendt."]
    with pytest.raises(ValidationError) as resolve:
        paper.paper_sheet_resolve(actor=secretariat, sheet=sheet, choices={a.pk: 1})
    assert resolve.value.messages == ["Kun sedler med to forskellige indtastninger afgøres her."]


def test_it_refuses_the_remaining_tally_mistakes_in_danish(secretariat) -> None:
    process, (a, _b, _c) = _tally_world(secretariat)
    vm = _meeting(process, secretariat, method=VoteMethod.TALLY)
    names: dict[str, Any] = {"counted_by_first": "Karen", "counted_by_second": "Ole"}
    with pytest.raises(ValidationError) as nobody:
        paper.tally_save(actor=secretariat, voting_meeting=vm, voters_present=0, votes={}, **names)
    assert nobody.value.message_dict["voters_present"] == [
        "Skriv, hvor mange vælgere der mødte op."
    ]
    other = make_proposal(make_process(slug="andet"), title="Andet")
    with pytest.raises(ValidationError) as unknown:
        paper.tally_save(
            actor=secretariat, voting_meeting=vm, voters_present=3, votes={other.pk: 1}, **names
        )
    assert unknown.value.messages == ["Et af projekterne er ikke på denne stemmeseddel."]
    with pytest.raises(ValidationError) as negative:
        paper.tally_save(
            actor=secretariat, voting_meeting=vm, voters_present=3, votes={a.pk: -1}, **names
        )
    assert negative.value.messages == ["Stemmer er hele tal på 0 eller mere."]
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    results_publish(process=process, actor=secretariat)
    with pytest.raises(ValidationError) as closed:
        paper.tally_save(
            actor=secretariat, voting_meeting=vm, voters_present=3, votes={a.pk: 1}, **names
        )
    assert closed.value.messages == [
        "Resultaterne er offentliggjort, så der kan ikke indtastes flere stemmesedler "
        "eller optællinger."
    ]


def test_it_offers_the_tally_totals_beside_the_ballot_file_once_results_are_out(
    client, secretariat
) -> None:
    process, (a, b, _c) = _tally_world(secretariat, phase="voting")
    tally_meeting = _meeting(process, secretariat, method=VoteMethod.TALLY, title="=Bisserup")
    _tally_by_two(
        actor=secretariat,
        voting_meeting=tally_meeting,
        voters_present=9,
        counted_by_first="Karen Hansen",
        counted_by_second="Ole Jensen",
        votes={a.pk: 2, b.pk: 7},
    )
    url = reverse("budgets:tallies_csv", args=[process.slug])
    assert client.get(url).status_code == 404  # nobody sees counts while voting is open
    services.process_set_phase(actor=secretariat, process=process, phase=Phase.RESULTS)
    process.refresh_from_db()
    results_publish(process=process, actor=secretariat)
    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert "ikke stemmesedler" in page and url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-optaellinger.csv"')
    day = timezone.localtime(tally_meeting.meeting.starts_at).date().isoformat()
    assert response.content.decode().splitlines() == [
        "Område;Afstemningsmøde;Dato;Projekt-id;Projekt;Optalte stemmer;Fremmødte vælgere på mødet",
        f"slagelse-kommune;'=Bisserup;{day};{a.pk};Legeplads;2;9",
        f"slagelse-kommune;'=Bisserup;{day};{b.pk};Shelter;7;9",
    ]
    # The names of the two who counted are not published, and the ballot file has no tally.
    assert "Karen" not in response.content.decode()
    ballots = client.get(reverse("budgets:csv", args=[process.slug])).content.decode()
    assert ballots.splitlines() == ["area;voter_id;project_id;value"]
