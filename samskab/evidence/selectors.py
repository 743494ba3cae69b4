"""Every read of the evidence registry that a view needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from samskab.core.models import Department
from samskab.evidence.models import (
    GRADE_DESCRIPTIONS,
    EvidenceRequest,
    Grade,
    Intervention,
)
from samskab.experiments.models import Evaluation, Experiment


def intervention_list(
    *,
    text: str = "",
    grade: str = "",
    status: str = "",
    department: Department | None = None,
) -> QuerySet[Intervention]:
    interventions = Intervention.objects.select_related("area", "department")
    if text:
        interventions = interventions.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(target_group__icontains=text)
        )
    if grade:
        interventions = interventions.filter(research_grade=grade)
    if status:
        interventions = interventions.filter(status=status)
    if department is not None:
        interventions = interventions.filter(department=department)
    return interventions.annotate(
        source_count=Count("sources", distinct=True),
        experiment_count=Count("experiments", distinct=True),
    ).order_by("title", "id")


def intervention_get(*, pk: int) -> Intervention | None:
    """The intervention with its research sources, linked experiments and requests."""
    return (
        Intervention.objects.select_related("area", "department", "created_by")
        .prefetch_related(
            "sources",
            "declaration",
            Prefetch(
                "experiments",
                queryset=Experiment.objects.select_related("department").prefetch_related(
                    Prefetch("evaluations", queryset=Evaluation.objects.select_related("follow_up"))
                ),
            ),
            Prefetch(
                "requests",
                queryset=EvidenceRequest.objects.select_related(
                    "requested_by", "answered_by", "approved_by", "department"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def request_get(*, pk: int) -> EvidenceRequest | None:
    return (
        EvidenceRequest.objects.select_related("intervention", "requested_by", "answered_by")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class GradeStep:
    value: str
    label: str
    description: str
    rank: int


def grade_scale() -> list[GradeStep]:
    """The documented scale, strongest evidence first."""
    return [
        GradeStep(
            value=grade.value,
            label=str(grade.label),
            description=str(GRADE_DESCRIPTIONS[grade]),
            rank=rank,
        )
        for rank, grade in enumerate(Grade, start=1)
    ]
