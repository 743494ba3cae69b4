"""The secretariat configures a process; the phase follows the dates or is set by hand."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from samskab.budgets.models import BudgetProcess
from samskab.budgets.tests.factories import make_process
from samskab.core.models import Area

pytestmark = pytest.mark.django_db


def _data(**extra):
    data = {
        "title": "Borgerbudget Korsør",
        "slug": "korsoer-2027",
        "description": "Om **Korsør**",
        "is_published": "on",
        "information_starts": "2027-01-01",
        "proposals_start": "2027-02-01",
        "vetting_start": "2027-03-01",
        "voting_start": "2027-04-01",
        "results_start": "2027-04-15",
        "implementation_start": "2027-05-01",
        "min_age": "15",
        "residency": "area",
        "ballot_type": "approval",
        "min_projects": "1",
        "max_projects": "3",
        "points_total": "10",
        "rank_count": "3",
        "result_rule": "mes-add1",
        "max_project_cost": "200000",
        "allow_ballot_change": "on",
        "proposer_min_age": "18",
        "proposer_residency": "area",
        "omraader-TOTAL_FORMS": "2",
        "omraader-INITIAL_FORMS": "0",
        "omraader-0-area": Area.objects.get(slug="korsoer").pk,
        "omraader-0-budget": "300000",
        "omraader-1-area": Area.objects.get(slug="skaelskoer").pk,
        "omraader-1-budget": "200000",
    }
    data.update(extra)
    return data


def test_it_creates_a_process_with_a_budget_per_area(client, secretariat) -> None:
    client.force_login(secretariat)
    response = client.post(reverse("budgets:process_create"), _data())
    assert response.status_code == 302
    process = BudgetProcess.objects.get()
    assert sorted(process.areas.values_list("area__slug", "budget")) == [
        ("korsoer", 300_000),
        ("skaelskoer", 200_000),
    ]
    assert process.ballot_type == "approval" and process.result_rule == "mes-add1"


def test_it_rejects_phases_out_of_order_and_keeps_the_input(client, secretariat) -> None:
    client.force_login(secretariat)
    response = client.post(
        reverse("budgets:process_create"), _data(vetting_start="2026-12-01", max_projects="0")
    )
    page = response.content.decode()
    assert "Faserne skal starte i rækkefølge" in page
    assert "Det højeste antal kan ikke være mindre end det mindste." in page
    assert "Borgerbudget Korsør" in page
    assert BudgetProcess.objects.count() == 0


def test_it_follows_the_dates_unless_the_phase_is_set_by_hand(client, secretariat) -> None:
    process = make_process(phase="proposals")
    with time_machine.travel(
        datetime.datetime.combine(process.voting_start, datetime.time(12)), tick=False
    ):
        assert process.current_phase == "voting"
    with time_machine.travel(
        datetime.datetime.combine(
            process.voting_start - datetime.timedelta(days=1), datetime.time(12)
        ),
        tick=False,
    ):
        assert process.current_phase == "vetting"
    client.force_login(secretariat)
    client.post(reverse("budgets:process_phase", args=[process.slug]), {"phase": "results"})
    process.refresh_from_db()
    assert process.current_phase == "results"
