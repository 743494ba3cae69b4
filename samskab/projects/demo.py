"""Demo content: a project in progress run by its citizen group. Safe to run again.

A finished citizen budget in Korsør whose winning proposal, a shelter by the beach, is being
carried out: milestones, an approved payout and an expense waiting for the next one.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from samskab.accounts.models import User
from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    CostLine,
    Decision,
    Implementation,
    ImplementationStatus,
    Milestone,
    Proposal,
    ProposalStatus,
    Vetting,
)
from samskab.core.models import Area
from samskab.organisations.models import Kind, MemberRole, Membership, Organisation
from samskab.projects.models import Document, Expense, Payout, Project

SLUG = "borgerbudget-korsoer-2025"
DEMO_RECEIPT = b"%PDF-1.4\n% Demo-kvittering\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@transaction.atomic
def seed_demo_projects() -> None:
    resident = User.objects.filter(email="borger@demo.samskab.dk").first()
    contact = User.objects.filter(email="medarbejder@demo.samskab.dk").first()
    area = Area.objects.filter(slug="korsoer").first()
    if resident is None or contact is None or area is None:
        return
    if BudgetProcess.objects.filter(slug=SLUG).exists():
        return
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    process = BudgetProcess.objects.create(
        slug=SLUG,
        title="Borgerbudget Korsør 2025",
        description="Korsørs borgere besluttede, hvad **300.000 kr.** skulle bruges til.",
        is_published=True,
        information_starts=today - 400 * day,
        proposals_start=today - 380 * day,
        vetting_start=today - 340 * day,
        voting_start=today - 300 * day,
        results_start=today - 280 * day,
        implementation_start=today - 270 * day,
        max_project_cost=300_000,
    )
    budget_area = BudgetArea.objects.create(process=process, area=area, budget=300_000)
    group = Organisation.objects.create(
        name="Shelterlauget Korsør Strand",
        kind=Kind.CITIZEN_GROUP,
        area=area,
        description="Naboer, der bygger og passer et shelter ved stranden.",
        created_by=resident,
    )
    Membership.objects.create(organisation=group, user=resident, role=MemberRole.ADMIN)
    proposal = Proposal.objects.create(
        process=process,
        budget_area=budget_area,
        author=resident,
        organisation=group,
        title="Shelter ved Korsør Strand",
        description="Et shelter med bålplads, som alle kan bruge hele året.",
        category="nature",
        estimated_cost=180_000,
        carried_out_by="group",
        carried_out_by_name=group.name,
        status=ProposalStatus.ACCEPTED,
    )
    CostLine.objects.create(proposal=proposal, description="Træ, tag og bålplads", amount=180_000)
    Vetting.objects.create(
        proposal=proposal,
        investment_cost=180_000,
        decision=Decision.ACCEPTED,
        public_reason="Kan gennemføres; kommunen ejer grunden.",
        decided_at=timezone.now() - 340 * day,
    )
    implementation = Implementation.objects.create(
        proposal=proposal,
        citizen_group=group.name,
        contact=contact,
        amount_granted=180_000,
        amount_spent=42_000,
        status=ImplementationStatus.UNDER_WAY,
    )
    Milestone.objects.create(
        implementation=implementation,
        title="Byggetilladelse",
        due=today - 200 * day,
        done_on=today - 210 * day,
    )
    Milestone.objects.create(
        implementation=implementation,
        title="Fundament og gulv",
        due=today - 60 * day,
        done_on=today - 50 * day,
    )
    Milestone.objects.create(
        implementation=implementation, title="Tag og indvielse", due=today + 60 * day
    )
    project = Project.objects.create(implementation=implementation, group=group)
    payout = Payout.objects.create(
        project=project,
        amount=42_000,
        status=Payout.Status.APPROVED,
        requested_by=resident,
        decided_by=contact,
        decided_at=timezone.now() - 40 * day,
    )
    for description, amount, ago, paid in [
        ("Fundament og beton", 27_000, 70, payout),
        ("Gulvbrædder", 15_000, 55, payout),
        ("Tagpap og skruer", 8_400, 10, None),
    ]:
        expense = Expense(
            project=project,
            description=description,
            amount=amount,
            spent_on=today - ago * day,
            added_by=resident,
            payout=paid,
        )
        expense.receipt.save("demo-kvittering.pdf", ContentFile(DEMO_RECEIPT), save=False)
        expense.save()
    for title, is_public in [
        ("Tegning af shelteret", True),
        ("Aftale med kommunen om grunden", False),
    ]:
        document = Document(
            project=project,
            title=title,
            name=f"{title}.pdf",
            is_public=is_public,
            added_by=resident,
        )
        document.file.save("demo-dokument.pdf", ContentFile(DEMO_RECEIPT), save=False)
        document.size = document.file.size
        document.save()
