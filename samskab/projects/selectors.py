"""Reads for the citizen projects."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum

from samskab.budgets.models import BudgetProcess, Implementation, Proposal
from samskab.projects import deadlines
from samskab.projects.models import Document, Expense, Payout, Project


def project_for(proposal: Proposal) -> Project | None:
    return (
        Project.objects.select_related("group", "implementation__contact")
        .filter(implementation__proposal=proposal)
        .first()
    )


def implementation_for(proposal: Proposal) -> Implementation | None:
    return (
        Implementation.objects.select_related("contact")
        .prefetch_related("milestones", "updates__author")
        .filter(proposal=proposal)
        .first()
    )


@dataclass(frozen=True)
class Money:
    granted: int
    spent: int
    paid_out: int
    requested: int

    @property
    def percent_spent(self) -> int:
        if not self.granted:
            return 0
        return min(100, round(100 * self.spent / self.granted))


def money(implementation: Implementation, project: Project | None) -> Money:
    """Granted, spent (every expense recorded), paid out and waiting: amounts only."""
    if project is None:
        return Money(implementation.amount_granted, implementation.amount_spent, 0, 0)
    spent = Expense.objects.filter(project=project).aggregate(total=Sum("amount"))["total"]
    by_status = dict(
        Payout.objects.filter(project=project)
        .values_list("status")
        .annotate(total=Sum("amount"))
        .values_list("status", "total")
    )
    return Money(
        granted=implementation.amount_granted,
        spent=int(spent or 0),
        paid_out=int(by_status.get(Payout.Status.APPROVED, 0) or 0),
        requested=int(by_status.get(Payout.Status.REQUESTED, 0) or 0),
    )


def expenses(project: Project) -> list[Expense]:
    return list(Expense.objects.filter(project=project).select_related("added_by", "payout"))


def payouts(project: Project) -> list[Payout]:
    return list(Payout.objects.filter(project=project).select_related("requested_by", "decided_by"))


@dataclass(frozen=True)
class Overdue:
    implementation: Implementation
    late: list[str]
    start_by: datetime.date
    finish_by: datetime.date


def overdue_projects(*, process: BudgetProcess, today: datetime.date) -> list[Overdue]:
    """The process's winning projects that have passed a limit unmet, for the secretariat."""
    rows = []
    implementations = Implementation.objects.filter(proposal__process=process).select_related(
        "proposal__process__project_rules", "contact", "project__group"
    )
    for implementation in implementations:
        late = deadlines.overdue(implementation, today)
        if late:
            limits = deadlines.limits_for(process)
            rows.append(Overdue(implementation, late, limits.start_by, limits.finish_by))
    return rows


def documents(project: Project, *, public_only: bool = False) -> list[Document]:
    """The project's documents, newest first; ``public_only`` for the public page."""
    rows = Document.objects.filter(project=project).select_related("added_by")
    if public_only:
        rows = rows.filter(is_public=True)
    return list(rows)
