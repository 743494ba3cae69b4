"""The coordinator's side: the inbox, a report, handling it, de-identifying and sharing it,
actions and their follow-up. Every view that shows a confidential report logs the access."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import require
from samskab.core.forms import form_add_errors
from samskab.learning import selectors, services
from samskab.learning.forms import ActionForm, HandleForm, SharedLearningForm
from samskab.learning.models import TEXT_FIELDS, Action, LearningReport
from samskab.learning.screening import likely_names


def report_or_404(request: HttpRequest, pk: int, *, log: bool = True) -> LearningReport:
    """The report, or 404 when the user may not see it; logs access to a confidential one."""
    report = selectors.report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    if log:
        services.report_access_record(report=report, user=request.user)  # type: ignore[arg-type]
    return report


def _flags(fields: dict[str, tuple[Any, str]]) -> list[tuple[str, list[str]]]:
    """(field label, likely names) for each field that has some."""
    flagged = []
    for label, text in fields.values():
        names = likely_names(text)
        if names:
            flagged.append((label, names))
    return flagged


def _report_flags(report: LearningReport) -> list[tuple[str, list[str]]]:
    return _flags(
        services.labelled_texts(
            LearningReport, {name: getattr(report, name) for name in TEXT_FIELDS}
        )
    )


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require(request, "learning.view_inbox")
    today = timezone.localdate()
    return render(
        request,
        "learning/inbox.html",
        {
            "reports": selectors.inbox(user=request.user),
            "overdue_actions": selectors.actions_overdue(user=request.user, today=today),
            "departments": selectors.coordinators_departments(request.user),
            "today": today,
        },
    )


def _render_report(
    request: HttpRequest,
    report: LearningReport,
    *,
    handle_form: HandleForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_coordinator = rules.has_perm("learning.share_report", user, report)
    can_handle = rules.has_perm("learning.handle_report", user, report)
    can_add_action = rules.has_perm("learning.create_action", user, report)
    context = {
        "report": report,
        "shared": selectors.shared_for_report(report),
        "actions": list(report.actions.all()),
        "today": timezone.localdate(),
        "is_coordinator": is_coordinator,
        "flags": _report_flags(report) if is_coordinator else [],
        "can_handle": can_handle,
        "handle_form": handle_form or (HandleForm() if can_handle else None),
        "can_add_action": can_add_action,
        "action_form": action_form
        or (ActionForm(owners=selectors.employees()) if can_add_action else None),
        "access_log": (
            selectors.access_log(report)
            if rules.has_perm("learning.view_audit_log", user, report)
            else None
        ),
    }
    return render(request, "learning/report_detail.html", context, status=status)


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.report_error")
    report = report_or_404(request, pk)
    return _render_report(request, report)


@login_required
@require_POST
def report_handle(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.report_error")
    report = report_or_404(request, pk, log=False)
    require(request, "learning.handle_report", report)
    form = HandleForm(request.POST)
    if form.is_valid():
        try:
            services.report_handle(
                report=report,
                actor=request.user,  # type: ignore[arg-type]
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The report is marked as handled."))
            return redirect(report)
    services.report_access_record(report=report, user=request.user)  # type: ignore[arg-type]
    return _render_report(request, report, handle_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def report_share(request: HttpRequest, pk: int) -> HttpResponse:
    """De-identify the report into a shareable version, and publish it."""
    require(request, "learning.report_error")
    report = report_or_404(request, pk)
    require(request, "learning.share_report", report)
    existing = selectors.shared_for_report(report)
    if request.method == "POST":
        form = SharedLearningForm(request.POST, instance=existing)
        if form.is_valid():
            data = form.cleaned_data
            publish = "publish" in request.POST
            try:
                shared = services.shared_learning_save(
                    report=report,
                    actor=request.user,  # type: ignore[arg-type]
                    title=data["title"],
                    summary=data["summary"],
                    learning_points=data["learning_points"],
                    suggested_changes=data["suggested_changes"],
                    publish=publish,
                    names_checked=bool(data.get("names_checked")),
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                if shared.is_published:
                    messages.success(
                        request,
                        _("The learning is shared with the whole organisation.")
                        if publish
                        else _("The shared learning has been updated."),
                    )
                    return redirect(shared)
                messages.success(request, _("The draft has been saved. It is not shared yet."))
                return redirect("learning:share", pk=report.pk)
    elif existing is not None:
        form = SharedLearningForm(instance=existing)
    else:
        form = SharedLearningForm(initial=services.shared_initial(report))
    texts = {
        name: (str(form.fields[name].label), str(form[name].value() or ""))
        for name in ("title", "summary", "learning_points", "suggested_changes")
    }
    return render(
        request,
        "learning/share.html",
        {
            "report": report,
            "form": form,
            "shared": existing,
            "flags": _flags(texts),
            "status": 400 if request.method == "POST" else 200,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.report_error")
    report = report_or_404(request, pk, log=False)
    require(request, "learning.create_action", report)
    form = ActionForm(request.POST, owners=selectors.employees())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                report=report,
                actor=request.user,  # type: ignore[arg-type]
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The action has been added."))
            return redirect(report.get_absolute_url() + "#handlinger")
    services.report_access_record(report=report, user=request.user)  # type: ignore[arg-type]
    return _render_report(request, report, action_form=form, status=400)


@login_required
@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.report_error")
    action = get_object_or_404(
        Action.objects.select_related("report", "owner", "report__shared"), pk=pk
    )
    if not rules.has_perm("learning.update_action", request.user, action):
        # Owners and coordinators act; others may at most know the action from a shared page.
        raise PermissionDenied
    done = request.POST.get("done") == "1"
    services.action_set_done(action=action, actor=request.user, done=done)  # type: ignore[arg-type]
    messages.success(
        request, _("The action is marked as done.") if done else _("The action is open again.")
    )
    # Back to where the button was; only known places, never a URL from the form.
    back = request.POST.get("next", "")
    if back == "report" and rules.has_perm("learning.view_report", request.user, action.report):
        return redirect(action.report)
    if back == "actions" and rules.has_perm("learning.view_inbox", request.user):
        return redirect("learning:actions")
    return redirect("learning:mine")


@login_required
@require_GET
def actions(request: HttpRequest) -> HttpResponse:
    """Follow-up: every action in the coordinator's departments, overdue ones first."""
    require(request, "learning.view_inbox")
    today = timezone.localdate()
    all_actions = selectors.actions_for_departments(user=request.user)
    overdue = [action for action in all_actions if action.is_overdue(today)]
    open_ = [a for a in all_actions if not a.is_done and not a.is_overdue(today)]
    done = [action for action in all_actions if action.is_done]
    return render(
        request,
        "learning/actions.html",
        {"overdue": overdue, "open": open_, "done": done, "today": today},
    )
