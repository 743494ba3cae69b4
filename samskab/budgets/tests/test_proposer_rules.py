"""Who may propose: the process's minimum age and residency for proposers (e.g. 18 or older
and living in the district, as in Slagelse's "Borgerne Bestemmer"), checked like a voter's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.budgets.models import BudgetProcess, Proposal
from samskab.budgets.services import ProposalInput, proposal_submit, proposal_update
from samskab.budgets.tests.factories import make_process, make_voter
from samskab.budgets.tests.test_process import _data as process_data
from samskab.budgets.tests.test_proposals import _form
from samskab.core.models import Area

pytestmark = pytest.mark.django_db

ADULT, YOUNG = "0107801234", "1503124321"  # born 1980 and 2012


def area(slug: str) -> Area:
    return Area.objects.get(slug=slug)


def district_process(**rules: object) -> BudgetProcess:
    values = {"proposer_min_age": 18, "proposer_residency": "area", **rules}
    return make_process(phase="proposals", areas=[(area("skaelskoer"), 100_000)], **values)


def propose(client: Client, user: User, process: BudgetProcess):
    client.force_login(user)
    return client.post(reverse("budgets:proposal_create", args=[process.slug]), _form(process))


def test_a_grown_up_living_in_the_district_may_propose(client: Client) -> None:
    process = district_process()
    response = propose(client, make_voter(ADULT, area=area("skaelskoer")), process)
    assert response.status_code == 302
    assert Proposal.objects.get().budget_area.area.slug == "skaelskoer"


def test_a_resident_of_a_village_may_propose_for_its_town_s_budget(client: Client) -> None:
    # Budget areas cover an area and its parts, as for voters (ballots._covers).
    process = make_process(
        phase="proposals", proposer_residency="area", areas=[(area("slagelse-kommune"), 100_000)]
    )
    assert propose(client, make_voter(ADULT, area=area("omoe")), process).status_code == 302


@pytest.mark.parametrize(
    ("cpr", "where", "extra", "message"),
    [
        (
            YOUNG,
            "skaelskoer",
            {},
            "Du skal være mindst 18 år for at stille forslag i dette borgerbudget.",
        ),
        (
            ADULT,
            "korsoer",
            {},
            "Kun personer, der bor i disse områder, kan stille forslag til dem: Skælskør.",
        ),
        (ADULT, None, {}, "Vi kunne ikke finde lokalområdet for din adresse"),
        (
            ADULT,
            "skaelskoer",
            {"is_municipal_resident": False},
            "Kun personer, der bor i kommunen, kan stille forslag.",
        ),
        (
            ADULT,
            "skaelskoer",
            {"person_key": None, "birth_date": None},
            "Log ind med MitID.",
        ),
    ],
)
def test_it_refuses_proposers_who_do_not_meet_the_rules_in_danish(
    client: Client, cpr: str, where: str | None, extra: dict, message: str
) -> None:
    process = district_process()
    user = make_voter(cpr, area=area(where) if where else None, **extra)
    client.force_login(user)
    page = client.get(reverse("budgets:proposal_create", args=[process.slug]))
    assert message in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    response = propose(client, user, process)
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_service_refuses_too_and_names_the_rule(client: Client) -> None:
    process = district_process(proposer_residency="municipality")
    young = make_voter(YOUNG, area=area("skaelskoer"))
    data = ProposalInput(
        budget_area=process.areas.get(),
        title="Bænk",
        description="En bænk.",
        category="other",
        carried_out_by="person",
        carried_out_by_name="",
        cost_lines=[("Bænk", 5_000)],
    )
    with pytest.raises(ValidationError) as refused:
        proposal_submit(author=young, process=process, data=data)
    assert refused.value.messages == [
        "Du skal være mindst 18 år for at stille forslag i dette borgerbudget."
    ]
    grown_up_elsewhere = make_voter(ADULT, area=area("korsoer"))
    assert proposal_submit(author=grown_up_elsewhere, process=process, data=data).pk


def test_a_proposal_cannot_be_moved_to_an_area_where_the_proposer_does_not_live() -> None:
    process = make_process(
        phase="proposals",
        proposer_residency="area",
        areas=[(area("skaelskoer"), 100_000), (area("korsoer"), 100_000)],
    )
    proposer = make_voter(ADULT, area=area("skaelskoer"))
    data = ProposalInput(
        budget_area=process.areas.get(area__slug="skaelskoer"),
        title="Bænk",
        description="En bænk.",
        category="other",
        carried_out_by="person",
        carried_out_by_name="",
        cost_lines=[("Bænk", 5_000)],
    )
    proposal = proposal_submit(author=proposer, process=process, data=data)
    moved = ProposalInput(
        **{**data.__dict__, "budget_area": process.areas.get(area__slug="korsoer")}
    )
    with pytest.raises(ValidationError, match="Korsør"):
        proposal_update(actor=proposer, proposal=proposal, data=moved)
    proposal.refresh_from_db()
    assert proposal.budget_area.area.slug == "skaelskoer"


def test_without_rules_anyone_logged_in_may_propose(client: Client, resident: User) -> None:
    process = make_process(phase="proposals")
    assert (process.proposer_min_age, process.proposer_residency) == (0, "anyone")
    assert propose(client, resident, process).status_code == 302


def test_the_secretariat_sets_the_proposer_rules_and_the_process_page_shows_them(
    client: Client, secretariat: User
) -> None:
    client.force_login(secretariat)
    response = client.post(reverse("budgets:process_create"), process_data())
    assert response.status_code == 302
    process = BudgetProcess.objects.get()
    assert (process.proposer_min_age, process.proposer_residency) == (18, "area")
    page = client.get(reverse("budgets:process", args=[process.slug])).content.decode()
    assert "Hvem må stille forslag" in page
    assert "Fra 18 år, bor i budgettets lokalområde" in page
