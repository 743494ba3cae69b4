"""Decision meetings (beslutningsmøder): the secretariat builds an agenda of ideas awaiting
a decision and records the decisions taken at the meeting in one go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samskab.ideas import selectors, services
from samskab.ideas.forms import AgendaForm, MeetingDecisionForm, MeetingForm
from samskab.ideas.models import Meeting


def _require_secretariat(request: HttpRequest) -> None:
    if not request.user.has_perm("ideas.manage_meetings"):
        raise PermissionDenied


def _meeting_or_404(pk: int) -> Meeting:
    meeting = selectors.meeting_get(pk)
    if meeting is None:
        raise Http404
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user,  # type: ignore[arg-type]
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting has been created. Now build its agenda."))
            return redirect(meeting)
    return render(
        request,
        "ideas/meetings.html",
        {
            "form": form,
            "meetings": selectors.meeting_list(),
            "awaiting": selectors.awaiting_decision(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    _require_secretariat(request)
    meeting = _meeting_or_404(pk)
    candidates = selectors.agenda_candidates(meeting)
    if request.method == "POST":
        form = AgendaForm(request.POST, candidates=candidates)
        if form.is_valid():
            try:
                services.meeting_agenda_set(
                    meeting=meeting,
                    actor=request.user,  # type: ignore[arg-type]
                    ideas=list(form.cleaned_data["ideas"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The agenda has been saved."))
                return redirect(meeting)
    else:
        form = AgendaForm(
            initial={"ideas": [idea.pk for idea in meeting.ideas.all()]}, candidates=candidates
        )
    return render(request, "ideas/meeting.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    _require_secretariat(request)
    meeting = _meeting_or_404(pk)
    if meeting.decisions_recorded_at is not None:
        messages.error(request, _("The decisions of this meeting have been recorded."))
        return redirect(meeting)
    agenda = list(meeting.ideas.all())
    data = request.POST if request.method == "POST" else None
    items = [(idea, MeetingDecisionForm(data, prefix=f"idea-{idea.pk}")) for idea in agenda]
    if data is not None and all(form.is_valid() for _idea, form in items):
        decisions = [
            services.MeetingDecision(
                idea=idea,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                park_until=form.cleaned_data["park_until"],
            )
            for idea, form in items
        ]
        try:
            services.meeting_decisions_record(
                meeting=meeting,
                actor=request.user,  # type: ignore[arg-type]
                decisions=decisions,
            )
        except ValidationError as error:
            by_idea = error.message_dict if hasattr(error, "error_dict") else {}
            for idea, form in items:
                for message in by_idea.get(f"idea-{idea.pk}", []):
                    form.add_error(None, message)
            if not by_idea:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting's decisions have been recorded."))
            return redirect(meeting)
    return render(request, "ideas/meeting_decisions.html", {"meeting": meeting, "items": items})
