"""The workshop of an idea decided "develop further in a workshop": choose an upcoming
workshop or create one, then record its outcome, which returns the idea for a decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samskab.core.forms import form_add_errors
from samskab.ideas.selectors import idea_get
from samskab.meetings import services_workshops
from samskab.meetings.forms import MeetingForm, WorkshopChoiceForm, WorkshopOutcomeForm
from samskab.meetings.models import Kind
from samskab.meetings.views import actor


@login_required
@require_http_methods(["GET", "POST"])
def idea_workshop(request: HttpRequest, idea_pk: int) -> HttpResponse:
    idea = idea_get(user=request.user, pk=idea_pk)
    if idea is None:
        raise Http404
    if not request.user.has_perm("ideas.manage_workshop", idea):
        raise PermissionDenied
    workshop = getattr(idea, "workshop", None)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    choose = WorkshopChoiceForm(data if action == "choose" else None)
    create = MeetingForm(
        data if action == "create" else None,
        prefix="new",
        user=request.user,
        initial={"kind": Kind.WORKSHOP, "title": idea.title, "area": idea.area_id},
    )
    outcome = WorkshopOutcomeForm(data if action == "outcome" else None)
    try:
        if action == "choose" and choose.is_valid():
            services_workshops.idea_workshop_link(
                idea=idea, actor=actor(request), meeting=choose.cleaned_data["meeting"]
            )
            messages.success(request, _("The idea is linked to the workshop."))
            return redirect(idea)
        if action == "create" and create.is_valid():
            services_workshops.idea_workshop_create(
                idea=idea, actor=actor(request), data=create.data_for_service()
            )
            messages.success(request, _("The workshop has been created and linked to the idea."))
            return redirect(idea)
        if action == "outcome" and outcome.is_valid() and workshop is not None:
            services_workshops.idea_workshop_outcome(
                workshop=workshop, actor=actor(request), outcome=outcome.cleaned_data["outcome"]
            )
            messages.success(
                request, _("The outcome has been recorded. The idea now awaits a new decision.")
            )
            return redirect(idea)
    except ValidationError as error:
        form = {"choose": choose, "create": create, "outcome": outcome}[action]
        form_add_errors(form, error)
    return render(
        request,
        "meetings/idea_workshop.html",
        {
            "idea": idea,
            "workshop": workshop,
            "choose_form": choose,
            "create_form": create,
            "outcome_form": outcome,
        },
    )
