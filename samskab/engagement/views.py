"""Support, comment and report on any registered object; the moderation queue.

Every action works as a plain form post (redirecting back to the object) and, with HTMX,
answers with the refreshed panel instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.engagement import selectors, services
from samskab.engagement.forms import CommentForm, ReportForm, ResolveForm
from samskab.engagement.models import Comment
from samskab.engagement.permissions import parent_of
from samskab.engagement.registry import engageable


def _target_or_404(request: HttpRequest, label: str, object_id: int) -> models.Model:
    model: type[models.Model]
    if label == "engagement.comment":
        model = Comment
    else:
        config = engageable(label)
        if config is None:
            raise Http404
        model = config.model
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None or not request.user.has_perm("engagement.view_target", obj):
        raise Http404
    return obj


def _object_url(target: models.Model) -> str:
    parent = parent_of(target)
    url = parent.get_absolute_url() if hasattr(parent, "get_absolute_url") else "/"
    if isinstance(target, Comment):
        url += f"#kommentar-{target.pk}"
    return str(url)


def _next_url(request: HttpRequest, target: models.Model) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return _object_url(target)


def _panel(request: HttpRequest, target: models.Model, next_url: str, form: Any = None) -> Any:
    return selectors.engagement_panel(
        target=target, user=request.user, next_url=next_url, form=form
    )


@login_required
@require_POST
def support(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    target = _target_or_404(request, label, object_id)
    if not request.user.has_perm("engagement.support", target):
        raise PermissionDenied
    supports = services.support_toggle(user=request.user, target=target)  # type: ignore[arg-type]
    next_url = _next_url(request, target)
    if request.htmx:  # type: ignore[attr-defined]
        panel = _panel(request, target, next_url)
        return render(request, "engagement/_panel.html", {"panel": panel})
    if supports:
        messages.success(request, _("Thank you for your support."))
    else:
        messages.success(request, _("Your support has been withdrawn."))
    return redirect(next_url)


@login_required
@require_POST
def comment(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    target = _target_or_404(request, label, object_id)
    if not request.user.has_perm("engagement.comment", target):
        raise PermissionDenied
    next_url = _next_url(request, target)
    form = CommentForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            parent_id = form.cleaned_data.get("parent")
            parent = Comment.objects.filter(pk=parent_id).first() if parent_id else None
            if parent_id and parent is None:
                raise ValidationError(_("You can only reply to a visible comment on this page."))
            services.comment_add(
                author=request.user,  # type: ignore[arg-type]
                target=target,
                body=form.cleaned_data["body"],
                parent=parent,
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.is_valid():
        if request.htmx:  # type: ignore[attr-defined]
            return render(
                request, "engagement/_panel.html", {"panel": _panel(request, target, next_url)}
            )
        messages.success(request, _("Your comment has been added."))
        return redirect(next_url)
    if request.htmx:  # type: ignore[attr-defined]
        panel = _panel(request, target, next_url, form=form)
        return render(request, "engagement/_panel.html", {"panel": panel})
    return render(
        request,
        "engagement/comment.html",
        {"form": form, "target": target, "next_url": next_url, "label": label},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    target = _target_or_404(request, label, object_id)
    if not request.user.has_perm("engagement.report", target):
        raise PermissionDenied
    next_url = _next_url(request, target)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                services.content_report(
                    reporter=request.user,  # type: ignore[arg-type]
                    target=target,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. The secretariat will look at your report."))
                return redirect(next_url)
    else:
        form = ReportForm()
    return render(
        request,
        "engagement/report.html",
        {
            "form": form,
            "target": target,
            "is_comment": isinstance(target, Comment),
            "parent": parent_of(target),
            "next_url": next_url,
            "label": label,
        },
    )


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("engagement.moderate"):
        raise PermissionDenied
    reports = selectors.report_queue()
    return render(request, "engagement/moderation.html", {"reports": reports})


@login_required
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("engagement.moderate"):
        raise PermissionDenied
    report = selectors.report_open_get(pk)
    if report is None:
        raise Http404
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to hide or keep the content."))
        return redirect("engagement:index")
    services.report_resolve(
        report=report,
        actor=request.user,  # type: ignore[arg-type]
        action=form.cleaned_data["action"],
    )
    if form.cleaned_data["action"] == "hide":
        messages.success(request, _("The content has been hidden."))
    else:
        messages.success(request, _("The content has been kept."))
    return redirect("engagement:index")


@require_GET
def show(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    """Go to the page where a reported object or comment is shown."""
    target = _target_or_404(request, label, object_id)
    return redirect(_object_url(target))
