"""Evaluations, their follow-up, the findings search and the secretariat's follow-up list."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts.shortcuts import current_user as actor
from samskab.accounts.shortcuts import require
from samskab.core.forms import form_submit
from samskab.experiments import selectors, services
from samskab.experiments.forms import EvaluationForm, FindingsSearchForm, FollowUpForm
from samskab.experiments.models import Evaluation
from samskab.experiments.views import experiment_or_404


def evaluation_or_404(request: HttpRequest, pk: int) -> Evaluation:
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    if evaluation is None:
        raise Http404
    return evaluation


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.create_evaluation", experiment)
    form = EvaluationForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda _data: services.evaluation_create(
            experiment=experiment, actor=actor(request), data=form.data_for_service()
        ),
        success=_("The evaluation has been saved."),
        then=lambda evaluation: evaluation,
    )
    if done:
        return done
    return render(
        request,
        "experiments/evaluation_form.html",
        {"form": form, "experiment": experiment, "evaluation": None},
    )


@require_GET
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    user = request.user
    return render(
        request,
        "experiments/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "experiment": evaluation.experiment,
            "follow_up": getattr(evaluation, "follow_up", None),
            "is_overdue": evaluation.follow_up_due < timezone.localdate(),
            "can_edit": user.has_perm("experiments.edit_evaluation", evaluation),
            "can_follow_up": user.has_perm("experiments.follow_up_evaluation", evaluation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    require(request, "experiments.edit_evaluation", evaluation)
    posted = request.method == "POST"
    form = EvaluationForm(
        request.POST if posted else None,
        instance=Evaluation.objects.get(pk=evaluation.pk) if posted else evaluation,
    )
    done = form_submit(
        request,
        form,
        lambda _data: services.evaluation_update(
            evaluation=evaluation, actor=actor(request), data=form.data_for_service()
        ),
        success=_("The evaluation has been saved."),
        then=evaluation,
    )
    if done:
        return done
    return render(
        request,
        "experiments/evaluation_form.html",
        {"form": form, "experiment": evaluation.experiment, "evaluation": evaluation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    require(request, "experiments.follow_up_evaluation", evaluation)
    form = FollowUpForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.follow_up_record(
            evaluation=evaluation,
            actor=actor(request),
            was_used=data["was_used"],
            what_changed=data["what_changed"],
        ),
        success=_("Thank you. The follow-up has been recorded."),
        then=evaluation,
    )
    if done:
        return done
    return render(
        request, "experiments/follow_up_form.html", {"form": form, "evaluation": evaluation}
    )


@require_GET
def findings(request: HttpRequest) -> HttpResponse:
    form = FindingsSearchForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    text = (filters.get("q") or "").strip()
    results = selectors.findings_search(
        user=request.user, text=text, department=filters.get("department")
    )
    return render(
        request,
        "experiments/findings.html",
        {"form": form, "results": results, "searched": bool(text)},
    )


@login_required
@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    require(request, "experiments.view_follow_up_overview", None)
    return render(
        request,
        "experiments/follow_ups.html",
        {"overview": selectors.follow_up_overview(), "today": timezone.localdate()},
    )
