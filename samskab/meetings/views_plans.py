"""The local council and the municipal contact work on a plan's goals and actions together:
proposing new, changed and closed goals and actions, and the contact's queue of changes to
publish or send back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.forms import form_add_errors
from samskab.core.models import Area
from samskab.meetings import selectors, services_plans
from samskab.meetings.forms import ActionForm, CloseForm, GoalEditForm, ReturnForm
from samskab.meetings.models import Action, Goal, LocalPlan, PlanChange
from samskab.meetings.views import actor, require


def area_or_404(slug: str) -> Area:
    area = selectors.area_get(slug)
    if area is None:
        raise Http404
    return area


def plan_to_work_on(request: HttpRequest, area: Area) -> LocalPlan:
    """The area's plan, if the user may propose changes to it (404 if they may not see it,
    403 if they may only read it)."""
    plan = selectors.plan_for_update(area=area)
    if plan is None or not request.user.has_perm("meetings.view_plan", plan):
        raise Http404
    require(request, "meetings.propose_plan_change", plan)
    return plan


def submit(
    request: HttpRequest,
    plan: LocalPlan,
    form: Any,
    *,
    subject: str,
    operation: str,
    goal: Goal | None = None,
    action: Action | None = None,
) -> PlanChange | None:
    """Submit the form's change (published at once for those who publish); None with the
    errors on the form when the change is refused."""
    try:
        change = services_plans.plan_change_submit(
            plan=plan,
            actor=actor(request),
            subject=subject,
            operation=operation,
            data=form.cleaned_data,
            goal=goal,
            action=action,
            publish=request.user.has_perm("meetings.publish_plan_change", plan),
        )
    except ValidationError as error:
        form_add_errors(form, error)
        return None
    if change.status == PlanChange.Status.PUBLISHED:
        messages.success(request, _("The change has been published."))
    else:
        messages.success(
            request,
            _(
                "The change has been sent to the municipal contact. The public sees it when "
                "it has been published."
            ),
        )
    return change


def _goal_of(plan: LocalPlan, pk: int) -> Goal:
    goal = selectors.goal_get(pk=pk)
    if goal is None or goal.plan_id != plan.pk:
        raise Http404
    return goal


def _action_of(plan: LocalPlan, pk: int) -> Action:
    action = selectors.action_get(pk=pk)
    if action is None or action.plan_id != plan.pk:
        raise Http404
    return action


def _target_page(
    request: HttpRequest, area: Area, plan: LocalPlan, *, heading: str, form: Any, target: Any
) -> HttpResponse:
    return render(
        request,
        "meetings/plan_target_form.html",
        {"area": area, "plan": plan, "heading": heading, "form": form, "target": target},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    goal = _goal_of(plan, pk)
    form = GoalEditForm(request.POST or None, initial={"text": goal.text})
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(request, plan, form, subject="goal", operation="edit", goal=goal)
    ):
        return redirect("areas:edit", slug=area.slug)
    return _target_page(request, area, plan, heading=_("Change the goal"), form=form, target=goal)


@login_required
@require_http_methods(["GET", "POST"])
def goal_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    goal = _goal_of(plan, pk)
    form = CloseForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(request, plan, form, subject="goal", operation="close", goal=goal)
    ):
        return redirect("areas:edit", slug=area.slug)
    return _target_page(request, area, plan, heading=_("Close the goal"), form=form, target=goal)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    action = _action_of(plan, pk)
    form = ActionForm(request.POST or None, instance=action if request.method == "GET" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(request, plan, form, subject="action", operation="edit", action=action)
    ):
        return redirect("areas:edit", slug=area.slug)
    return _target_page(
        request, area, plan, heading=_("Change the action"), form=form, target=action
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    action = _action_of(plan, pk)
    form = CloseForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(request, plan, form, subject="action", operation="close", action=action)
    ):
        return redirect("areas:edit", slug=area.slug)
    return _target_page(
        request, area, plan, heading=_("Close the action"), form=form, target=action
    )


def _changes_page(
    request: HttpRequest,
    area: Area,
    plan: LocalPlan,
    *,
    return_form: ReturnForm | None = None,
    failed: int | None = None,
) -> HttpResponse:
    waiting, answered = selectors.plan_changes(plan=plan)
    return render(
        request,
        "meetings/plan_changes.html",
        {
            "area": area,
            "plan": plan,
            "waiting": waiting,
            "answered": answered,
            "can_publish": request.user.has_perm("meetings.publish_plan_change", plan),
            "return_form": return_form,
            "failed": failed,
            "status_choices": Action.Status.choices,
        },
    )


@login_required
@require_GET
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    area = area_or_404(slug)
    plan = plan_to_work_on(request, area)
    return _changes_page(request, area, plan)


def _change_of(request: HttpRequest, area: Area, pk: int) -> tuple[LocalPlan, PlanChange]:
    plan = plan_to_work_on(request, area)
    require(request, "meetings.publish_plan_change", plan)
    change = selectors.plan_change_get(plan=plan, pk=pk)
    if change is None:
        raise Http404
    return plan, change


@login_required
@require_POST
def change_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan, change = _change_of(request, area, pk)
    try:
        services_plans.plan_change_publish(change=change, actor=actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The change has been published."))
    return redirect("areas:changes", slug=area.slug)


@login_required
@require_POST
def change_return(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    area = area_or_404(slug)
    plan, change = _change_of(request, area, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services_plans.plan_change_return(
                change=change, actor=actor(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The change has been sent back."))
            return redirect("areas:changes", slug=area.slug)
    return _changes_page(request, area, plan, return_form=form, failed=change.pk)
