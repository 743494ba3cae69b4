"""Every read the secretariat's pages need. Figures come from the other capabilities'
aggregate selectors, never from their models, so that each stays the owner of its rules."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from samskab.budgets import selectors as budgets
from samskab.budgets.models import BudgetProcess
from samskab.core.models import Area, Department
from samskab.experiments import selectors as experiments
from samskab.experiments.models import Experiment
from samskab.ideas import selectors as ideas
from samskab.ideas.models import Idea
from samskab.learning import selectors as learning
from samskab.learning.models import SharedLearning
from samskab.secretariat.models import CommitteeReport


@dataclass(frozen=True)
class Filters:
    start: datetime.date
    end: datetime.date
    department: Department | None = None
    area: Area | None = None


@dataclass(frozen=True)
class Overview:
    filters: Filters
    today: datetime.date
    ideas: ideas.IdeaFunnel
    experiments: experiments.ExperimentCounts
    learning: learning.LearningCounts
    processes: list[BudgetProcess]


def overview_get(filters: Filters, *, today: datetime.date) -> Overview:
    """Every figure of the overview, in a fixed, small number of aggregate queries."""
    period: dict[str, Any] = {"start": filters.start, "end": filters.end}
    return Overview(
        filters=filters,
        today=today,
        ideas=ideas.idea_funnel(
            **period, department=filters.department, area=filters.area, today=today
        ),
        experiments=experiments.experiment_counts(
            **period, department=filters.department, area=filters.area, today=today
        ),
        # Learning reports are tagged with a department only, not with an area.
        learning=learning.learning_counts(**period, department=filters.department, today=today),
        # Citizen budgets are tagged with areas only, not with a department.
        processes=list(budgets.participation_by_process(**period, area=filters.area)),
    )


def idea_list(
    filters: Filters, *, statuses: Sequence[str], deadline_state: str, today: datetime.date
) -> QuerySet[Idea]:
    return ideas.ideas_submitted_between(
        start=filters.start,
        end=filters.end,
        department=filters.department,
        area=filters.area,
        statuses=statuses,
        deadline_state=deadline_state,
        today=today,
    )


def report_list(user: Any) -> QuerySet[CommitteeReport]:
    reports = CommitteeReport.objects.select_related("created_by")
    if not user.has_perm("secretariat.manage_reports"):
        reports = reports.filter(published_at__isnull=False)
    return reports


def report_get(pk: int) -> CommitteeReport | None:
    return (
        CommitteeReport.objects.filter(pk=pk)
        .select_related("created_by")
        .prefetch_related(
            "highlighted_ideas__area",
            "highlighted_experiments__department",
            "highlighted_learnings",
        )
        .first()
    )


HIGHLIGHT_CHOICES = 200


def highlight_ideas(start: datetime.date, end: datetime.date) -> QuerySet[Idea]:
    """Public ideas decided (or answered) in the period, the latest first: the ones a
    committee report may quote. At most HIGHLIGHT_CHOICES, to keep the form usable."""
    decided = ideas.public_ideas().filter(decided_at__date__gte=start, decided_at__date__lte=end)
    latest = list(decided.order_by("-decided_at").values_list("pk", flat=True)[:HIGHLIGHT_CHOICES])
    return ideas.public_ideas().filter(pk__in=latest).order_by("-decided_at")


def highlight_experiments() -> QuerySet[Experiment]:
    return experiments.experiments_for_linking()


def highlight_learnings() -> QuerySet[SharedLearning]:
    return learning.shared_for_highlights()
