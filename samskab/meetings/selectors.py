"""Every read of meetings, networks and local plans that a view, task or another app needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.permissions import ROLE_INCLUDES, is_secretariat
from samskab.budgets.selectors import proposals_in_area, proposals_supporting
from samskab.core.models import Area
from samskab.experiments.selectors import experiment_list
from samskab.ideas.selectors import idea_list, visible_ideas
from samskab.meetings.models import (
    Action,
    Goal,
    Kind,
    LocalPlan,
    Meeting,
    MeetingDecision,
    MeetingIdea,
    Membership,
    Network,
    PlanChange,
    Registration,
)

AREA_ITEMS = 10


def _visible(queryset: QuerySet[Any], user: Any, owner_field: str) -> QuerySet[Any]:
    """Published rows, plus drafts for their owner and the secretariat (the view_* rules)."""
    if is_secretariat(user):
        return queryset
    condition = Q(is_published=True)
    if getattr(user, "is_authenticated", False):
        condition |= Q(**{owner_field: user})
    return queryset.filter(condition)


def _with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("area", "network").annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def meeting_list(
    *, user: Any, kind: str = "", area: Area | None = None, past: bool = False
) -> QuerySet[Meeting]:
    """Upcoming meetings (or past ones, newest first) the user may see, with place counts."""
    now = timezone.now()
    meetings = _visible(Meeting.objects.all(), user, "organiser")
    if kind:
        meetings = meetings.filter(kind=kind)
    if area is not None:
        meetings = meetings.filter(area=area)
    if past:
        return _with_counts(meetings.filter(ends_at__lt=now)).order_by("-starts_at", "-id")
    return _with_counts(meetings.filter(ends_at__gte=now)).order_by("starts_at", "id")


def meeting_get(*, user: Any, pk: int) -> Meeting | None:
    """The meeting with everything its page shows, or None when the user may not see it."""
    meeting = (
        _with_counts(Meeting.objects.filter(pk=pk))
        .select_related("organiser")
        .prefetch_related(
            Prefetch("meeting_ideas", queryset=MeetingIdea.objects.select_related("idea")),
            Prefetch(
                "decisions", queryset=MeetingDecision.objects.select_related("idea", "recorded_by")
            ),
        )
        .first()
    )
    if meeting is None or not user.has_perm("meetings.see_meeting", meeting):
        return None
    return meeting


def meeting_for_update(*, pk: int) -> Meeting | None:
    return Meeting.objects.filter(pk=pk).select_related("organiser").first()


def registration_of(*, meeting: Meeting, user: Any) -> Registration | None:
    """The user's current registration (a place or the waiting list), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(meeting=meeting, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def waiting_position(registration: Registration) -> int:
    """1 for the first on the waiting list."""
    return (
        Registration.objects.filter(
            meeting_id=registration.meeting_id,
            status=Registration.Status.WAITING,
        )
        .filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, id__lt=registration.pk)
        )
        .count()
        + 1
    )


@dataclass(frozen=True)
class Participants:
    registered: list[Registration]
    waiting: list[Registration]
    cancelled: list[Registration]


def participants_of(meeting: Meeting) -> Participants:
    rows = list(meeting.registrations.select_related("user").order_by("registered_at", "id"))
    return Participants(
        registered=[r for r in rows if r.status == Registration.Status.REGISTERED],
        waiting=[r for r in rows if r.status == Registration.Status.WAITING],
        cancelled=[r for r in rows if r.status == Registration.Status.CANCELLED],
    )


def meeting_ideas_visible(*, meeting: Meeting, user: Any) -> QuerySet[Any]:
    """The ideas from the meeting that the user may see (internal and hidden ones not)."""
    linked = MeetingIdea.objects.filter(meeting=meeting).values("idea_id")
    return visible_ideas(user).filter(pk__in=linked).select_related("area", "theme")


def my_meetings(user: Any) -> list[Registration]:
    """The user's upcoming places and waiting-list entries."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Registration.objects.filter(user=user, meeting__ends_at__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


def organisers() -> QuerySet[User]:
    """The people who may organise meetings and be a plan's municipal contact."""
    return User.objects.filter(role__in=ROLE_INCLUDES[Role.EMPLOYEE], is_active=True).order_by(
        "name"
    )


# --- networks --------------------------------------------------------------------------


