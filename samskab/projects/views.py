"""A winning proposal's project: the public page and the group's workspace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.models import User
from samskab.budgets.models import BudgetProcess, Implementation, Proposal
from samskab.core.forms import form_submit
from samskab.engagement.selectors import engagement_panel
from samskab.projects import selectors, services
from samskab.projects.forms import (
    DocumentForm,
    ExpenseForm,
    HandoverForm,
    PayoutDecisionForm,
    TaskForm,
    VolunteerForm,
)
from samskab.projects.models import Expense, Payout, Project, Task, Volunteer
from samskab.projects.uploads import receipt_content_type


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _require(request: HttpRequest, permission: str, obj: Any) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _proposal(request: HttpRequest, slug: str, pk: int) -> tuple[Proposal, Implementation]:
    """The winning proposal of process ``slug`` with its implementation, or 404."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("process", "author", "organisation", "budget_area"),
        pk=pk,
        process__slug=slug,
    )
    if not request.user.has_perm("budgets.see_proposal", proposal):
        raise Http404
    implementation = selectors.implementation_for(proposal)
    if implementation is None:
        raise Http404
    return proposal, implementation


def _project(request: HttpRequest, slug: str, pk: int, permission: str) -> Project:
    proposal, _implementation = _proposal(request, slug, pk)
    project = selectors.project_for(proposal)
    if project is None:
        raise Http404
    _require(request, permission, project)
    return project


def _workspace_url(project: Project) -> str:
    proposal = project.implementation.proposal
    return reverse("projects:workspace", args=[proposal.process.slug, proposal.pk])


def _back(project: Project) -> HttpResponse:
    return redirect(_workspace_url(project))


