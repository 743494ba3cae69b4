"""Following a decision to realise an idea: the realisation's page and the overdue list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.forms import form_submit
from samskab.ideas import selectors, services_realisations
from samskab.ideas.forms import MilestoneForm, RealisationForm
from samskab.ideas.models import Idea, Realisation
from samskab.ideas.views import idea_or_404


def _realisation_for(request: HttpRequest, pk: int) -> tuple[Idea, Realisation]:
    idea = idea_or_404(request, pk)
    realisation = selectors.realisation_for(idea)
    if realisation is None:
        raise Http404
    if not request.user.has_perm("ideas.manage_realisation", idea):
        raise PermissionDenied
    return idea, realisation


def _page(
    request: HttpRequest,
    idea: Idea,
    realisation: Realisation,
    *,
    form: RealisationForm | None = None,
    milestone_form: MilestoneForm | None = None,
    status: int = 200,
) -> HttpResponse:
    form = form or RealisationForm(
        initial={
            "state": realisation.state,
            "due_date": realisation.due_date,
            "responsible": realisation.responsible_id,
            "public_note": realisation.public_note,
        }
    )
    return render(
        request,
        "ideas/realisation.html",
        {
            "idea": idea,
            "realisation": realisation,
            "milestones": list(realisation.milestones.all()),
            "form": form,
            "milestone_form": milestone_form or MilestoneForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def realisation(request: HttpRequest, pk: int) -> HttpResponse:
    idea, realisation = _realisation_for(request, pk)
    if request.method != "POST":
        return _page(request, idea, realisation)
    form = RealisationForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services_realisations.realisation_update(
            realisation=realisation,
            actor=request.user,  # type: ignore[arg-type]
            state=data["state"],
            due_date=data["due_date"],
            responsible=data["responsible"],
            public_note=data["public_note"],
        ),
        success=_("The realisation has been updated."),
        then=idea,
    )
    if done:
        return done
    return _page(request, idea, realisation, form=form)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    idea, realisation = _realisation_for(request, pk)
    form = MilestoneForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services_realisations.milestone_add(
            realisation=realisation,
            actor=request.user,  # type: ignore[arg-type]
            title=data["title"],
            due_date=data["due_date"],
        ),
        success=_("The milestone has been added."),
        then=reverse("ideas:realisation", args=[idea.pk]),
    )
    if done:
        return done
    return _page(request, idea, realisation, milestone_form=form)


@login_required
@require_POST
def milestone_reach(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    idea, realisation = _realisation_for(request, pk)
    milestone = next((m for m in realisation.milestones.all() if m.pk == milestone_pk), None)
    if milestone is None:
        raise Http404
    services_realisations.milestone_reach(milestone=milestone, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The milestone is marked as reached."))
    return redirect("ideas:realisation", pk=idea.pk)


@login_required
@require_GET
def realisations(request: HttpRequest) -> HttpResponse:
    """Every realisation not yet done, the overdue ones first and marked."""
    if not request.user.has_perm("ideas.view_realisations"):
        raise PermissionDenied
    today = timezone.localdate()
    items = list(selectors.open_realisations())
    return render(
        request,
        "ideas/realisations.html",
        {
            "overdue": [r for r in items if r.due_date < today],
            "upcoming": [r for r in items if r.due_date >= today],
            "today": today,
        },
    )
