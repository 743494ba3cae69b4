"""Every read of ideas that a view, task or report needs, without N+1 queries."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.permissions import ROLE_INCLUDES, is_employee, is_secretariat
from samskab.core.search import significant_words, similar_to
from samskab.engagement.selectors import with_engagement_counts
from samskab.ideas.models import (
    HANDLING_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Decision,
    Event,
    Idea,
    Meeting,
    Milestone,
    Realisation,
    Score,
    Status,
    Theme,
)


def visible_ideas(user: Any) -> QuerySet[Idea]:
    """The ideas ``user`` may see: internal ones only for employees, hidden ones only for
    their author and the secretariat. Must match ``permissions.can_view_idea``."""
    ideas = Idea.objects.all()
    if is_secretariat(user):
        return ideas
    condition = Q(is_hidden=False)
    if not is_employee(user):
        condition &= Q(is_internal=False)
    if getattr(user, "is_authenticated", False):
        condition |= Q(author=user)
    return ideas.filter(condition)


def _list_query(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return ideas.select_related("area", "department", "theme")


def idea_list(
    *,
    user: Any,
    text: str = "",
    status: str = "",
    area: Any = None,
    department: Any = None,
    theme: Any = None,
) -> QuerySet[Idea]:
    """The idea bank: visible ideas (merged ones left out unless asked for), newest first,
    with support and comment counts."""
    ideas = visible_ideas(user)
    # Merged ideas are left out unless asked for by status.
    ideas = ideas.filter(status=status) if status else ideas.exclude(status=Status.MERGED)
    if area is not None:
        ideas = ideas.filter(area=area)
    if department is not None:
        ideas = ideas.filter(department=department)
    if theme is not None:
        ideas = ideas.filter(theme=theme)
    for word in significant_words(text):
        ideas = ideas.filter(
            Q(title__icontains=word) | Q(problem__icontains=word) | Q(description__icontains=word)
        )
    return with_engagement_counts(_list_query(ideas)).order_by("-submitted_at", "-id")


def ideas_by_author(user: User) -> QuerySet[Idea]:
    return _list_query(Idea.objects.filter(author=user)).order_by("-submitted_at", "-id")


def idea_get(*, user: Any, pk: int) -> Idea | None:
    """One idea with everything its page shows, or None when the user may not see it."""
    idea = (
        Idea.objects.filter(pk=pk)
        .select_related(
            "area",
            "department",
            "theme",
            "author",
            "responsible",
            "merged_into",
            "assessment",
            "workshop__meeting",
        )
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
            Prefetch("events", queryset=Event.objects.select_related("actor")),
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
            Prefetch("assessment__scores", queryset=Score.objects.order_by("id")),
        )
        .first()
    )
    if idea is None or not user.has_perm("ideas.see_idea", idea):
        return None
    return idea


def similar_ideas(
    *, user: Any, text: str, exclude: int | None = None, limit: int = 5
) -> list[Idea]:
    """Ideas the user may see that resemble ``text`` (full-text and trigram on PostgreSQL)."""
    ideas = visible_ideas(user).exclude(status=Status.MERGED).select_related("theme", "area")
    if exclude is not None:
        ideas = ideas.exclude(pk=exclude)
    return similar_to(
        ideas, text, title_field="title", body_fields=("problem", "description"), limit=limit
    )


def managers() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=ROLE_INCLUDES[Role.MANAGER]).exclude(
        role=Role.ADMINISTRATOR
    )


def employees() -> QuerySet[User]:
    """Active employees (and higher roles) who can be responsible for a realisation."""
    return User.objects.filter(is_active=True, role__in=ROLE_INCLUDES[Role.EMPLOYEE]).exclude(
        role=Role.ADMINISTRATOR
    )


def realisation_for(idea: Idea) -> Realisation | None:
    """The idea's realisation with its milestones, or None."""
    return (
        Realisation.objects.filter(idea=idea)
        .select_related("responsible")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "id"))
        )
        .first()
    )


