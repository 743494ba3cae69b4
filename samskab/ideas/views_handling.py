"""The management handling of ideas: screening, assessment, decision, queues and figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.charts import BarChart, ChartItem, bar_chart
from samskab.ideas import selectors, services
from samskab.ideas.forms import AnswerForm, AssessmentForm, DecisionForm, MergeForm, RouteForm
from samskab.ideas.models import Criterion, Idea
from samskab.ideas.views import idea_or_404


def _idea_for(request: HttpRequest, pk: int, permission: str) -> Idea:
    idea = idea_or_404(request, pk)
    if not request.user.has_perm(permission, idea):
        raise PermissionDenied
    return idea


def _screening_page(
    request: HttpRequest,
    idea: Idea,
    *,
    route: RouteForm | None = None,
    merge: MergeForm | None = None,
    answer: AnswerForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "ideas/screen.html",
        {
            "idea": idea,
            "route_form": route or RouteForm(initial=_route_initial(idea)),
            "merge_form": merge or MergeForm(),
            "answer_form": answer or AnswerForm(),
            "candidates": selectors.merge_candidates(idea),
        },
    )


def _route_initial(idea: Idea) -> dict[str, Any]:
    form = RouteForm()
    return {**form.initial, "department": idea.department_id}


@login_required
@require_GET
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.screen_idea")
    return _screening_page(request, idea)


@login_required
@require_POST
def route(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.screen_idea")
    form = RouteForm(request.POST)
    if form.is_valid():
        try:
            services.idea_route(
                idea=idea,
                actor=request.user,  # type: ignore[arg-type]
                department=form.cleaned_data["department"],
                responsible=form.cleaned_data["responsible"],
                deadline=form.cleaned_data["deadline"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The idea has been routed."))
            return redirect(idea)
    return _screening_page(request, idea, route=form)


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.screen_idea")
    form = MergeForm(request.POST)
    if form.is_valid():
        into = Idea.objects.filter(pk=form.cleaned_data["into"]).first()
        if into is None:
            form.add_error("into", _("There is no idea with that number."))
        else:
            try:
                services.idea_merge(
                    idea=idea,
                    actor=request.user,  # type: ignore[arg-type]
                    into=into,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The idea has been merged."))
                return redirect(idea)
    return _screening_page(request, idea, merge=form)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.screen_idea")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.idea_answer(
                idea=idea,
                actor=request.user,  # type: ignore[arg-type]
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The idea has been answered."))
            return redirect(idea)
    return _screening_page(request, idea, answer=form)


def _assessment_initial(idea: Idea) -> dict[str, Any]:
    assessment = getattr(idea, "assessment", None)
    if assessment is None:
        return {}
    initial: dict[str, Any] = {
        "cost_estimate": assessment.cost_estimate,
        "zero_error_area": assessment.zero_error_area,
        "zero_error_text": assessment.zero_error_text,
        "summary": assessment.summary,
    }
    for score in assessment.scores.all():
        initial[f"{score.criterion}_score"] = str(score.score)
        initial[f"{score.criterion}_text"] = score.text
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.assess_idea")
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            scores = {
                c.value: services.CriterionScore(
                    score=data[f"{c.value}_score"], text=data[f"{c.value}_text"]
                )
                for c in Criterion
            }
            try:
                services.assessment_save(
                    idea=idea,
                    assessor=request.user,  # type: ignore[arg-type]
                    scores=scores,
                    cost_estimate=data["cost_estimate"],
                    zero_error_area=data["zero_error_area"],
                    zero_error_text=data["zero_error_text"],
                    summary=data["summary"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The assessment has been saved."))
                return redirect(idea)
    else:
        form = AssessmentForm(initial=_assessment_initial(idea))
    return render(request, "ideas/assess.html", {"idea": idea, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_for(request, pk, "ideas.decide_idea")
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.idea_decide(
                    idea=idea,
                    actor=request.user,  # type: ignore[arg-type]
                    kind=form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                    park_until=form.cleaned_data["park_until"],
                    realisation_responsible=form.cleaned_data["realisation_responsible"],
                    realisation_due=form.cleaned_data["realisation_due"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision has been recorded."))
                return redirect(idea)
    else:
        form = DecisionForm()
    return render(
        request,
        "ideas/decide.html",
        {"idea": idea, "form": form, "assessment": getattr(idea, "assessment", None)},
    )


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require(request, "ideas.view_queue")
    user = request.user
    return render(
        request,
        "ideas/queue.html",
        {
            "ideas": selectors.manager_queue(user),  # type: ignore[arg-type]
            "parked": selectors.manager_parked(user),  # type: ignore[arg-type]
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def screening(request: HttpRequest) -> HttpResponse:
    _require(request, "ideas.view_screening")
    return render(
        request,
        "ideas/screening.html",
        {"ideas": selectors.screening_queue(), "today": timezone.localdate()},
    )


@login_required
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    _require(request, "ideas.view_screening")
    today = timezone.localdate()
    return render(
        request, "ideas/overdue.html", {"ideas": selectors.overdue_ideas(today), "today": today}
    )


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    _require(request, "ideas.view_figures")
    figures = selectors.idea_figures()
    return render(
        request, "ideas/figures.html", {"figures": figures, "chart": _status_chart(figures)}
    )


def _status_chart(figures: selectors.Figures) -> BarChart:
    """Ideas per status as bars, each figure linked to the idea bank filtered by status."""
    index = reverse("ideas:index")
    return bar_chart(
        [
            ChartItem(label, count, f"{index}?{urlencode({'status': value})}")
            for value, label, count in figures.per_status
        ],
        caption=_("Ideas per status"),
        label_header=_("Status"),
        value_label=_("Ideas"),
    )
