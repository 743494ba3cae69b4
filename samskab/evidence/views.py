"""The evidence registry: list, the grading scale, an intervention's page and its steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.shortcuts import current_user as actor
from samskab.accounts.shortcuts import require
from samskab.core.charts import ChartItem, bar_chart
from samskab.core.forms import filter_form, form_submit
from samskab.evidence import selectors, services
from samskab.evidence.forms import (
    AnswerForm,
    DeclarationForm,
    InterventionFilterForm,
    InterventionForm,
    RequestForm,
    SourceForm,
    StatusForm,
)
from samskab.evidence.models import (
    DECLARATION_SCORE,
    Dimension,
    EvidenceRequest,
    Intervention,
    Status,
)

PAGE_SIZE = 25


def intervention_or_404(pk: int) -> Intervention:
    intervention = selectors.intervention_get(pk=pk)
    if intervention is None:
        raise Http404
    return intervention


def request_or_404(request: HttpRequest, pk: int) -> EvidenceRequest:
    evidence_request = selectors.request_get(pk=pk)
    if evidence_request is None or not request.user.has_perm("evidence.view_requests"):
        raise Http404
    return evidence_request


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = filter_form(InterventionFilterForm, request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    interventions = selectors.intervention_list(
        text=(filters.get("q") or "").strip(),
        grade=filters.get("grade") or "",
        status=filters.get("status") or "",
        department=filters.get("department"),
    )
    page = Paginator(interventions, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "evidence/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_add": request.user.has_perm("evidence.create_intervention"),
        },
    )


@require_GET
def scale(request: HttpRequest) -> HttpResponse:
    return render(request, "evidence/scale.html", {"scale": selectors.grade_scale()})


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require(request, "evidence.create_intervention", None)
    form = InterventionForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda _data: services.intervention_create(
            actor=actor(request), data=form.data_for_service()
        ),
        success=_("The intervention has been registered."),
        then=lambda intervention: intervention,
    )
    if done:
        return done
    return render(request, "evidence/form.html", {"form": form, "intervention": None})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_or_404(pk)
    user = request.user
    declaration_rows, declaration_chart = _declaration_chart(intervention)
    return render(
        request,
        "evidence/detail.html",
        {
            "intervention": intervention,
            "sources": list(intervention.sources.all()),
            "experiments": list(intervention.experiments.all()),
            "requests": [
                {
                    "request": evidence_request,
                    "can_answer": user.has_perm("evidence.answer_request", evidence_request),
                    "can_approve": user.has_perm("evidence.approve_request", evidence_request),
                }
                for evidence_request in intervention.requests.all()
            ],
            "rollout_blocked": services.rollout_blocked(intervention),
            "is_rollout": intervention.status == Status.ROLLOUT,
            "can_edit": user.has_perm("evidence.edit_intervention", intervention),
            "can_add_source": user.has_perm("evidence.add_source", intervention),
            "can_request": user.has_perm("evidence.add_request", intervention)
            and intervention.status != Status.ROLLOUT,
            "can_see_requests": user.has_perm("evidence.view_requests"),
            "can_set_status": user.has_perm("evidence.set_status", intervention),
            "declaration": declaration_rows,
            "declaration_chart": declaration_chart,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_or_404(pk)
    require(request, "evidence.edit_intervention", intervention)
    posted = request.method == "POST"
    form = InterventionForm(
        request.POST if posted else None,
        instance=Intervention.objects.get(pk=pk) if posted else intervention,
    )
    done = form_submit(
        request,
        form,
        lambda _data: services.intervention_update(
            intervention=intervention, actor=actor(request), data=form.data_for_service()
        ),
        success=_("The intervention has been saved."),
        then=intervention,
    )
    if done:
        return done
    return render(request, "evidence/form.html", {"form": form, "intervention": intervention})


@login_required
@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the knowledge declaration (Vidensdeklaration) of an intervention."""
    intervention = intervention_or_404(pk)
    require(request, "evidence.edit_intervention", intervention)
    current = {item.dimension: item for item in intervention.declaration.all()}
    initial: dict[str, str] = {}
    for dimension, item in current.items():
        initial[f"{dimension}_grade"] = item.grade
        initial[f"{dimension}_reasoning"] = item.reasoning
    form = DeclarationForm(request.POST if request.method == "POST" else None, initial=initial)
    done = form_submit(
        request,
        form,
        lambda _data: services.declaration_save(
            intervention=intervention, actor=actor(request), items=form.items()
        ),
        success=_("The knowledge declaration has been saved."),
        then=intervention,
    )
    if done:
        return done
    return render(
        request, "evidence/declaration_form.html", {"form": form, "intervention": intervention}
    )


