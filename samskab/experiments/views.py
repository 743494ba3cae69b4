"""Experiments: list, create, the experiment's page, and the steps of running one.

Evaluations, follow-ups and the findings search are in ``views_evaluations.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.accounts.shortcuts import current_user as actor
from samskab.accounts.shortcuts import require
from samskab.core.charts import LineChart, line_chart
from samskab.core.forms import filter_form, form_submit
from samskab.engagement.selectors import engagement_panel
from samskab.experiments import selectors, services
from samskab.experiments.forms import (
    ApprovalForm,
    ExperimentFilterForm,
    ExperimentForm,
    IndicatorForm,
    MeasurementForm,
    ParticipantForm,
    StatusForm,
)
from samskab.experiments.models import Experiment, Indicator, Participant, Status
from samskab.experiments.permissions import may_approve_zero_error

PAGE_SIZE = 25


def experiment_or_404(request: HttpRequest, pk: int) -> Experiment:
    """The experiment with everything its page shows; 404 when the user may not see it."""
    experiment = selectors.experiment_get(user=request.user, pk=pk)
    if experiment is None:
        raise Http404
    return experiment


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = filter_form(ExperimentFilterForm, request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    experiments = selectors.experiment_list(
        user=request.user,
        status=filters.get("status") or "",
        department=filters.get("department"),
        text=(filters.get("q") or "").strip(),
    )
    page = Paginator(experiments, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "experiments/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_add": request.user.has_perm("experiments.create_experiment"),
            "can_see_follow_ups": request.user.has_perm("experiments.view_follow_up_overview"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require(request, "experiments.create_experiment", None)
    form = ExperimentForm(request.POST if request.method == "POST" else None)
    done = form_submit(
        request,
        form,
        lambda _data: services.experiment_create(
            actor=actor(request), data=form.data_for_service()
        ),
        success=_("The experiment has been created."),
        then=lambda experiment: experiment,
    )
    if done:
        return done
    return render(request, "experiments/form.html", {"form": form, "experiment": None})


def indicator_chart(indicator: Indicator, experiment: Experiment) -> LineChart:
    """An indicator's measurements against its baseline and target, over the experiment's
    period (drawn by core/_line_chart.html through experiments/_chart.html)."""
    return line_chart(
        [(m.measured_on, m.value) for m in indicator.measurements.all()],
        unit=indicator.unit,
        references=[
            (indicator.baseline, "baseline", _("Baseline (dashed line)")),
            (indicator.target, "target", _("Target (dotted line)")),
        ],
        start=experiment.start_date,
        end=experiment.end_date,
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    indicators = [
        {
            "indicator": indicator,
            "measurements": list(indicator.measurements.all()),
            "chart": indicator_chart(indicator, experiment),
        }
        for indicator in experiment.indicators.all()
    ]
    participants = list(experiment.participants.all())
    user = request.user
    return render(
        request,
        "experiments/detail.html",
        {
            "experiment": experiment,
            "indicators": indicators,
            "participants": participants,
            "employee_count": sum(
                p.number for p in participants if p.kind == Participant.Kind.EMPLOYEE
            ),
            "citizen_count": sum(
                p.number for p in participants if p.kind == Participant.Kind.CITIZEN
            ),
            "can_see_names": user.has_perm("experiments.create_experiment"),
            "origin": selectors.origin_link(experiment),
            "start_problems": (
                services.start_problems(experiment) if experiment.status == Status.PLANNED else []
            ),
            "can_edit": user.has_perm("experiments.edit_experiment", experiment),
            "can_change_status": user.has_perm("experiments.change_status", experiment)
            and bool(experiment.allowed_statuses),
            "can_measure": user.has_perm("experiments.record_measurement", experiment)
            and bool(indicators),
            "can_approve": user.has_perm("experiments.approve_zero_error", experiment)
            and may_approve_zero_error(user, experiment),
            "can_evaluate": user.has_perm("experiments.create_evaluation", experiment),
            "engagement": engagement_panel(
                target=experiment, user=user, next_url=experiment.get_absolute_url()
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.edit_experiment", experiment)
    was_approved = experiment.zero_error_approved_at is not None
    posted = request.method == "POST"
    form = ExperimentForm(
        request.POST if posted else None,
        instance=Experiment.objects.get(pk=experiment.pk) if posted else experiment,
    )

    def warn_if_approval_lapsed(saved: Experiment) -> Experiment:
        if was_approved and saved.zero_error_approved_at is None:
            messages.warning(
                request,
                _(
                    "What the zero-error approval was based on has changed, so the "
                    "experiment must be approved again before it may start."
                ),
            )
        return saved

    done = form_submit(
        request,
        form,
        lambda _data: services.experiment_update(
            experiment=experiment, actor=actor(request), data=form.data_for_service()
        ),
        success=_("The experiment has been saved."),
        then=warn_if_approval_lapsed,
    )
    if done:
        return done
    return render(request, "experiments/form.html", {"form": form, "experiment": experiment})


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.edit_experiment", experiment)
    form = ParticipantForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.participant_add(
            experiment=experiment,
            actor=actor(request),
            kind=data["kind"],
            user=data["user"],
            name=data["name"],
            number=data["number"],
            role=data["role"],
        ),
        success=_("The participant has been added."),
        then=experiment,
    )
    if done:
        return done
    return render(
        request,
        "experiments/step_form.html",
        {
            "form": form,
            "experiment": experiment,
            "heading": _("Add participants"),
            "submit": _("Add"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.edit_experiment", experiment)
    form = IndicatorForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.indicator_add(
            experiment=experiment,
            actor=actor(request),
            name=data["name"],
            unit=data["unit"],
            baseline=data["baseline"],
            target=data["target"],
            description=data["description"],
        ),
        success=_("The indicator has been added."),
        then=experiment,
    )
    if done:
        return done
    return render(
        request,
        "experiments/step_form.html",
        {
            "form": form,
            "experiment": experiment,
            "heading": _("Add an indicator"),
            "intro": _(
                "An indicator shows whether the hypothesis holds. The baseline is the level "
                "before the experiment; the target is the level you expect if it works."
            ),
            "submit": _("Add"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.record_measurement", experiment)
    form = MeasurementForm(request.POST or None, experiment=experiment)
    done = form_submit(
        request,
        form,
        lambda data: services.measurement_record(
            indicator=data["indicator"],
            actor=actor(request),
            measured_on=data["measured_on"],
            value=data["value"],
            note=data["note"],
        ),
        success=_("The measurement has been recorded."),
        then=experiment,
    )
    if done:
        return done
    return render(
        request,
        "experiments/step_form.html",
        {
            "form": form,
            "experiment": experiment,
            "heading": _("Record a measurement"),
            "submit": _("Record"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def status_change(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.change_status", experiment)
    form = StatusForm(request.POST or None, experiment=experiment)
    done = form_submit(
        request,
        form,
        lambda data: services.experiment_status_change(
            experiment=experiment,
            actor=actor(request),
            to_status=data["to_status"],
            note=data["note"],
        ),
        # Read after the change: the service updates the experiment it was given.
        success=lambda _result: (
            _("The experiment is now: %(status)s.") % {"status": experiment.get_status_display()}
        ),
        then=experiment,
    )
    if done:
        return done
    return render(
        request,
        "experiments/step_form.html",
        {
            "form": form,
            "experiment": experiment,
            "heading": _("Change the status"),
            "problems": (
                services.start_problems(experiment) if experiment.status == Status.PLANNED else []
            ),
            "submit": _("Change the status"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = experiment_or_404(request, pk)
    require(request, "experiments.approve_zero_error", experiment)
    if not may_approve_zero_error(request.user, experiment):
        raise PermissionDenied  # a superuser passes every has_perm, but not this
    form = ApprovalForm(request.POST or None)
    done = form_submit(
        request,
        form,
        lambda data: services.experiment_zero_error_approve(
            experiment=experiment, actor=actor(request), note=data["note"]
        ),
        success=_("The experiment is approved and may start."),
        then=experiment,
    )
    if done:
        return done
    return render(request, "experiments/approve.html", {"form": form, "experiment": experiment})
