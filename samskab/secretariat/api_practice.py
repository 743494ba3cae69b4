"""Open data on practice (read only, public): experiments with their evaluations and
whether the learning was used, the evidence registry with its knowledge declarations,
the realisation of ideas decided "realise", and learning from errors as counts only.

Mounted on the open data API in ``api.py``. Only what the public pages show: no planned
experiments (drafts), no internal or hidden ideas, and no learning report's content.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from samskab.evidence.models import DeclarationItem, Intervention
from samskab.experiments.models import Evaluation, Experiment
from samskab.experiments.models import Status as ExperimentStatus
from samskab.ideas.models import Realisation
from samskab.learning.models import LearningReport

router = Router(tags=["practice"])


class Page(Schema):
    limit: int = Field(50, ge=1, le=500, description="How many items (at most 500).")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many items to skip.")


class EvaluationOut(Schema):
    id: int
    recommendation: str
    intended_users: str
    decision: str
    findings: str
    follow_up_due: datetime.date
    learning_used: str | None


class ExperimentOut(Schema):
    id: int
    title: str
    hypothesis: str
    target_group: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    area: str | None
    department: str | None
    evaluations: list[EvaluationOut]
    url: str


class ExperimentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ExperimentOut]


class DeclarationOut(Schema):
    dimension: str
    grade: str
    reasoning: str


class InterventionOut(Schema):
    id: int
    title: str
    status: str
    research_grade: str
    declaration: list[DeclarationOut]
    url: str


class InterventionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InterventionOut]


class RealisationOut(Schema):
    idea_id: int
    idea_title: str
    status: str
    due_date: datetime.date
    done_on: datetime.date | None
    milestones: int
    milestones_reached: int
    url: str


class RealisationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RealisationOut]


class CountOut(Schema):
    key: str
    count: int


class LearningFiguresOut(Schema):
    total: int
    by_kind: list[CountOut]
    by_status: list[CountOut]


def _slice(queryset: Any, page: Page) -> tuple[int, list[Any]]:
    count = queryset.count()
    return count, list(queryset[page.offset : page.offset + page.limit])


@router.get("/experiments", response=ExperimentPage, summary="Experiments and evaluations")
def experiment_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    """Experiments that have started (planned ones are drafts), with their evaluations and
    whether the learning was used at the follow-up."""
    experiments = (
        Experiment.objects.exclude(status=ExperimentStatus.PLANNED)
        .select_related("area", "department")
        .prefetch_related(
            Prefetch("evaluations", queryset=Evaluation.objects.select_related("follow_up"))
        )
        .order_by("-id")
    )
    count, items = _slice(experiments, page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "id": e.pk,
                "title": e.title,
                "hypothesis": e.hypothesis,
                "target_group": e.target_group,
                "status": e.status,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "area": e.area.name if e.area else None,
                "department": e.department.name if e.department else None,
                "evaluations": [
                    {
                        "id": ev.pk,
                        "recommendation": ev.recommendation,
                        "intended_users": ev.intended_users,
                        "decision": ev.decision,
                        "findings": ev.findings,
                        "follow_up_due": ev.follow_up_due,
                        "learning_used": getattr(getattr(ev, "follow_up", None), "was_used", None),
                    }
                    for ev in e.evaluations.all()
                ],
                "url": e.get_absolute_url(),
            }
            for e in items
        ],
    }


@router.get("/evidence", response=InterventionPage, summary="Interventions and evidence")
def intervention_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    """The evidence registry: each intervention's research grade and its knowledge
    declaration (Socialstyrelsen's Vidensdeklaration: five dimensions graded A-D)."""
    interventions = Intervention.objects.prefetch_related(
        Prefetch("declaration", queryset=DeclarationItem.objects.order_by("id"))
    ).order_by("title", "id")
    count, items = _slice(interventions, page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "id": i.pk,
                "title": i.title,
                "status": i.status,
                "research_grade": i.research_grade,
                "declaration": [
                    {"dimension": d.dimension, "grade": d.grade, "reasoning": d.reasoning}
                    for d in i.declaration.all()
                ],
                "url": i.get_absolute_url(),
            }
            for i in items
        ],
    }


@router.get("/realisations", response=RealisationPage, summary="Realisations of ideas")
def realisation_list(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    """Ideas decided "realise": their public status, due date and milestones reached."""
    realisations = (
        Realisation.objects.filter(idea__is_internal=False, idea__is_hidden=False)
        .select_related("idea")
        .annotate(
            milestone_count=Count("milestones"),
            reached_count=Count("milestones", filter=Q(milestones__done_at__isnull=False)),
        )
        .order_by("due_date", "id")
    )
    count, items = _slice(realisations, page)
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "idea_id": r.idea_id,
                "idea_title": r.idea.title,
                "status": r.state,
                "due_date": r.due_date,
                "done_on": r.completed_at.date() if r.completed_at else None,
                "milestones": r.milestone_count,
                "milestones_reached": r.reached_count,
                "url": r.idea.get_absolute_url(),
            }
            for r in items
        ],
    }


@router.get("/learning/figures", response=LearningFiguresOut, summary="Learning: counts only")
def learning_figures(request: HttpRequest) -> dict[str, Any]:
    """How many learning reports there are, by kind and status. Counts only: the reports
    themselves are confidential."""
    by_kind = LearningReport.objects.values("kind").annotate(n=Count("id")).order_by("kind")
    by_status = LearningReport.objects.values("status").annotate(n=Count("id")).order_by("status")
    return {
        "total": LearningReport.objects.count(),
        "by_kind": [{"key": row["kind"], "count": row["n"]} for row in by_kind],
        "by_status": [{"key": row["status"], "count": row["n"]} for row in by_status],
    }