def open_realisations() -> QuerySet[Realisation]:
    """Realisations not yet done, the earliest due first (the overdue ones at the top)."""
    return (
        Realisation.objects.exclude(state=Realisation.State.DONE)
        .select_related("idea", "responsible")
        .annotate(
            milestone_count=Count("milestones"),
            reached_count=Count("milestones", filter=Q(milestones__done_at__isnull=False)),
        )
        .order_by("due_date", "id")
    )


def manager_queue(user: User) -> QuerySet[Idea]:
    """Ideas the manager is responsible for that need their assessment or decision."""
    return (
        _list_query(Idea.objects.filter(responsible=user, status__in=HANDLING_STATUSES))
        .select_related("responsible")
        .order_by("deadline", "id")
    )


def manager_parked(user: User) -> QuerySet[Idea]:
    return _list_query(Idea.objects.filter(responsible=user, status=Status.PARKED)).order_by(
        "parked_until", "id"
    )


def screening_queue() -> QuerySet[Idea]:
    return (
        _list_query(Idea.objects.filter(status=Status.SUBMITTED))
        .select_related("responsible")
        .order_by("deadline", "id")
    )


def overdue_ideas(today: date | None = None) -> QuerySet[Idea]:
    today = today or timezone.localdate()
    return (
        _list_query(Idea.objects.filter(status__in=OPEN_STATUSES, deadline__lt=today))
        .select_related("responsible")
        .order_by("deadline", "id")
    )


def merge_candidates(idea: Idea) -> list[Idea]:
    """Ideas that ``idea`` may duplicate, most similar first."""
    ideas = Idea.objects.exclude(status=Status.MERGED).exclude(pk=idea.pk)
    if not idea.is_internal:
        ideas = ideas.filter(is_internal=False)
    return similar_to(
        ideas,
        f"{idea.title} {idea.problem} {idea.description}",
        title_field="title",
        body_fields=("problem", "description"),
        limit=8,
    )


def awaiting_decision() -> QuerySet[Idea]:
    return _list_query(Idea.objects.filter(status=Status.AWAITING_DECISION)).order_by(
        "deadline", "id"
    )


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related("ideas")


def meeting_get(pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "ideas",
                queryset=_list_query(Idea.objects.all())
                .select_related("responsible", "assessment")
                .order_by("deadline", "id"),
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("idea")),
        )
        .first()
    )


def agenda_candidates(meeting: Meeting) -> QuerySet[Idea]:
    """Ideas that can be put on the agenda: those awaiting a decision, and those on it."""
    return _list_query(
        Idea.objects.filter(Q(status__in=HANDLING_STATUSES) | Q(meetings=meeting)).distinct()
    ).order_by("deadline", "id")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.all()


@dataclass
class FigureRow:
    name: str
    total: int = 0
    open: int = 0
    decided: int = 0
    within_deadline: int = 0
    days: list[float] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def share_within_deadline(self) -> float | None:
        return self.within_deadline / self.decided if self.decided else None


@dataclass
class Figures:
    per_status: list[tuple[str, str, int]]
    overall: FigureRow
    per_department: list[FigureRow]
    per_area: list[FigureRow]

    @property
    def max_status_count(self) -> int:
        return max((count for _value, _label, count in self.per_status), default=0)


def idea_figures() -> Figures:
    """Ideas per status; median days from submission to decision (or direct answer); the
    share decided within the step's deadline; the same per department and per area.
    One query; merged ideas count only under their status."""
    rows = Idea.objects.values_list(
        "status",
        "department__name",
        "area__name",
        "submitted_at",
        "decided_at",
        "decided_within_deadline",
    )
    counts: dict[str, int] = defaultdict(int)
    overall = FigureRow(name="")
    departments: dict[str, FigureRow] = {}
    areas: dict[str, FigureRow] = {}
    for status, department, area, submitted_at, decided_at, within in rows:
        counts[status] += 1
        if status == Status.MERGED:
            continue
        targets = [
            overall,
            departments.setdefault(department or "", FigureRow(name=department or "")),
            areas.setdefault(area, FigureRow(name=area)),
        ]
        for row in targets:
            row.total += 1
            if status in OPEN_STATUSES:
                row.open += 1
            if decided_at is not None:
                row.decided += 1
                row.within_deadline += 1 if within else 0
                row.days.append((decided_at - submitted_at).total_seconds() / 86400)
    return Figures(
        per_status=[(value, str(label), counts[value]) for value, label in Status.choices],
        overall=overall,
        per_department=sorted(departments.values(), key=lambda row: (row.name == "", row.name)),
        per_area=sorted(areas.values(), key=lambda row: row.name),
    )


