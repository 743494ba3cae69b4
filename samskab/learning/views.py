"""Learning reports for everyone in the administration: report, read and discuss shared
learning, follow one's own reports and actions."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import require
from samskab.core.forms import filter_form, form_add_errors
from samskab.learning import selectors, services
from samskab.learning.forms import CommentForm, ReportForm, SharedFilterForm
from samskab.learning.models import TEXT_FIELDS

PAGE_SIZE = 20


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request, "learning.view_shared")
    form = filter_form(SharedFilterForm, request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    learnings = selectors.shared_list(
        user=request.user,
        text=filters.get("q") or "",
        category=filters.get("category") or "",
        department=filters.get("department"),
        relevant_only=bool(filters.get("relevant")),
    )
    page = Paginator(learnings, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "learning/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters and any(filters.values())),
            "zero_error_areas": selectors.zero_error_areas(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    require(request, "learning.report_error")
    user: Any = request.user
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_submit(
                    reporter=user,
                    kind=data["kind"],
                    severity=data["severity"],
                    category=data["category"],
                    department=data["department"],
                    zero_error_area=data["zero_error_area"],
                    is_anonymous=data["is_anonymous"],
                    is_confidential=data["is_confidential"],
                    **{name: data[name] for name in TEXT_FIELDS},
                )
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                if report.is_anonymous:
                    # Nothing about the report goes into the session or the address.
                    return redirect("learning:thanks")
                messages.success(
                    request,
                    _("Thank you. Your report has been sent to the learning coordinators."),
                )
                return redirect(report)
    else:
        form = ReportForm(initial={"department": user.department_id})
    return render(request, "learning/report_form.html", {"form": form})


@login_required
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    require(request, "learning.report_error")
    return render(request, "learning/thanks.html")


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    require(request, "learning.report_error")
    user: Any = request.user
    return render(
        request,
        "learning/mine.html",
        {
            "reports": selectors.reports_by(user=user),
            "responsible_for": selectors.reports_responsible_for(user=user),
            "actions": selectors.actions_owned(user=user),
            "today": timezone.localdate(),
        },
    )


def _shared_or_404(request: HttpRequest, pk: int) -> selectors.SharedPage:
    found = selectors.shared_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.view_shared")
    found = _shared_or_404(request, pk)
    return _render_shared(request, found, CommentForm())


def _render_shared(
    request: HttpRequest, found: selectors.SharedPage, form: CommentForm, status: int = 200
) -> HttpResponse:
    report = found.shared.report
    return render(
        request,
        "learning/shared_detail.html",
        {
            "page": found,
            "shared": found.shared,
            "report": report,
            "form": form,
            "can_open_report": rules.has_perm("learning.view_report", request.user, report),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_POST
def relevance(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.view_shared")
    found = _shared_or_404(request, pk)
    marked = services.relevance_toggle(shared=found.shared, user=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("Marked as relevant for us.") if marked else _("No longer marked as relevant."),
    )
    return redirect(found.shared)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "learning.view_shared")
    found = _shared_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                shared=found.shared,
                author=request.user,  # type: ignore[arg-type]
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(reverse("learning:shared", args=[pk]) + "#kommentarer")
    return _render_shared(request, found, form, status=400)