def _submit(
    request: HttpRequest,
    project: Project,
    form: forms.BaseForm,
    form_name: str,
    save: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """A workspace form posted: saved and back to the workspace (``form_submit``), or the
    workspace again with this form's errors and the input kept."""
    done = form_submit(request, form, save, success=success, then=_workspace_url(project))
    with_errors: dict[str, Any] = {form_name: form}
    return done or _workspace_page(request, project, status=400, **with_errors)


@require_GET
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal, implementation = _proposal(request, slug, pk)
    project = selectors.project_for(proposal)
    updates = list(implementation.updates.all())
    milestones = list(implementation.milestones.all())
    return render(
        request,
        "projects/detail.html",
        {
            "proposal": proposal,
            "implementation": implementation,
            "project": project,
            "money": selectors.money(implementation, project),
            "milestones": milestones,
            "milestones_done": sum(1 for milestone in milestones if milestone.done_on),
            "updates": updates,
            "can_start": project is None and request.user.has_perm("projects.start", proposal),
            "can_work": project is not None
            and request.user.has_perm("projects.see_workspace", project),
            "volunteer_count": project.volunteers.count() if project else 0,
            "is_volunteer": project is not None
            and request.user.is_authenticated
            and Volunteer.objects.filter(project=project, user_id=request.user.pk).exists(),
            "volunteer_form": VolunteerForm(),
            "documents": selectors.documents(project, public_only=True) if project else [],
            "engagement": engagement_panel(
                target=implementation, user=request.user, next_url=request.path
            ),
        },
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal, _implementation = _proposal(request, slug, pk)
    _require(request, "projects.start", proposal)
    services.project_start(proposal=proposal, actor=_actor(request))
    messages.success(request, _("The project's workspace is open."))
    return redirect("projects:workspace", slug, pk)


def _workspace_page(
    request: HttpRequest,
    project: Project,
    *,
    expense_form: ExpenseForm | None = None,
    handover_form: HandoverForm | None = None,
    task_form: TaskForm | None = None,
    document_form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    implementation = project.implementation
    return render(
        request,
        "projects/workspace.html",
        {
            "project": project,
            "proposal": implementation.proposal,
            "implementation": implementation,
            "money": selectors.money(implementation, project),
            "expenses": selectors.expenses(project),
            "payouts": selectors.payouts(project),
            "expense_form": expense_form or ExpenseForm(),
            "decision_form": PayoutDecisionForm(),
            "handover": getattr(project, "handover", None),
            "handover_form": handover_form or HandoverForm(),
            "tasks": list(project.tasks.select_related("owner")),
            "volunteers": list(project.volunteers.select_related("user")),
            "task_form": task_form or TaskForm(group=project.group),
            "can_tasks": request.user.has_perm("projects.manage_tasks", project),
            "can_hand_over": request.user.has_perm("projects.record_handover", project),
            "can_complete": request.user.has_perm("projects.complete_project", project),
            "can_add": request.user.has_perm("projects.record_expense", project),
            "can_decide": request.user.has_perm("projects.decide_payout", project),
            "documents": selectors.documents(project),
            "document_form": document_form or DocumentForm(),
            "can_documents": request.user.has_perm("projects.manage_documents", project),
        },
        status=status,
    )


@login_required
@require_GET
def workspace(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _workspace_page(request, _project(request, slug, pk, "projects.see_workspace"))


@login_required
@require_http_methods(["POST"])
def expense_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.record_expense")
    actor = _actor(request)
    return _submit(
        request,
        project,
        ExpenseForm(request.POST, request.FILES),
        "expense_form",
        lambda data: services.expense_add(project=project, actor=actor, **data),
        _("The expense has been added."),
    )


@login_required
@require_GET
def receipt(request: HttpRequest, slug: str, pk: int, expense: int) -> FileResponse:
    project = _project(request, slug, pk, "projects.see_workspace")
    row = get_object_or_404(Expense, pk=expense, project=project)
    response = FileResponse(
        row.receipt.open("rb"), content_type=receipt_content_type(row.receipt.name)
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def payout_request(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.record_expense")
    try:
        services.payout_request(project=project, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The payout has been requested."))
    return _back(project)


@login_required
@require_POST
def payout_decide(request: HttpRequest, slug: str, pk: int, payout: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.decide_payout")
    row = get_object_or_404(Payout, pk=payout, project=project)
    form = PayoutDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or return the payout."))
        return _back(project)
    try:
        services.payout_decide(
            payout=row,
            actor=_actor(request),
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The payout request has been answered."))
    return _back(project)


@login_required
@require_POST
def handover(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.record_handover")
    actor = _actor(request)
    return _submit(
        request,
        project,
        HandoverForm(request.POST),
        "handover_form",
        lambda data: services.handover_record(project=project, actor=actor, **data),
        _("The handover has been recorded."),
    )


@login_required
@require_POST
def complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.complete_project")
    try:
        services.project_complete(project=project, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The project is marked as done."))
    return _back(project)


@login_required
@require_GET
def overdue(request: HttpRequest, slug: str) -> HttpResponse:
    _require(request, "projects.see_overdue", None)
    process = get_object_or_404(BudgetProcess, slug=slug)
    return render(
        request,
        "projects/overdue.html",
        {
            "process": process,
            "rows": selectors.overdue_projects(process=process, today=timezone.localdate()),
        },
    )


@login_required
@require_POST
def task_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.manage_tasks")
    actor = _actor(request)
    return _submit(
        request,
        project,
        TaskForm(request.POST, group=project.group),
        "task_form",
        lambda data: services.task_add(project=project, actor=actor, **data),
        _("The task has been added."),
    )


@login_required
@require_POST
def task_done(request: HttpRequest, slug: str, pk: int, task: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.manage_tasks")
    services.task_done(
        task=get_object_or_404(Task, pk=task, project=project), actor=_actor(request)
    )
    messages.success(request, _("The task is done."))
    return _back(project)


@login_required
@require_POST
def volunteer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal, _implementation = _proposal(request, slug, pk)
    project = selectors.project_for(proposal)
    if project is None:
        raise Http404
    _require(request, "projects.volunteer", project)
    if request.POST.get("withdraw"):
        services.volunteer_withdraw(project=project, user=_actor(request))
        messages.success(request, _("You are no longer signed up as a volunteer."))
    else:
        form = VolunteerForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.volunteer_sign_up(project=project, user=_actor(request), note=note)
        messages.success(request, _("Thank you! The group will contact you."))
    return redirect("projects:detail", slug, pk)
