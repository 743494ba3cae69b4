"""Meetings: list, create, the meeting's page, registration, calendar file, participants,
minutes, decisions and ideas submitted at the meeting.

Networks are in ``views_networks.py``, local areas in ``views_areas.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.models import User
from samskab.core.forms import filter_form, form_add_errors, form_submit
from samskab.engagement.selectors import engagement_panel
from samskab.meetings import selectors, services
from samskab.meetings.forms import (
    DecisionForm,
    MeetingFilterForm,
    MeetingForm,
    MeetingIdeaForm,
    MinutesForm,
    RegistrationForm,
)
from samskab.meetings.ics import meeting_calendar
from samskab.meetings.models import Meeting, Registration

PAGE_SIZE = 25


def actor(request: HttpRequest) -> User:
    """The logged-in user (views that write are behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user


def require(request: HttpRequest, permission: str, obj: Any) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = filter_form(MeetingFilterForm, request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    past = request.GET.get("tidligere") == "1"
    meetings = selectors.meeting_list(
        user=request.user, kind=filters.get("kind") or "", area=filters.get("area"), past=past
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "meetings/index.html",
        {
            "form": form,
            "page": page,
            "past": past,
            "query": query.urlencode(),
            "mine": selectors.my_meetings(request.user),
            "can_add": request.user.has_perm("meetings.create_meeting"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require(request, "meetings.create_meeting", None)
    form = MeetingForm(request.POST or None, user=request.user)
    done = form_submit(
        request,
        form,
        lambda _data: services.meeting_create(actor=actor(request), data=form.data_for_service()),
        success=_("The meeting has been created."),
        then=lambda meeting: meeting,
    )
    if done:
        return done
    return render(request, "meetings/form.html", {"form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.edit_meeting", meeting)
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    done = form_submit(
        request,
        form,
        lambda _data: services.meeting_update(
            meeting=meeting, actor=actor(request), data=form.data_for_service()
        ),
        success=_("The meeting has been saved."),
        then=meeting,
    )
    if done:
        return done
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    user = request.user
    registration = selectors.registration_of(meeting=meeting, user=user)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "registration": registration,
            "waiting_position": (
                selectors.waiting_position(registration)
                if registration is not None and registration.status == Registration.Status.WAITING
                else None
            ),
            "free_places": max(meeting.capacity - meeting.registered_count, 0),  # type: ignore[attr-defined]
            "registration_form": RegistrationForm(),
            "ideas": selectors.meeting_ideas_visible(meeting=meeting, user=user),
            "can_register": user.has_perm("meetings.register", meeting),
            "is_upcoming": meeting.starts_at > timezone.now(),
            "can_change": user.has_perm("meetings.edit_meeting", meeting),
            "can_see_participants": user.has_perm("meetings.view_participants", meeting),
            "can_add_idea": user.has_perm("meetings.add_idea", meeting),
            "engagement": engagement_panel(
                target=meeting, user=user, next_url=meeting.get_absolute_url()
            ),
        },
    )


@require_GET
def calendar_file(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    response = HttpResponse(meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="samskab-moede-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.register", meeting)
    form = RegistrationForm(request.POST)
    needs = form.cleaned_data["needs"] if form.is_valid() else ""
    try:
        registration = services.registration_create(
            meeting=meeting, user=actor(request), needs=needs
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. We have sent you an e-mail."))
        else:
            messages.success(
                request,
                _(
                    "The meeting is full, so you are on the waiting list. "
                    "We will e-mail you if a place becomes free."
                ),
            )
    return redirect(meeting)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    try:
        services.registration_cancel(meeting=meeting, user=actor(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(meeting)


@login_required
@require_GET
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.view_participants", meeting)
    return render(
        request,
        "meetings/participants.html",
        {"meeting": meeting, "participants": selectors.participants_of(meeting)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.record_minutes", meeting)
    form = MinutesForm(request.POST or None, instance=meeting)
    ideas = selectors.meeting_ideas_visible(meeting=meeting, user=request.user)
    decision_form = DecisionForm(ideas=ideas)
    if request.method == "POST" and form.is_valid():
        services.meeting_minutes_save(
            meeting=meeting,
            actor=actor(request),
            agenda=form.cleaned_data["agenda"],
            minutes=form.cleaned_data["minutes"],
        )
        messages.success(request, _("The agenda and minutes have been saved."))
        return redirect(meeting)
    return render(
        request,
        "meetings/minutes.html",
        {"meeting": meeting, "form": form, "decision_form": decision_form},
    )


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.record_minutes", meeting)
    ideas = selectors.meeting_ideas_visible(meeting=meeting, user=request.user)
    decision_form = DecisionForm(request.POST, ideas=ideas)
    if decision_form.is_valid():
        try:
            services.meeting_decision_record(
                meeting=meeting,
                actor=actor(request),
                text=decision_form.cleaned_data["text"],
                idea=decision_form.cleaned_data["idea"],
            )
        except ValidationError as error:
            form_add_errors(decision_form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(meeting)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "form": MinutesForm(instance=meeting),
            "decision_form": decision_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    require(request, "meetings.add_idea", meeting)
    form = MeetingIdeaForm(request.POST or None, initial={"area": meeting.area_id})
    done = form_submit(
        request,
        form,
        lambda data: services.meeting_idea_submit(meeting=meeting, author=actor(request), **data),
        success=_("The idea has been submitted to the idea bank and linked to the meeting."),
        then=meeting,
    )
    if done:
        return done
    return render(request, "meetings/idea_form.html", {"meeting": meeting, "form": form})