# For the secretariat's overview ---------------------------------------------------------

# The deadline states an idea can be in, for the overview's figures and the lists behind them.
DEADLINE_STATES = ("decided_in_time", "decided_late", "open_in_time", "open_overdue")


def _ideas_submitted_between(
    *, start: date, end: date, department: Any = None, area: Any = None
) -> QuerySet[Idea]:
    # Datetime bounds rather than __date, so that the index on submitted_at is used.
    since, until = (
        timezone.make_aware(datetime.combine(day, time.min)) for day in (start, end + timedelta(1))
    )
    ideas = Idea.objects.filter(submitted_at__gte=since, submitted_at__lt=until)
    if department is not None:
        ideas = ideas.filter(department=department)
    if area is not None:
        ideas = ideas.filter(area=area)
    return ideas


def _deadline_conditions(today: date) -> dict[str, Q]:
    open_ = Q(status__in=OPEN_STATUSES)
    return {
        "decided_in_time": Q(decided_at__isnull=False, decided_within_deadline=True),
        "decided_late": Q(decided_at__isnull=False) & ~Q(decided_within_deadline=True),
        "open_in_time": open_ & (Q(deadline__isnull=True) | Q(deadline__gte=today)),
        "open_overdue": open_ & Q(deadline__lt=today),
    }


@dataclass(frozen=True)
class IdeaFunnel:
    per_status: dict[str, int]
    per_deadline_state: dict[str, int]
    average_days_to_decision: float | None

    @property
    def total(self) -> int:
        return sum(self.per_status.values())


def idea_funnel(
    *, start: date, end: date, department: Any = None, area: Any = None, today: date
) -> IdeaFunnel:
    """Ideas submitted between ``start`` and ``end`` (both included): how many are in each
    status, how many were decided (or answered) within or after the step's deadline, how many
    open ones are overdue, and the average days to a decision. Two aggregate queries."""
    ideas = _ideas_submitted_between(start=start, end=end, department=department, area=area)
    per_status = dict(
        ideas.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    duration = ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())
    figures = ideas.aggregate(
        average=Avg(duration, filter=Q(decided_at__isnull=False)),
        **{
            state: Count("pk", filter=condition)
            for state, condition in _deadline_conditions(today).items()
        },
    )
    average = figures.pop("average")
    return IdeaFunnel(
        per_status={value: per_status.get(value, 0) for value in Status.values},
        per_deadline_state=figures,
        average_days_to_decision=average.total_seconds() / 86400 if average is not None else None,
    )


def ideas_submitted_between(
    *,
    start: date,
    end: date,
    department: Any = None,
    area: Any = None,
    statuses: Sequence[str] = (),
    deadline_state: str = "",
    today: date,
) -> QuerySet[Idea]:
    """The list behind a figure of :func:`idea_funnel`: the same ideas, the same conditions
    (``statuses``: any of these; empty for every status)."""
    ideas = _ideas_submitted_between(start=start, end=end, department=department, area=area)
    if statuses:
        ideas = ideas.filter(status__in=statuses)
    if deadline_state in DEADLINE_STATES:
        ideas = ideas.filter(_deadline_conditions(today)[deadline_state])
    return _list_query(ideas).select_related("responsible").order_by("-submitted_at", "-id")


def public_ideas() -> QuerySet[Idea]:
    """Ideas everyone may see (not internal, not hidden, not merged), for open data."""
    return _list_query(visible_ideas(AnonymousUser()).exclude(status=Status.MERGED)).order_by(
        "-submitted_at", "-id"
    )


def latest_answers(user: Any, limit: int = 5) -> list[Decision]:
    """The newest decisions on ideas ``user`` may see, for the home page."""
    return list(
        Decision.objects.filter(idea__in=visible_ideas(user))
        .select_related("idea")
        .order_by("-decided_at", "-id")[:limit]
    )
