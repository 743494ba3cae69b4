"""Every view, every role: who may see and who may act (and who may not)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.tests.factories import UserFactory
from samskab.budgets import services_results
from samskab.budgets.models import BudgetProcess, Milestone, Proposal, Vetting
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Department

ROLES: list[str | None] = [
    None,
    "resident",
    "employee",
    "manager",
    "secretariat",
    "committee",
    "administrator",
]
STAFF: set[str | None] = {"employee", "manager", "secretariat", "administrator"}
SECRETARIAT: set[str | None] = {"secretariat", "administrator"}
LOGGED_IN = set(ROLES) - {None}


def expect(
    allowed: set[str | None], ok: int = 200, denied: int = 403, anonymous: int = 302
) -> dict:
    table: dict[str | None, int] = {role: ok if role in allowed else denied for role in LOGGED_IN}
    table[None] = ok if None in allowed else anonymous
    return table


@dataclass
class World:
    process: BudgetProcess
    proposal: Proposal
    milestone: Milestone | None = None


def world_in(phase: str, *, published_results: bool = False) -> World:
    process = make_process(phase=phase)
    proposal = make_proposal(process)
    department = Department.objects.first()
    Vetting.objects.filter(proposal=proposal).update(department=department)
    world = World(process=process, proposal=proposal)
    if published_results:
        services_results.results_publish(process=process)
        world.milestone = Milestone.objects.create(
            implementation=proposal.implementation, title="Start", due="2030-01-01"
        )
    return world


# name: (phase, results published, method, url, post data, expected status per role)
CASES: dict[str, tuple[str, bool, str, Any, dict[str, Any], dict[Any, int]]] = {
    "index": ("voting", False, "get", lambda w: reverse("budgets:index"), {}, expect(set(ROLES))),
    "process": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:process", args=[w.process.slug]),
        {},
        expect(set(ROLES)),
    ),
    "process_create": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:process_create"),
        {},
        expect(SECRETARIAT),
    ),
    "process_edit": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:process_edit", args=[w.process.slug]),
        {},
        expect(SECRETARIAT),
    ),
    "process_phase": (
        "voting",
        False,
        "post",
        lambda w: reverse("budgets:process_phase", args=[w.process.slug]),
        {"phase": ""},
        expect(SECRETARIAT, ok=302),
    ),
    "proposal_create_open": (
        "proposals",
        False,
        "get",
        lambda w: reverse("budgets:proposal_create", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    # A closed phase is explained to everyone logged in ("Perioden for forslag er slut"),
    # never a 403; test_phase_pages.py checks the words and that nothing is stored.
    "proposal_create_closed": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:proposal_create", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    "similar": (
        "proposals",
        False,
        "get",
        lambda w: reverse("budgets:similar", args=[w.process.slug]) + "?title=legeplads",
        {},
        expect(set(ROLES)),
    ),
    "proposal": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:proposal", args=[w.proposal.pk]),
        {},
        expect(set(ROLES)),
    ),
    "proposal_edit_by_others": (
        "proposals",
        False,
        "get",
        lambda w: reverse("budgets:proposal_edit", args=[w.proposal.pk]),
        {},
        expect(set()),
    ),
    "vetting_queue": (
        "vetting",
        False,
        "get",
        lambda w: reverse("budgets:vetting_queue", args=[w.process.slug]),
        {},
        expect(STAFF),
    ),
    "vet": (
        "vetting",
        False,
        "get",
        lambda w: reverse("budgets:vet", args=[w.proposal.pk]),
        {},
        expect(SECRETARIAT),
    ),
    "vet_after_vetting": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:vet", args=[w.proposal.pk]),
        {},
        expect(set()),
    ),
    "route": (
        "vetting",
        False,
        "post",
        lambda w: reverse("budgets:route", args=[w.proposal.pk]),
        {"department": ""},
        expect(SECRETARIAT, ok=400),
    ),
    "merge": (
        "vetting",
        False,
        "post",
        lambda w: reverse("budgets:merge", args=[w.proposal.pk]),
        {},
        expect(SECRETARIAT, ok=400),
    ),
    "message": (
        "vetting",
        False,
        "post",
        lambda w: reverse("budgets:message", args=[w.proposal.pk]),
        {"body": "Hej"},
        expect(SECRETARIAT, ok=302),
    ),
    "ballot": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:ballot", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    "ballot_closed": (
        "results",
        False,
        "get",
        lambda w: reverse("budgets:ballot", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    "ballot_summary": (
        "voting",
        False,
        "post",
        lambda w: reverse("budgets:ballot_summary", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    "receipt": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:receipt", args=[w.process.slug]),
        {},
        expect(LOGGED_IN),
    ),
    # Assisted voting needs the citizen service group, which no role gives by itself (the
    # group's own cells are in test_integrity).
    "assisted": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:assisted", args=[w.process.slug]),
        {},
        expect(set()),
    ),
    "assisted_ballots": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:assisted_ballots", args=[w.process.slug]),
        {},
        expect(SECRETARIAT),
    ),
    "csv_while_voting": (
        "voting",
        False,
        "get",
        lambda w: reverse("budgets:csv", args=[w.process.slug]),
        {},
        expect(set(), denied=404, anonymous=404),
    ),
    "csv_before_publication": (
        "results",
        False,
        "get",
        lambda w: reverse("budgets:csv", args=[w.process.slug]),
        {},
        expect(set(), denied=404, anonymous=404),
    ),
    # Staff at the desk after voting closed: told so, and where the results are.
    "assisted_closed": (
        "results",
        False,
        "get",
        lambda w: reverse("budgets:assisted", args=[w.process.slug]),
        {},
        expect(STAFF),
    ),
    # Not published yet: the secretariat sees the page to compute them, everyone else a
    # page that says the votes are being counted.
    "results_unpublished": (
        "results",
        False,
        "get",
        lambda w: reverse("budgets:results", args=[w.process.slug]),
        {},
        expect(set(ROLES)),
    ),
    "results": (
        "results",
        True,
        "get",
        lambda w: reverse("budgets:results", args=[w.process.slug]),
        {},
        expect(set(ROLES)),
    ),
    "compute": (
        "results",
        False,
        "post",
        lambda w: reverse("budgets:compute", args=[w.process.slug]),
        {},
        expect(SECRETARIAT, ok=302),
    ),
    "compute_during_voting": (
        "voting",
        False,
        "post",
        lambda w: reverse("budgets:compute", args=[w.process.slug]),
        {},
        expect(set()),
    ),
    "pabulib": (
        "results",
        True,
        "get",
        lambda w: reverse("budgets:pabulib", args=[w.process.slug, "slagelse-kommune"]),
        {},
        expect(set(ROLES)),
    ),
    "csv": (
        "results",
        True,
        "get",
        lambda w: reverse("budgets:csv", args=[w.process.slug]),
        {},
        expect(set(ROLES)),
    ),
    "implementation_overview": (
        "results",
        True,
        "get",
        lambda w: reverse("budgets:implementation_overview", args=[w.process.slug]),
        {},
        expect(set(ROLES)),
    ),
    "implementation": (
        "results",
        True,
        "get",
        lambda w: reverse("budgets:implementation", args=[w.proposal.pk]),
        {},
        expect(set(ROLES)),
    ),
    "implementation_save": (
        "results",
        True,
        "post",
        lambda w: reverse("budgets:implementation", args=[w.proposal.pk]),
        {"status": "under_way", "amount_granted": 1, "amount_spent": 0},
        expect(SECRETARIAT, ok=302, anonymous=403),
    ),
    "milestone_add": (
        "results",
        True,
        "post",
        lambda w: reverse("budgets:milestone_add", args=[w.proposal.pk]),
        {"title": "Indvielse", "due": "2030-06-01"},
        expect(SECRETARIAT, ok=302),
    ),
    "milestone_done": (
        "results",
        True,
        "post",
        lambda w: reverse("budgets:milestone_done", args=[w.proposal.pk, w.milestone.pk]),
        {"done_on": "2030-01-02"},
        expect(SECRETARIAT, ok=302),
    ),
    "update_post": (
        "results",
        True,
        "post",
        lambda w: reverse("budgets:update_post", args=[w.proposal.pk]),
        {"body": "Nu går vi i gang"},
        expect(SECRETARIAT, ok=302),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(CASES))
def test_it_grants_each_role_exactly_its_cell(case: str, role: str | None, user_with_role) -> None:
    phase, with_results, method, url, data, expected = CASES[case]
    world = world_in(phase, published_results=with_results)
    client = Client()
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url(world), data)
    assert response.status_code == expected[role], (case, role, response.status_code)


@pytest.mark.django_db
def test_it_hides_unpublished_processes_from_residents(client, resident, employee) -> None:
    process = make_process(is_published=False)
    url = reverse("budgets:process", args=[process.slug])
    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    assert process.title not in client.get(reverse("budgets:index")).content.decode()
    client.force_login(employee)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_hides_a_moderated_proposal_from_all_but_its_author_and_staff(
    client, resident, employee
) -> None:
    process = make_process(phase="proposals")
    author = UserFactory.create()
    proposal = make_proposal(process, author=author, accepted=False)
    Proposal.objects.filter(pk=proposal.pk).update(is_hidden=True)
    url = reverse("budgets:proposal", args=[proposal.pk])
    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).status_code == 200
    client.force_login(employee)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_lets_only_the_routed_department_vet(client) -> None:
    process = make_process(phase="vetting")
    proposal = make_proposal(process, accepted=False)
    department, other = Department.objects.all()[:2]
    Vetting.objects.create(proposal=proposal, department=department)
    url = reverse("budgets:vet", args=[proposal.pk])
    client.force_login(UserFactory.create(role="employee", department=other))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory.create(role="employee", department=department))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_it_lets_only_the_proposers_answer_a_merge_request(client, secretariat) -> None:
    from samskab.budgets.services import merge_request_create

    process = make_process(phase="vetting")
    source = make_proposal(process, title="A", accepted=False)
    target = make_proposal(process, title="B", accepted=False)
    merge = merge_request_create(actor=secretariat, source=source, target=target, reason="Ens")
    url = reverse("budgets:merge_answer", args=[merge.pk])
    client.force_login(secretariat)
    assert client.post(url, {"accept": "yes"}).status_code == 403
    client.force_login(source.author)
    assert client.post(url, {"accept": "yes"}).status_code == 302


@pytest.mark.django_db
def test_it_lets_the_proposer_edit_only_while_proposals_are_open(client) -> None:
    author = UserFactory.create()
    process = make_process(phase="proposals")
    proposal = make_proposal(process, author=author, accepted=False)
    url = reverse("budgets:proposal_edit", args=[proposal.pk])
    client.force_login(author)
    assert client.get(url).status_code == 200
    process.phase_override = "voting"
    process.save()
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_it_lets_the_proposer_and_the_contact_post_updates(client, employee) -> None:
    world = world_in("results", published_results=True)
    url = reverse("budgets:update_post", args=[world.proposal.pk])
    client.force_login(world.proposal.author)
    assert client.post(url, {"body": "Status"}).status_code == 302
    client.force_login(employee)
    assert client.post(url, {"body": "Status"}).status_code == 403
    world.proposal.implementation.contact = employee
    world.proposal.implementation.save()
    assert client.post(url, {"body": "Status"}).status_code == 302
    manage = reverse("budgets:milestone_add", args=[world.proposal.pk])
    assert client.post(manage, {"title": "X", "due": "2030-01-01"}).status_code == 302