def _declaration_chart(intervention: Intervention) -> tuple[list[Any], Any]:
    """The declaration's rows in the order of the dimensions, and a small bar chart of the
    grades (A fills the bar, D a quarter); the table beside it says the same in words."""
    items = {item.dimension: item for item in intervention.declaration.all()}
    rows = [items[d.value] for d in Dimension if d.value in items]
    if not rows:
        return [], None
    chart = bar_chart(
        [
            ChartItem(f"{row.get_dimension_display()} ({row.grade})", DECLARATION_SCORE[row.grade])
            for row in rows
        ],
        caption=_("The knowledge declaration as a chart (A = 4, B = 3, C = 2, D = 1)"),
        label_header=_("Dimension (grade)"),
        value_label=_("Points"),
    )
    return rows, chart


def _step(
    request: HttpRequest, intervention: Intervention, form: Any, heading: str, submit: str
) -> HttpResponse:
    return render(
        request,
        "evidence/step_form.html",
        {"form": form, "intervention": intervention, "heading": heading, "submit": submit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_or_404(pk)
    require(request, "evidence.add_source", intervention)
    form = SourceForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.source_add(
            intervention=intervention,
            actor=actor(request),
            citation=data["citation"],
            design=data["design"],
            conclusion=data["conclusion"],
            url=data["url"],
        ),
        success=_("The source has been added."),
        then=intervention,
    )
    if done:
        return done
    return _step(request, intervention, form, _("Add a research source"), _("Add"))


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_or_404(pk)
    require(request, "evidence.add_request", intervention)
    form = RequestForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.request_create(
            intervention=intervention,
            actor=actor(request),
            question=data["question"],
            department=data["department"],
        ),
        success=_("Your request has been sent."),
        then=intervention,
    )
    if done:
        return done
    return _step(request, intervention, form, _("Ask for the evidence"), _("Send the request"))


@login_required
@require_http_methods(["GET", "POST"])
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    evidence_request = request_or_404(request, pk)
    require(request, "evidence.answer_request", evidence_request)
    form = AnswerForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.request_answer(
            request=evidence_request, actor=actor(request), answer=data["answer"]
        ),
        success=_("The answer has been saved and awaits approval."),
        then=evidence_request.intervention,
    )
    if done:
        return done
    return render(
        request, "evidence/answer.html", {"form": form, "evidence_request": evidence_request}
    )


@login_required
@require_POST
def request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    evidence_request = request_or_404(request, pk)
    require(request, "evidence.approve_request", evidence_request)
    try:
        services.request_approve(request=evidence_request, actor=actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The answer has been approved."))
    return redirect(evidence_request.intervention)


@login_required
@require_http_methods(["GET", "POST"])
def status_set(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = intervention_or_404(pk)
    require(request, "evidence.set_status", intervention)
    form = StatusForm(request.POST or None, initial={"status": intervention.status})
    done = form_submit(
        request,
        form,
        lambda data: services.intervention_status_set(
            intervention=intervention, actor=actor(request), status=data["status"]
        ),
        success=lambda _saved: (
            _("The status is now: %(status)s.") % {"status": intervention.get_status_display()}
        ),
        then=intervention,
    )
    if done:
        return done
    return render(
        request,
        "evidence/status.html",
        {
            "form": form,
            "intervention": intervention,
            "rollout_blocked": services.rollout_blocked(intervention),
        },
    )
