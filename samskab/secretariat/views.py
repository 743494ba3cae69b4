"""The secretariat's overview, the list of ideas behind its figures, and committee reports
(HTML, PDF, CSV and XLSX). Views stay thin: selectors read, services write, figures.py
turns the figures into charts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.budgets import selectors as budgets_selectors
from samskab.core.forms import form_add_errors
from samskab.ideas.models import Status as IdeaStatus
from samskab.secretariat import exports, figures, selectors, services
from samskab.secretariat.forms import (
    CommitteeReportForm,
    IdeaListFilterForm,
    OverviewFilterForm,
    ResolutionsForm,
)
from samskab.secretariat.models import CommitteeReport
from samskab.secretariat.selectors import Filters

PAGE_SIZE = 50


def require(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request, "secretariat.view_overview")
    today = timezone.localdate()
    form = OverviewFilterForm(request.GET or None, today=today)
    filters = form.filters()
    overview = selectors.overview_get(filters, today=today)
    return render(
        request,
        "secretariat/index.html",
        {
            "form": form,
            "filters": filters,
            "sections": figures.sections(overview, user=request.user),
            "processes": overview.processes,
            "can_manage": request.user.has_perm("secretariat.manage_reports"),
        },
    )


@login_required
@require_GET
def ideas(request: HttpRequest) -> HttpResponse:
    """The ideas behind a figure of the overview: same period, same filters."""
    require(request, "secretariat.view_overview")
    today = timezone.localdate()
    form = IdeaListFilterForm(request.GET or None, today=today)
    filters = form.filters()
    data = form.cleaned_data if form.is_valid() else {}
    status, stage = data.get("status") or "", data.get("trin") or ""
    stages = {key: (label, statuses) for key, label, statuses in figures.FUNNEL_STAGES}
    label: Any
    statuses: tuple[str, ...]
    if status in IdeaStatus.values:
        label, statuses = IdeaStatus(status).label, (status,)
    elif stage in stages:
        label, statuses = stages[stage]
    else:
        label, statuses = "", ()
    state = data.get("frist") or ""
    ideas = selectors.idea_list(filters, statuses=statuses, deadline_state=state, today=today)
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "secretariat/ideas.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "status_label": label,
            "back_query": figures.filter_query(filters),
        },
    )


@login_required
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    require(request, "secretariat.view_reports")
    return render(
        request,
        "secretariat/reports.html",
        {
            "reports": selectors.report_list(request.user),
            "can_manage": request.user.has_perm("secretariat.manage_reports"),
        },
    )


def _report_or_404(request: HttpRequest, pk: int) -> CommitteeReport:
    """The report; 404 for a draft the user may not see (published reports are public)."""
    report = selectors.report_get(pk)
    if report is None or not request.user.has_perm("secretariat.view_report", report):
        raise Http404
    return report


def _report_context(
    request: HttpRequest, report: CommitteeReport, *, links: bool
) -> dict[str, Any]:
    """The report's context: frozen figures once published, today's figures in a draft."""
    start, end = report.period
    context: dict[str, Any] = {
        "report": report,
        "start": start,
        "end": end,
        "ideas": list(report.highlighted_ideas.all()),
        "experiments": list(report.highlighted_experiments.all()),
        "learnings": list(report.highlighted_learnings.all()),
    }
    if report.published_figures_html:
        # Rendered by our own templates, with every value escaped, when it was published.
        context["frozen_figures"] = mark_safe(report.published_figures_html)  # noqa: S308
        query = urlencode(figures.filter_query(Filters(start=start, end=end)))
        context["overview_url"] = f"{reverse('secretariat:index')}?{query}"
        return context
    overview = selectors.overview_get(Filters(start=start, end=end), today=timezone.localdate())
    context["sections"] = figures.sections(overview, user=request.user, links=links)
    context["processes"] = overview.processes
    return context


def _frozen_figures(
    request: HttpRequest, report: CommitteeReport
) -> tuple[str, list[tuple[str, ...]]]:
    """The figures section and data rows as they stand now, in Danish, for publishing."""
    with translation.override("da"):
        context = _report_context(request, report, links=False)
        html = render_to_string("secretariat/_sections.html", context, request=request)
        rows: list[tuple[str, ...]] = [
            (report.period_label, *row) for row in figures.rows(context["sections"])
        ]
    return html, rows


def _form_values(form: CommitteeReportForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in CommitteeReportForm.Meta.fields}


def _report_form(request: HttpRequest, report: CommitteeReport | None) -> HttpResponse:
    """Create (``report`` is None) or edit a report; the form keeps the input on errors."""
    form = CommitteeReportForm(request.POST or None, instance=report, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        try:
            if report is None:
                saved = services.committee_report_create(actor=actor, **_form_values(form))
                done = _("The report has been saved as a draft.")
            else:
                saved = services.committee_report_update(
                    actor=actor, report=report, **_form_values(form)
                )
                done = _("The report has been saved.")
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(saved)
    return render(request, "secretariat/report_form.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    require(request, "secretariat.manage_reports")
    return _report_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    require(request, "secretariat.manage_reports")
    return _report_form(request, report)


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    require(request, "secretariat.manage_reports")
    figures_html, rows = _frozen_figures(request, report)
    services.committee_report_publish(
        actor=request.user,  # type: ignore[arg-type]
        report=report,
        figures_html=figures_html,
        rows=rows,
    )
    messages.success(request, _("The report has been published to the committee."))
    return redirect(report)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    context = _report_context(request, report, links=True)
    context["can_manage"] = request.user.has_perm("secretariat.manage_reports")
    return render(request, "secretariat/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_resolutions(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat records what the committee resolved."""
    report = _report_or_404(request, pk)
    require(request, "secretariat.manage_reports")
    form = ResolutionsForm(request.POST or None, initial={"resolutions": report.resolutions})
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_report_resolutions_record(
                actor=request.user,  # type: ignore[arg-type]
                report=report,
                resolutions=form.cleaned_data["resolutions"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The committee's resolutions have been recorded."))
            return redirect(report)
    return render(request, "secretariat/report_resolutions.html", {"report": report, "form": form})


def _download(
    content: bytes | str, content_type: str, report: CommitteeReport, extension: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"udvalgsrapport-{report.year}-k{report.quarter}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    html = render_to_string(
        "secretariat/report_print.html",
        _report_context(request, report, links=False),
        request=request,
    )
    return _download(exports.pdf_bytes(html), "application/pdf", report, "pdf")


def _report_rows(request: HttpRequest, report: CommitteeReport) -> list[tuple[str, ...]]:
    if report.published_rows:
        return [tuple(row) for row in report.published_rows]
    sections = _report_context(request, report, links=False)["sections"]
    return [(report.period_label, *row) for row in figures.rows(sections)]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    text = exports.csv_text(
        exports.report_header(), _report_rows(request, report), for_spreadsheet=True
    )
    return _download(text, "text/csv; charset=utf-8", report, "csv")


@require_GET
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    rows = _report_rows(request, report)
    data = exports.xlsx_bytes(exports.report_header(), rows, title=report.period_label)
    return _download(data, XLSX, report, "xlsx")


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    """Plain-language documentation of the open data API, for everyone."""
    schema_url = reverse("open_data_api:openapi-json")
    return render(
        request,
        "secretariat/open_data.html",
        {
            "schema_url": schema_url,
            "api_root": schema_url.removesuffix("/openapi.json"),
            "example": budgets_selectors.published_processes()
            .filter(results_published_at__isnull=False)
            .first(),
        },
    )
