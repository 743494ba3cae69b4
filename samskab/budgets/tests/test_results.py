"""Results computed by the PB engine, published, and reproducible from the downloads."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samskab.budgets.ballots import voter_from_user
from samskab.budgets.models import Implementation, Proposal, Result
from samskab.budgets.services_results import results_publish
from samskab.budgets.tests.factories import ADULT_CPRS, make_process, make_proposal, make_voter
from samskab.budgets.voting import ballot_cast
from samskab.pb.cli import main as pb_main

pytestmark = pytest.mark.django_db


def _vote(process, choices_per_voter):
    area = process.areas.get()
    for cpr, choices in zip(ADULT_CPRS, choices_per_voter, strict=False):
        ballot_cast(
            process=process,
            voter=voter_from_user(make_voter(cpr)),
            choices=choices,
            budget_area=area,
        )


def _close_voting(process):
    process.phase_override = "results"
    process.save()


@pytest.mark.parametrize(("rule", "winners"), [("greedy", "AC"), ("mes-add1", "BC")])
def test_it_publishes_results_that_samskab_pb_check_reproduces(
    client, tmp_path: Path, rule: str, winners: str
) -> None:
    # Small amounts keep MES with add1 fast (it raises the per-voter budget 1 kr. at a time).
    process = make_process(result_rule=rule, areas=None, max_project_cost=600)
    process.areas.update(budget=1000)
    a = make_proposal(process, title="Legeplads", cost=600)
    b = make_proposal(process, title="Bænke", cost=500)
    c = make_proposal(process, title="Sti", cost=300)
    _vote(process, [{a.pk: 1, c.pk: 1}] * 6 + [{b.pk: 1}] * 5 + [{c.pk: 1}])
    _close_voting(process)
    results_publish(process=process)
    result = Result.objects.get()
    assert result.verified and result.num_ballots == 12
    # Greedy funds the most approved first; MES gives the five B voters their fair share.
    expected = {{"A": a, "B": b, "C": c}[letter].pk for letter in winners}
    assert set(result.selected_ids) == expected
    assert Implementation.objects.filter(proposal__in=expected).count() == 2

    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert "Legeplads" in page and "<svg" in page and "chart-table" in page
    assert "Valgt" in page and "Ikke valgt" in page

    download = client.get(reverse("budgets:pabulib", args=[process.slug, "slagelse-kommune"]))
    path = tmp_path / "borgerbudget.pb"
    path.write_bytes(download.content)
    out = io.StringIO()
    with redirect_stdout(out):
        assert pb_main(["check", str(path)]) == 0
    assert out.getvalue().startswith("OK")
    # The file carries no identity: voter ids are 1..n and nothing else about the voter.
    votes = download.content.decode().split("VOTES\n")[1].splitlines()
    assert votes[0] == "voter_id;vote"
    assert [line.split(";")[0] for line in votes[1:]] == [str(i) for i in range(1, 13)]


def test_it_refuses_to_compute_while_voting_is_open() -> None:
    process = make_process(phase="voting")
    with pytest.raises(ValidationError):
        results_publish(process=process)


def test_it_offers_the_anonymised_ballots_as_csv(client) -> None:
    process = make_process()
    a = make_proposal(process)
    _vote(process, [{a.pk: 1}] * 3)
    _close_voting(process)
    results_publish(process=process)
    csv_text = client.get(reverse("budgets:csv", args=[process.slug])).content.decode()
    lines = csv_text.splitlines()
    assert lines[0] == "area;voter_id;project_id;value"
    assert lines[1:] == [f"slagelse-kommune;{i};{a.pk};1" for i in (1, 2, 3)]


def test_it_hides_turnout_counts_below_five(client) -> None:
    process = make_process()
    a = make_proposal(process)
    _vote(process, [{a.pk: 1}] * 7)
    _close_voting(process)
    results_publish(process=process)
    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    assert "7 vælgere i alt." in page
    assert "færre end 5 vælgere tælles sammen" in page
    # All seven are 65+ and online: groups of five or more are shown exactly, none merged.
    assert '65+ år</th><td class="number">7<' in page
    assert "Små grupper samlet" not in page


def test_it_computes_from_the_management_command_once(django_capture_on_commit_callbacks) -> None:
    process = make_process(phase="results")
    make_proposal(process)
    out = io.StringIO()
    call_command("compute_budget_results", stdout=out)
    assert "verified" in out.getvalue()
    out = io.StringIO()
    call_command("compute_budget_results", stdout=out)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("rule", "pb_rule"), [("greedy", "greedy-exclusive"), ("mes-add1", "equalshares/add1")]
)
def test_it_respects_an_exclusion_group_in_results_and_export(
    client, tmp_path: Path, rule: str, pb_rule: str
) -> None:
    process = make_process(result_rule=rule, areas=None, max_project_cost=600)
    process.areas.update(budget=1000)
    a = make_proposal(process, title="Legeplads", cost=600)
    b = make_proposal(process, title="Bænke", cost=500)
    c = make_proposal(process, title="Sti", cost=300)
    # The playground and the path are two uses of one plot: at most one can be built.
    Proposal.objects.filter(pk__in=[a.pk, c.pk]).update(exclusion_group=1)
    page = _ballot_page(client, process)
    assert page.count("Kan ikke gennemføres sammen med") == 2
    _vote(process, [{a.pk: 1, c.pk: 1}] * 6 + [{b.pk: 1}] * 5 + [{c.pk: 1}])
    _close_voting(process)
    results_publish(process=process)
    result = Result.objects.get()
    # Without the group greedy would fund the path and the playground (900 kr.).
    assert result.verified and set(result.selected_ids) == {b.pk, c.pk}
    assert f"rule;{pb_rule}" in result.pabulib
    assert f"exclusion_groups;{a.pk},{c.pk}" in result.pabulib

    page = client.get(reverse("budgets:results", args=[process.slug])).content.decode()
    if rule == "greedy":
        assert "kan ikke gennemføres sammen med «Sti»" in page

    download = client.get(reverse("budgets:pabulib", args=[process.slug, "slagelse-kommune"]))
    path = tmp_path / "borgerbudget.pb"
    path.write_bytes(download.content)
    out = io.StringIO()
    with redirect_stdout(out):
        assert pb_main(["check", str(path)]) == 0
    assert out.getvalue().startswith("OK")


def _ballot_page(client, process) -> str:
    client.force_login(make_voter(ADULT_CPRS[-1]))
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    client.logout()
    return page