def network_list(*, user: Any) -> QuerySet[Network]:
    return (
        _visible(Network.objects.all(), user, "created_by")
        .select_related("area")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "id")
    )


def network_get(*, user: Any, pk: int) -> Network | None:
    network = (
        Network.objects.filter(pk=pk)
        .select_related("area", "created_by")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
        )
        .first()
    )
    if network is None or not user.has_perm("meetings.see_network", network):
        return None
    return network


def network_meetings(*, network: Network, user: Any) -> list[Meeting]:
    meetings = _visible(Meeting.objects.filter(network=network), user, "organiser")
    return list(_with_counts(meetings).order_by("-starts_at", "-id"))


def network_ideas(*, network: Network, user: Any) -> list[Any]:
    linked = network.ideas.values("pk")
    return list(visible_ideas(user).filter(pk__in=linked).select_related("area", "theme"))


def network_experiments(*, network: Network, user: Any) -> list[Any]:
    linked = network.experiments.values("pk")
    return list(experiment_list(user=user).filter(pk__in=linked))


def is_member(*, network: Network, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(membership.user_id == user.pk for membership in network.memberships.all())


def ideas_for_linking(user: Any) -> QuerySet[Any]:
    return visible_ideas(user).order_by("title", "id")


# --- local plans --------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    area: Area
    plan: LocalPlan | None


def area_list(*, user: Any) -> list[AreaRow]:
    """The local areas (not the municipality as a whole), each with its plan if the user
    may see it."""
    plans = {
        plan.area_id: plan
        for plan in _visible(LocalPlan.objects.all(), user, "contact").annotate(
            action_count=Count("actions")
        )
    }
    areas = Area.objects.exclude(kind=Area.Kind.MUNICIPALITY).order_by("name")
    return [AreaRow(area=area, plan=plans.get(area.pk)) for area in areas]


def area_get(slug: str) -> Area | None:
    return Area.objects.filter(slug=slug).exclude(kind=Area.Kind.MUNICIPALITY).first()


def plan_of(*, area: Area, user: Any) -> LocalPlan | None:
    """The area's plan with its goals and actions, or None when there is none the user
    may see."""
    plan = (
        LocalPlan.objects.filter(area=area)
        .select_related("contact", "organisation")
        .prefetch_related("goals", "actions")
        .first()
    )
    if plan is None or not user.has_perm("meetings.view_plan", plan):
        return None
    return plan


@dataclass(frozen=True)
class GoalRow:
    """A plan goal with what it has produced: the ideas and budget proposals (with their
    projects) that support it, as far as the user may see them."""

    goal: Goal
    ideas: list[Any]
    proposals: list[Any]


def goal_rows(*, plan: LocalPlan, user: Any) -> list[GoalRow]:
    goals = list(plan.goals.all())
    ids = [goal.pk for goal in goals]
    ideas: dict[int | None, list[Any]] = {pk: [] for pk in ids}
    for idea in visible_ideas(user).filter(plan_goal_id__in=ids).order_by("-submitted_at"):
        ideas[idea.plan_goal_id].append(idea)
    proposals: dict[int | None, list[Any]] = {pk: [] for pk in ids}
    for proposal in proposals_supporting(ids, user):
        proposals[proposal.plan_goal_id].append(proposal)
    return [GoalRow(goal, ideas[goal.pk], proposals[goal.pk]) for goal in goals]


def plan_for_update(*, area: Area) -> LocalPlan | None:
    return LocalPlan.objects.filter(area=area).select_related("contact", "organisation").first()


def action_get(*, pk: int) -> Action | None:
    return Action.objects.filter(pk=pk).select_related("plan", "plan__area").first()


def goal_get(*, pk: int) -> Goal | None:
    return Goal.objects.filter(pk=pk).select_related("plan", "plan__area").first()


def plan_change_get(*, plan: LocalPlan, pk: int) -> PlanChange | None:
    return (
        PlanChange.objects.filter(plan=plan, pk=pk)
        .select_related("goal", "action", "submitted_by")
        .first()
    )


def plan_changes(*, plan: LocalPlan, limit: int = 50) -> tuple[list[PlanChange], list[PlanChange]]:
    """The plan's changes awaiting approval (oldest first), and its answered changes
    (newest first, at most ``limit``): the plan's history of who changed what, and when."""
    changes = PlanChange.objects.filter(plan=plan).select_related(
        "goal", "action", "submitted_by", "decided_by"
    )
    waiting = list(changes.filter(status=PlanChange.Status.SUBMITTED).order_by("submitted_at"))
    answered = list(changes.exclude(status=PlanChange.Status.SUBMITTED)[:limit])
    return waiting, answered


def plans_of_organisation(*, organisation: Any, user: Any) -> list[LocalPlan]:
    """The local development plans an organisation (a local council) co-owns, as far as the
    user may see them."""
    plans = LocalPlan.objects.filter(organisation=organisation).select_related("area")
    return [plan for plan in plans if user.has_perm("meetings.view_plan", plan)]


def plans_awaiting_approval(*, user: Any) -> list[LocalPlan]:
    """The plans with changes that ``user`` may publish (as the plan's contact, or as the
    secretariat), each with ``waiting`` (how many changes await approval): their queue."""
    if not getattr(user, "is_authenticated", False):
        return []
    plans = (
        LocalPlan.objects.all() if is_secretariat(user) else LocalPlan.objects.filter(contact=user)
    )
    return list(
        plans.select_related("area")
        .annotate(waiting=Count("changes", filter=Q(changes__status=PlanChange.Status.SUBMITTED)))
        .filter(waiting__gt=0)
        .order_by("area__name")
    )


def plan_waiting_count(*, plan: LocalPlan) -> int:
    return PlanChange.objects.filter(plan=plan, status=PlanChange.Status.SUBMITTED).count()


def plan_waiting_targets(*, plan: LocalPlan) -> tuple[set[int], set[int]]:
    """The ids of the goals and of the actions with a change awaiting approval."""
    rows = PlanChange.objects.filter(plan=plan, status=PlanChange.Status.SUBMITTED).values_list(
        "goal_id", "action_id"
    )
    goals = {goal_id for goal_id, _action_id in rows if goal_id is not None}
    actions = {action_id for _goal_id, action_id in rows if action_id is not None}
    return goals, actions


@dataclass
class AreaActivity:
    ideas: list[Any] = field(default_factory=list)
    proposals: list[Any] = field(default_factory=list)
    experiments: list[Any] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


def area_activity(*, area: Area, user: Any) -> AreaActivity:
    """Everything happening in the area that the user may see, through each app's
    selectors."""
    return AreaActivity(
        ideas=list(idea_list(user=user, area=area)[:AREA_ITEMS]),
        proposals=proposals_in_area(area, user)[:AREA_ITEMS],
        experiments=list(experiment_list(user=user, area=area)[:AREA_ITEMS]),
        meetings=list(meeting_list(user=user, area=area)[:AREA_ITEMS]),
    )


@dataclass(frozen=True)
class Place:
    """A point on an area's map; the page lists the same points as text."""

    label: str
    kind: str
    latitude: float
    longitude: float


def places_of(*, area: Area, plan: LocalPlan | None, proposals: list[Any]) -> list[Place]:
    places: list[Place] = []
    if area.latitude is not None and area.longitude is not None:
        places.append(Place(area.name, "area", float(area.latitude), float(area.longitude)))
    for action in plan.actions.all() if plan is not None else []:
        if action.latitude is not None and action.longitude is not None:
            places.append(
                Place(action.title, "action", float(action.latitude), float(action.longitude))
            )
    for proposal in proposals:
        if proposal.latitude is not None and proposal.longitude is not None:
            places.append(
                Place(
                    proposal.title, "proposal", float(proposal.latitude), float(proposal.longitude)
                )
            )
    return places


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    """Every meeting, past or upcoming, that ``user`` may see."""
    return _visible(Meeting.objects.select_related("area"), user, "organiser")


def visible_plans(user: Any) -> QuerySet[LocalPlan]:
    """Every local development plan ``user`` may see."""
    return _visible(LocalPlan.objects.select_related("area"), user, "contact")


def workshops_for_ideas() -> QuerySet[Meeting]:
    """Published workshops and idea meetings that have not started: where an idea can be
    sent to be developed further."""
    return Meeting.objects.filter(
        is_published=True,
        starts_at__gt=timezone.now(),
        kind__in=[Kind.WORKSHOP, Kind.IDEA_MEETING],
    ).order_by("starts_at", "id")
