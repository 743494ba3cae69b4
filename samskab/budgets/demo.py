"""Demo content for `make run`: one citizen budget with proposals. Safe to run again."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from samskab.accounts.models import User
from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    CostLine,
    Decision,
    Proposal,
    ProposalStatus,
    Vetting,
)
from samskab.core.models import Area, Department

SLUG = "borgerbudget-slagelse"

PROPOSALS = [
    ("Legeplads i Byparken", "play", 250_000, "Nye gynger og en klatrebane til de mindste."),
    ("Bænke langs åstien", "nature", 60_000, "Ti bænke, så ældre kan holde pause på turen."),
    ("Lys på stien til stationen", "traffic", 180_000, "Tryg vej hjem om aftenen."),
    ("Madfællesskab i medborgerhuset", "culture", 90_000, "Køkkengrej og et års fællesspisning."),
]


@transaction.atomic
def seed_demo_budgets() -> BudgetProcess:
    """A process in its proposal phase; some proposals are already on the ballot."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    process, created = BudgetProcess.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title": "Borgerbudget Slagelse 2026",
            "description": (
                "Slagelse Kommune lægger **1 mio. kr.** i hænderne på borgerne. "
                "Foreslå et projekt, og stem om, hvad pengene skal bruges til."
            ),
            "is_published": True,
            "information_starts": today - 30 * day,
            "proposals_start": today - 10 * day,
            "vetting_start": today + 20 * day,
            "voting_start": today + 40 * day,
            "results_start": today + 54 * day,
            "implementation_start": today + 60 * day,
            "max_project_cost": 400_000,
        },
    )
    if not created:
        return process
    municipality = Area.objects.get(kind=Area.Kind.MUNICIPALITY)
    budget_area = BudgetArea.objects.create(process=process, area=municipality, budget=1_000_000)
    author = User.objects.filter(email="borger@demo.samskab.dk").first()
    if author is None:
        return process
    department = Department.objects.filter(slug="miljoe-plan-og-teknik").first()
    for title, category, cost, description in PROPOSALS:
        proposal = Proposal.objects.create(
            process=process,
            budget_area=budget_area,
            author=author,
            title=title,
            description=description,
            category=category,
            estimated_cost=cost,
            carried_out_by="group",
            status=ProposalStatus.ACCEPTED,
        )
        CostLine.objects.create(proposal=proposal, description="Samlet overslag", amount=cost)
        Vetting.objects.create(
            proposal=proposal,
            department=department,
            legal_feasibility="yes",
            technical_feasibility="yes",
            investment_cost=cost,
            running_cost=cost // 20,
            decision=Decision.ACCEPTED,
            public_reason="Forslaget kan gennemføres inden for budgettet.",
            decided_at=timezone.now(),
        )
    return process
