"""Every read the learning views need, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import rules
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ExtractQuarter, ExtractYear

from samskab.accounts.models import User
from samskab.core.audit import audit_events_for
from samskab.core.models import AuditEvent, Department
from samskab.learning.models import (
    Action,
    Category,
    Comment,
    Kind,
    LearningReport,
    RelevanceMark,
    Severity,
    SharedLearning,
    Status,
    ZeroErrorArea,
)
from samskab.learning.permissions import coordinator_department_ids


def _report_queryset() -> QuerySet[LearningReport]:
    return LearningReport.objects.select_related(
        "department", "zero_error_area", "responsible", "reporter", "handled_by"
    )


def report_get(*, user: Any, pk: int) -> LearningReport | None:
    """The report with everything its page shows, or None when ``user`` may not see it."""
    report = (
        _report_queryset()
        .select_related("shared")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
        .filter(pk=pk)
        .first()
    )
    if report is None or not rules.has_perm("learning.view_report", user, report):
        return None
    return report


def inbox(*, user: Any) -> list[LearningReport]:
    """Reports for the departments ``user`` coordinates: open zero-error reports first
    (soonest deadline first), then the other open ones, then the rest."""
    departments = coordinator_department_ids(user)
    reports = list(
        _report_queryset()
        .filter(department_id__in=departments)
        .annotate(
            action_count=Count("actions"),
            open_action_count=Count("actions", filter=Q(actions__done_on__isnull=True)),
        )
    )

    def order(report: LearningReport) -> tuple[int, dt.date, int]:
        open_ = report.status == Status.RECEIVED
        rank = 0 if open_ and report.handle_by else 1 if open_ else 2
        return (rank, report.handle_by or dt.date.max, -report.pk)

    return sorted(reports, key=order)


def reports_by(*, user: User) -> list[LearningReport]:
    """The reports ``user`` sent with their name (anonymous ones cannot be found)."""
    return list(_report_queryset().filter(reporter=user, is_anonymous=False))


def reports_responsible_for(*, user: User) -> list[LearningReport]:
    """Zero-error reports that name ``user`` responsible (not the confidential ones)."""
    return list(
        _report_queryset().filter(responsible=user, is_confidential=False).exclude(reporter=user)
    )


def shared_list(
    *,
    user: Any,
    text: str = "",
    category: str = "",
    department: Department | None = None,
    relevant_only: bool = False,
) -> QuerySet[SharedLearning]:
    """Published learnings, newest first, with their counts and whether ``user`` marked them."""
    queryset = (
        SharedLearning.objects.filter(published_at__isnull=False)
        .select_related("report__department")
        .annotate(
            relevance_count=Count("relevance_marks", distinct=True),
            comment_count=Count("comments", distinct=True),
            marked=Exists(RelevanceMark.objects.filter(shared=OuterRef("pk"), user=user.pk))
            if getattr(user, "is_authenticated", False)
            else Value(False),
        )
    )
    if text:
        condition = Q()
        for word in text.split()[:8]:
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(learning_points__icontains=word)
                | Q(suggested_changes__icontains=word)
            )
        queryset = queryset.filter(condition)
    if category:
        queryset = queryset.filter(report__category=category)
    if department is not None:
        queryset = queryset.filter(report__department=department)
    if relevant_only:
        queryset = queryset.filter(marked=True)
    return queryset.order_by("-published_at", "-pk")


@dataclass
class SharedPage:
    shared: SharedLearning
    comments: list[Comment]
    actions: list[Action]
    relevant_departments: list[tuple[str, int]]
    relevance_count: int
    marked: bool


def shared_get(*, user: Any, pk: int) -> SharedPage | None:
    """A published learning with its comments, actions and "relevant for us" marks."""
    shared = (
        SharedLearning.objects.filter(pk=pk, published_at__isnull=False)
        .select_related("report__department", "report__zero_error_area")
        .first()
    )
    if shared is None or not rules.has_perm("learning.view_shared", user, shared):
        return None
    marks = list(shared.relevance_marks.select_related("department"))
    per_department: dict[str, int] = {}
    for mark in marks:
        name = mark.department.name if mark.department else ""
        per_department[name] = per_department.get(name, 0) + 1
    return SharedPage(
        shared=shared,
        comments=list(shared.comments.select_related("author")),
        actions=list(shared.report.actions.select_related("owner")),
        relevant_departments=sorted(per_department.items(), key=lambda item: (-item[1], item[0])),
        relevance_count=len(marks),
        marked=any(mark.user_id == user.pk for mark in marks),
    )


def shared_for_report(report: LearningReport) -> SharedLearning | None:
    try:
        return report.shared
    except SharedLearning.DoesNotExist:
        return None


def _action_queryset() -> QuerySet[Action]:
    return Action.objects.select_related("owner", "report__department", "report__shared").order_by(
        "due_on", "pk"
    )


def actions_owned(*, user: User) -> list[Action]:
    return list(_action_queryset().filter(owner=user))


def actions_overdue(*, user: Any, today: dt.date) -> list[Action]:
    """Open actions past their due date in the departments ``user`` coordinates."""
    return list(
        _action_queryset().filter(
            report__department_id__in=coordinator_department_ids(user),
            done_on__isnull=True,
            due_on__lt=today,
        )
    )


def actions_for_departments(*, user: Any) -> list[Action]:
    return list(
        _action_queryset().filter(report__department_id__in=coordinator_department_ids(user))
    )


def access_log(report: LearningReport) -> list[AuditEvent]:
    return list(audit_events_for(report))


def zero_error_areas(*, active_only: bool = True) -> list[ZeroErrorArea]:
    queryset = ZeroErrorArea.objects.select_related("department", "responsible")
    if active_only:
        queryset = queryset.filter(is_active=True)
    return list(queryset)


def coordinators_departments(user: Any) -> list[Department]:
    return list(Department.objects.filter(pk__in=coordinator_department_ids(user)))


def employees() -> QuerySet[User]:
    """Possible owners of actions."""
    return User.objects.filter(
        role__in=["employee", "manager", "secretariat", "administrator"],
        is_active=True,
        erased_at__isnull=True,
    ).order_by("name", "email")


# Trends ------------------------------------------------------------------------------


@dataclass
class Quarter:
    year: int
    quarter: int
    total: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    actions: int = 0
    actions_done: int = 0

    @property
    def label(self) -> str:
        return f"{self.year} K{self.quarter}"

    @property
    def done_percent(self) -> int | None:
        if not self.actions:
            return None
        return round(100 * self.actions_done / self.actions)


@dataclass
class Trends:
    quarters: list[Quarter]
    categories: list[tuple[str, str, list[int]]]
    severities: list[tuple[str, str, list[int]]]


def quarters_ending(today: dt.date, count: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _step in range(count):
        result.append((year, quarter))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return list(reversed(result))


def trends(*, department: Department | None, today: dt.date, count: int = 8) -> Trends:
    """Reports per quarter by category and severity, and the share of their actions done.

    Counts only: no text of any report is read, so the secretariat may see it.
    """
    keys = quarters_ending(today, count)
    first_year, first_quarter = keys[0]
    start = dt.date(first_year, 3 * (first_quarter - 1) + 1, 1)
    reports = LearningReport.objects.filter(submitted_on__gte=start)
    if department is not None:
        reports = reports.filter(department=department)
    periods = reports.annotate(
        year=ExtractYear("submitted_on"), quarter=ExtractQuarter("submitted_on")
    )
    quarters = {key: Quarter(year=key[0], quarter=key[1]) for key in keys}

    def rows(*fields: str) -> Iterable[dict[str, Any]]:
        return periods.values("year", "quarter", *fields).annotate(n=Count("pk")).order_by()

    for row in rows("category"):
        found = quarters.get((row["year"], row["quarter"]))
        if found:
            found.by_category[row["category"]] = row["n"]
            found.total += row["n"]
    for row in rows("severity"):
        found = quarters.get((row["year"], row["quarter"]))
        if found:
            found.by_severity[row["severity"]] = row["n"]
    action_rows = (
        periods.values("year", "quarter")
        .annotate(
            action_total=Count("actions"),
            action_done=Count("actions", filter=Q(actions__done_on__isnull=False)),
        )
        .order_by()
    )
    for row in action_rows:
        found = quarters.get((row["year"], row["quarter"]))
        if found:
            found.actions, found.actions_done = row["action_total"], row["action_done"]
    ordered = [quarters[key] for key in keys]
    return Trends(
        quarters=ordered,
        categories=[
            (value, str(label), [q.by_category.get(value, 0) for q in ordered])
            for value, label in Category.choices
        ],
        severities=[
            (value, str(label), [q.by_severity.get(value, 0) for q in ordered])
            for value, label in Severity.choices
        ],
    )


# For the secretariat's overview ---------------------------------------------------------


@dataclass(frozen=True)
class LearningCounts:
    """Counts only: nothing of a report's text, and nothing about who reported it."""

    reports: int
    per_kind: dict[str, int]
    per_status: dict[str, int]
    confidential: int
    zero_error: int
    actions: int
    actions_done: int
    actions_overdue: int


