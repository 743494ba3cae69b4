from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from samskab.accounts.identity import cpr_birth_date, person_key_from_cpr
from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    CostLine,
    Decision,
    Proposal,
    ProposalStatus,
    Vetting,
)
from samskab.core.models import Area

# Fictitious CPR numbers: adults born 1949-1990, and one 14-year-old (2012).
ADULT_CPRS = [f"0107{49 + n % 40:02d}{1000 + n:04d}" for n in range(60)]


def municipality() -> Area:
    return Area.objects.get(kind=Area.Kind.MUNICIPALITY)


def make_process(
    *, phase: str = "voting", areas: list[tuple[Area, int]] | None = None, **values: Any
) -> BudgetProcess:
    """A published process whose dates put today in ``phase``."""
    today = timezone.localdate()
    order = ["information", "proposals", "vetting", "voting", "results", "implementation"]
    index = order.index(phase)
    starts = [today + datetime.timedelta(days=10 * (i - index)) for i in range(len(order))]
    defaults: dict[str, Any] = {
        "title": "Borgerbudget 2026",
        "slug": "borgerbudget-2026",
        "description": "Vi fordeler **1 mio. kr.**",
        "is_published": True,
        "information_starts": starts[0],
        "proposals_start": starts[1],
        "vetting_start": starts[2],
        "voting_start": starts[3],
        "results_start": starts[4],
        "implementation_start": starts[5],
        "max_project_cost": 500_000,
    }
    defaults.update(values)
    process = BudgetProcess.objects.create(**defaults)
    for area, budget in areas or [(municipality(), 1_000_000)]:
        BudgetArea.objects.create(process=process, area=area, budget=budget)
    return process


def make_proposal(
    process: BudgetProcess,
    *,
    title: str = "Legeplads i parken",
    cost: int = 100_000,
    author: User | None = None,
    accepted: bool = True,
    budget_area: BudgetArea | None = None,
    description: str = "En ny legeplads til børnene.",
) -> Proposal:
    proposal = Proposal.objects.create(
        process=process,
        budget_area=budget_area or process.areas.all()[0],
        author=author or UserFactory.create(),
        title=title,
        description=description,
        estimated_cost=cost,
        category="play",
        carried_out_by="group",
        status=ProposalStatus.ACCEPTED if accepted else ProposalStatus.SUBMITTED,
    )
    CostLine.objects.create(proposal=proposal, description="Alt", amount=cost)
    if accepted:
        Vetting.objects.create(proposal=proposal, investment_cost=cost, decision=Decision.ACCEPTED)
    return proposal


def make_voter(cpr: str = "0107491234", *, area: Area | None = None, **extra: Any) -> User:
    values: dict[str, Any] = {
        "role": Role.RESIDENT,
        "is_verified": True,
        "person_key": person_key_from_cpr(cpr),
        "birth_date": cpr_birth_date(cpr),
        "is_municipal_resident": True,
        "area": area,
    }
    values.update(extra)
    return UserFactory.create(**values)


def make_desk_clerk(**extra: Any) -> User:
    """An employee in the citizen service group, who may enter assisted ballots."""
    from django.contrib.auth.models import Group

    from samskab.accounts.permissions import CITIZEN_SERVICE_GROUP

    values: dict[str, Any] = {"role": Role.EMPLOYEE}
    values.update(extra)
    clerk = UserFactory.create(**values)
    clerk.groups.add(Group.objects.get_or_create(name=CITIZEN_SERVICE_GROUP)[0])
    return clerk
