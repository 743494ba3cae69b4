"""Local areas and their development plans, with everything happening in each area."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.forms import form_add_errors
from samskab.core.maps import allow_tiles, tile_url
from samskab.core.models import Area
from samskab.engagement.selectors import engagement_panel
from samskab.meetings import selectors, services, services_plans
from samskab.meetings.forms import ActionForm, ActionStatusForm, GoalForm, PlanForm
from samskab.meetings.models import LocalPlan
from samskab.meetings.views import actor, require
from samskab.meetings.views_plans import area_or_404, plan_to_work_on, submit


def _plan_page(
    request: HttpRequest,
    area: Area,
    plan: LocalPlan | None,
    *,
    form: PlanForm | None = None,
    goal_form: GoalForm | None = None,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    """The plan's edit page: the plan's form (for those who may change the plan), its goals
    and actions with links to change or close them, and forms for a new goal and action."""
    user = request.user
    response = render(
        request,
        "meetings/plan_form.html",
        {
            "form": form or PlanForm(instance=plan),
            "area": area,
            "plan": plan,
            "can_change": plan is None or user.has_perm("meetings.change_plan", plan),
            "waiting": (
                selectors.plan_waiting_targets(plan=plan) if plan is not None else (set(), set())
            ),
            "waiting_count": selectors.plan_waiting_count(plan=plan) if plan is not None else 0,
            "goal_form": goal_form or GoalForm(),
            "action_form": action_form or ActionForm(),
            "tile_url": tile_url(),
        },
    )
    return allow_tiles(response)


@require_GET
def area_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.area_list(user=request.user)
    places = [
        selectors.Place(row.area.name, "area", float(row.area.latitude), float(row.area.longitude))
        for row in rows
        if row.area.latitude is not None and row.area.longitude is not None
    ]
    response = render(
        request,
        "meetings/areas.html",
        {
            "rows": rows,
            "places": [asdict(place) for place in places],
            "tile_url": tile_url(),
            "awaiting": selectors.plans_awaiting_approval(user=request.user),
        },
    )
    return allow_tiles(response)


@require_GET
def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = area_or_404(slug)
    user = request.user
    plan = selectors.plan_of(area=area, user=user)
    activity = selectors.area_activity(area=area, user=user)
    places = selectors.places_of(area=area, plan=plan, proposals=activity.proposals)
    area_url = reverse("areas:detail", args=[area.slug])
    response = render(
        request,
        "meetings/area.html",
        {
            "area": area,
            "plan": plan,
            "activity": activity,
            "places": [asdict(place) for place in places],
            "tile_url": tile_url(),
            "can_change": plan is not None and user.has_perm("meetings.change_plan", plan),
            "can_propose": plan is not None and user.has_perm("meetings.propose_plan_change", plan),
            "waiting_count": (
                selectors.plan_waiting_count(plan=plan)
                if plan is not None and user.has_perm("meetings.propose_plan_change", plan)
                else 0
            ),
            "can_add_plan": plan is None and user.has_perm("meetings.add_plan"),
            "status_form": ActionStatusForm(),
            "goal_rows": selectors.goal_rows(plan=plan, user=user) if plan is not None else [],
            "engagement": (
                engagement_panel(target=plan, user=user, next_url=area_url)
                if plan is not None and plan.is_published
                else None
            ),
        },
    )
    return allow_tiles(response)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's work page. The contact and the secretariat edit the plan itself; the local
    council's members see only the goal and action forms (their changes await approval)."""
    area = area_or_404(slug)
    plan = selectors.plan_for_update(area=area)
    user = request.user
    if plan is None:
        require(request, "meetings.add_plan", None)
    elif not user.has_perm("meetings.propose_plan_change", plan):
        if not user.has_perm("meetings.view_plan", plan):
            raise Http404
        raise PermissionDenied
    can_change = plan is None or user.has_perm("meetings.change_plan", plan)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(area=area, actor=actor(request), data=form.data_for_service())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The local development plan has been saved."))
            return redirect("areas:detail", slug=area.slug)
    return _plan_page(request, area, plan, form=form)


@login_required
@require_POST
def goal_add(request: HttpRequest, slug: str) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    form = GoalForm(request.POST)
    if form.is_valid() and submit(request, plan, form, subject="goal", operation="add"):
        return redirect("areas:edit", slug=area.slug)
    return _plan_page(request, area, plan, goal_form=form)


@login_required
@require_POST
def action_add(request: HttpRequest, slug: str) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    form = ActionForm(request.POST)
    if form.is_valid() and submit(request, plan, form, subject="action", operation="add"):
        return redirect("areas:edit", slug=area.slug)
    return _plan_page(request, area, plan, action_form=form)


@login_required
@require_POST
def action_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The status of an action, from the plan's page: the contact changes it at once; a
    council member's change awaits approval like any other change to the action."""
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    action = selectors.action_get(pk=pk)
    if action is None or action.plan_id != plan.pk:
        raise Http404
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
    elif request.user.has_perm("meetings.publish_plan_change", plan):
        services.plan_action_status_set(
            action=action, actor=actor(request), status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status has been changed."))
    else:
        data = {name: getattr(action, name) for name in services_plans.ACTION_FIELDS}
        data["status"] = form.cleaned_data["status"]
        try:
            services_plans.plan_change_submit(
                plan=plan,
                actor=actor(request),
                subject="action",
                operation="edit",
                data=data,
                action=action,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The new status has been sent to the municipal contact for approval.")
            )
    return redirect("areas:detail", slug=area.slug)
