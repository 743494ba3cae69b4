"""Every read of experiments and evaluations that a view, task or another app needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samskab.accounts.models import User
from samskab.accounts.permissions import ROLE_INCLUDES, is_committee, is_employee
from samskab.core.models import Area, Department
from samskab.core.search import similar_to
from samskab.experiments.models import (
    Evaluation,
    Experiment,
    FollowUp,
    Indicator,
    Measurement,
    Participant,
    Recommendation,
    Status,
)


def _visible(queryset: QuerySet[Experiment], user: Any) -> QuerySet[Experiment]:
    """Planned experiments are internal; everyone may follow the others."""
    if is_employee(user) or is_committee(user):
        return queryset
    visible = ~Q(status=Status.PLANNED)
    if getattr(user, "is_authenticated", False):
        visible |= Q(owner=user)
    return queryset.filter(visible)


def experiment_list(
    *,
    user: Any,
    status: str = "",
    department: Department | None = None,
    text: str = "",
    area: Area | None = None,
) -> QuerySet[Experiment]:
    experiments = _visible(Experiment.objects.all(), user).select_related(
        "owner", "department", "area"
    )
    if status:
        experiments = experiments.filter(status=status)
    if department is not None:
        experiments = experiments.filter(department=department)
    if area is not None:
        experiments = experiments.filter(area=area)
    if text:
        experiments = experiments.filter(Q(title__icontains=text) | Q(hypothesis__icontains=text))
    return experiments.annotate(
        indicator_count=Count("indicators", distinct=True),
        evaluation_count=Count("evaluations", distinct=True),
    ).order_by("-created_at", "-id")


def experiment_get(*, user: Any, pk: int) -> Experiment | None:
    """The experiment with everything its page shows, or None when the user may not see it."""
    experiment = (
        _visible(Experiment.objects.all(), user)
        .select_related(
            "owner", "department", "area", "zero_error_approved_by", "origin_content_type"
        )
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("user")),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
                ),
            ),
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.select_related("follow_up", "follow_up_responsible"),
            ),
            "changes__changed_by",
        )
        .filter(pk=pk)
        .first()
    )
    return experiment


def experiment_for_update(*, pk: int) -> Experiment | None:
    """The experiment with what the permission predicates read (owner, participants)."""
    return (
        Experiment.objects.select_related("owner", "department", "area")
        .prefetch_related("participants", "indicators")
        .filter(pk=pk)
        .first()
    )


def origin_link(experiment: Experiment) -> tuple[str, str] | None:
    """(title, url) of what the experiment came from, when that object has a page."""
    if experiment.origin_content_type_id is None:
        return None
    origin = experiment.origin
    if origin is None or not hasattr(origin, "get_absolute_url"):
        return None
    return str(origin), origin.get_absolute_url()


def employees() -> QuerySet[User]:
    """Active employees, for choosing owners, participants and follow-up responsibles."""
    return (
        User.objects.filter(is_active=True, role__in=ROLE_INCLUDES["employee"])
        .select_related("department")
        .order_by("name", "email")
    )


def evaluation_get(*, user: Any, pk: int) -> Evaluation | None:
    evaluation = (
        Evaluation.objects.select_related(
            "experiment",
            "experiment__owner",
            "experiment__department",
            "follow_up",
            "follow_up__recorded_by",
            "follow_up_responsible",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None:
        return None
    if not _visible(Experiment.objects.filter(pk=evaluation.experiment_id), user).exists():
        return None
    return evaluation


def evaluation_for_update(*, pk: int) -> Evaluation | None:
    return (
        Evaluation.objects.select_related("experiment", "follow_up_responsible")
        .prefetch_related("experiment__participants")
        .filter(pk=pk)
        .first()
    )


def findings_search(
    *, user: Any, text: str = "", department: Department | None = None, limit: int = 50
) -> list[Evaluation]:
    """Evaluations across all departments, the best matches for ``text`` first."""
    evaluations = Evaluation.objects.filter(
        experiment__in=_visible(Experiment.objects.all(), user)
    ).select_related("experiment", "experiment__department", "experiment__area", "follow_up")
    if department is not None:
        evaluations = evaluations.filter(experiment__department=department)
    if text.strip():
        return similar_to(
            evaluations,
            text,
            title_field="findings",
            body_fields=("what_worked", "learning_questions", "recommendation_reason"),
            limit=limit,
        )
    return list(evaluations[:limit])


@dataclass(frozen=True)
class FollowUpOverview:
    overdue: list[Evaluation]
    not_used: list[Evaluation]


def follow_up_overview(*, today: date | None = None) -> FollowUpOverview:
    """For the secretariat: evaluations never followed up, and those whose learning was not used."""
    today = today or timezone.localdate()
    related = ("experiment", "experiment__department", "follow_up_responsible", "follow_up")
    overdue = (
        Evaluation.objects.filter(follow_up_due__lt=today, follow_up__isnull=True)
        .select_related(*related)
        .order_by("follow_up_due", "id")
    )
    not_used = (
        Evaluation.objects.filter(follow_up__was_used=FollowUp.Use.NO)
        .select_related(*related)
        .order_by("-follow_up__recorded_at", "-id")
    )
    return FollowUpOverview(overdue=list(overdue), not_used=list(not_used))


def experiments_for_linking() -> QuerySet[Experiment]:
    """Experiments that can be linked as practice evidence (those that have started)."""
    return (
        Experiment.objects.exclude(status=Status.PLANNED)
        .select_related("department")
        .order_by("title", "id")
    )


# For the secretariat's overview ---------------------------------------------------------


@dataclass(frozen=True)
class ExperimentCounts:
    per_status: dict[str, int]
    evaluations: int
    per_recommendation: dict[str, int]
    # Follow-ups: "yes", "partly", "no" (was the learning used?), "overdue", "pending".
    per_use: dict[str, int]


def experiment_counts(
    *,
    start: date,
    end: date,
    department: Department | None = None,
    area: Any = None,
    today: date,
) -> ExperimentCounts:
    """Experiments created between ``start`` and ``end`` per status; evaluations written in
    the period per recommendation and per follow-up (learning used or not, follow-up
    overdue or not yet due). Counts only, in two aggregate queries."""
    experiments = Experiment.objects.all()
    if department is not None:
        experiments = experiments.filter(department=department)
    if area is not None:
        experiments = experiments.filter(area=area)
    since, until = (
        timezone.make_aware(datetime.combine(day, time.min)) for day in (start, end + timedelta(1))
    )
    per_status = dict(
        experiments.filter(created_at__gte=since, created_at__lt=until)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    evaluations = Evaluation.objects.filter(
        experiment__in=experiments, created_at__gte=since, created_at__lt=until
    )
    no_follow_up = Q(follow_up__isnull=True)
    conditions = {
        **{f"rec_{value}": Q(recommendation=value) for value in Recommendation.values},
        **{f"use_{value}": Q(follow_up__was_used=value) for value in FollowUp.Use.values},
        "use_overdue": no_follow_up & Q(follow_up_due__lt=today),
        "use_pending": no_follow_up & Q(follow_up_due__gte=today),
    }
    figures = evaluations.aggregate(
        total=Count("pk"), **{key: Count("pk", filter=q) for key, q in conditions.items()}
    )
    return ExperimentCounts(
        per_status={value: per_status.get(value, 0) for value in Status.values},
        evaluations=figures["total"],
        per_recommendation={value: figures[f"rec_{value}"] for value in Recommendation.values},
        per_use={key[4:]: figures[key] for key in conditions if key.startswith("use_")},
    )


def visible_experiments(user: Any) -> QuerySet[Experiment]:
    """Every experiment ``user`` may follow (planned ones are internal)."""
    return _visible(Experiment.objects.select_related("department", "area"), user)