def learning_counts(
    *, start: dt.date, end: dt.date, department: Department | None = None, today: dt.date
) -> LearningCounts:
    """Learning reports submitted between ``start`` and ``end`` per kind and status, and
    their actions (done, overdue). Two aggregate queries; confidential reports are counted
    like the others and never shown."""
    reports = LearningReport.objects.filter(submitted_on__gte=start, submitted_on__lte=end)
    if department is not None:
        reports = reports.filter(department=department)
    conditions = {
        **{f"kind_{value}": Q(kind=value) for value in Kind.values},
        **{f"status_{value}": Q(status=value) for value in Status.values},
        "confidential": Q(is_confidential=True),
        "zero_error": Q(zero_error_area__isnull=False),
    }
    figures = reports.aggregate(
        total=Count("pk"), **{key: Count("pk", filter=q) for key, q in conditions.items()}
    )
    actions = Action.objects.filter(report__in=reports).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False)),
        overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    return LearningCounts(
        reports=figures["total"],
        per_kind={value: figures[f"kind_{value}"] for value in Kind.values},
        per_status={value: figures[f"status_{value}"] for value in Status.values},
        confidential=figures["confidential"],
        zero_error=figures["zero_error"],
        actions=actions["total"],
        actions_done=actions["done"],
        actions_overdue=actions["overdue"],
    )


def shared_for_highlights() -> QuerySet[SharedLearning]:
    """Published (de-identified) learnings that the secretariat may pick as highlights."""
    return SharedLearning.objects.filter(published_at__isnull=False).order_by("-published_at")
