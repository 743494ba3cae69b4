"""Every write to meetings, registrations, networks and local plans.

Each function is one transaction and raises ``ValidationError`` (with field names where a
form can show them) when the input or the state does not allow the change.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.core.jobs import each_item
from samskab.core.models import Area
from samskab.core.notifications import notify
from samskab.follows.services import followers_notify
from samskab.ideas.models import Idea, Theme
from samskab.ideas.services import idea_submit
from samskab.meetings.models import (
    Action,
    Goal,
    LocalPlan,
    Meeting,
    MeetingDecision,
    MeetingIdea,
    Membership,
    Network,
    PlanChange,
    Registration,
)
from samskab.organisations.models import Kind as OrganisationKind
from samskab.organisations.models import Organisation

# Participant lists of meetings are kept this long after the meeting, then deleted.
REGISTRATION_RETENTION_DAYS = 365

Status = Registration.Status


@dataclass(frozen=True)
class MeetingData:
    """What an organiser fills in about a meeting (the form's cleaned data)."""

    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    description: str = ""
    place: str = ""
    online_url: str = ""
    accessibility: str = ""
    area: Area | None = None
    network: Network | None = None
    is_published: bool = True
    agenda: str = ""


def _meeting_validate(data: MeetingData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("This field is required.")
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if not data.place.strip() and not data.online_url.strip():
        errors["place"] = _("Give a place or an online link.")
    if data.capacity < 1:
        errors["capacity"] = _("A meeting needs at least one place.")
    if errors:
        raise ValidationError(errors)


def _subject(text: Any, **values: Any) -> str:
    return str(format_lazy(text, **values))


def _locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until the transaction ends, so that registrations for the
    same meeting are counted one at a time (PostgreSQL; SQLite serialises every write)."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _registered_count(meeting: Meeting) -> int:
    return Registration.objects.filter(meeting=meeting, status=Status.REGISTERED).count()


def _fill_from_waiting_list(meeting: Meeting) -> list[Registration]:
    """Move people from the waiting list into free places, first come first served, and
    tell them. The caller holds the lock on the meeting."""
    free = meeting.capacity - _registered_count(meeting)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(meeting=meeting, status=Status.WAITING)
        .select_related("user")
        .order_by("registered_at", "id")[:free]
    )
    for registration in promoted:
        registration.status = Status.REGISTERED
        registration.save(update_fields=["status"])
        notify(
            recipient=registration.user,
            subject=_subject(gettext_lazy("You have a place at “{title}”"), title=meeting.title),
            template="meetings/email/promoted.txt",
            context={"meeting": meeting},
            force=True,
        )
    return promoted


@transaction.atomic
def meeting_create(*, actor: User, data: MeetingData) -> Meeting:
    """Create a meeting organised by ``actor``."""
    _meeting_validate(data)
    meeting = Meeting.objects.create(organiser=actor, **asdict(data))
    audit_record(actor=actor, action="meeting_create", obj=meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: User, data: MeetingData) -> Meeting:
    """Change a meeting. More places move people up from the waiting list; fewer places
    never take a place from someone who has one."""
    _meeting_validate(data)
    meeting = _locked(meeting)
    for name, value in asdict(data).items():
        setattr(meeting, name, value)
    meeting.save()
    _fill_from_waiting_list(meeting)
    audit_record(actor=actor, action="meeting_update", obj=meeting)
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The meeting has been changed. It starts %(when)s.") % {
            "when": date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        }
    followers_notify(
        target=meeting,
        subject=_subject(gettext_lazy("News about the meeting “{title}”"), title=meeting.title),
        text=text,
        exclude=(actor.pk,),
    )
    return meeting


@transaction.atomic
def registration_create(*, meeting: Meeting, user: User, needs: str = "") -> Registration:
    """Register ``user`` for the meeting, or put them on the waiting list when it is full.

    The meeting row is locked while the places are counted, so concurrent registrations
    never give out more places than the meeting has."""
    meeting = _locked(meeting)
    if not meeting.is_published or meeting.starts_at <= timezone.now():
        raise ValidationError(_("Registration for this meeting is closed."))
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration is not None and registration.status != Status.CANCELLED:
        raise ValidationError(_("You are already registered for this meeting."))
    status = Status.REGISTERED if _registered_count(meeting) < meeting.capacity else Status.WAITING
    if registration is None:
        registration = Registration(meeting=meeting, user=user)
    registration.status = status
    registration.needs = needs.strip()[:300]
    registration.registered_at = timezone.now()
    registration.reminder_sent_at = None
    registration.save()
    subject = (
        gettext_lazy("You are registered for “{title}”")
        if status == Status.REGISTERED
        else gettext_lazy("You are on the waiting list for “{title}”")
    )
    notify(
        recipient=user,
        subject=_subject(subject, title=meeting.title),
        template="meetings/email/registered.txt",
        context={"meeting": meeting, "registration": registration},
        force=True,
    )
    return registration


@transaction.atomic
def registration_cancel(*, meeting: Meeting, user: User) -> Registration:
    """Cancel ``user``'s registration or place on the waiting list. A place that becomes
    free goes to the first person on the waiting list, who is told by e-mail."""
    meeting = _locked(meeting)
    registration = Registration.objects.filter(
        meeting=meeting, user=user, status__in=[Status.REGISTERED, Status.WAITING]
    ).first()
    if registration is None:
        raise ValidationError(_("You are not registered for this meeting."))
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    if meeting.starts_at > timezone.now():
        _fill_from_waiting_list(meeting)
    return registration


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, actor: User, agenda: str, minutes: str) -> Meeting:
    """Save the agenda and the minutes. Followers hear when the minutes first appear (not of
    every later correction)."""
    had_minutes = bool(meeting.minutes)
    meeting.agenda = agenda.strip()
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["agenda", "minutes"])
    audit_record(actor=actor, action="meeting_minutes", obj=meeting)
    if meeting.minutes and not had_minutes:
        with translation.override(settings.LANGUAGE_CODE):
            text = _("The minutes of the meeting are published.")
        followers_notify(
            target=meeting,
            subject=_subject(gettext_lazy("News about the meeting “{title}”"), title=meeting.title),
            text=text,
            exclude=(actor.pk,),
        )
    return meeting


@transaction.atomic
def meeting_decision_record(
    *, meeting: Meeting, actor: User, text: str, idea: Idea | None = None
) -> MeetingDecision:
    """Record a decision taken at the meeting, optionally about one of its ideas."""
    if not text.strip():
        raise ValidationError({"text": _("This field is required.")})
    if idea is not None and not MeetingIdea.objects.filter(meeting=meeting, idea=idea).exists():
        raise ValidationError({"idea": _("Choose an idea from this meeting.")})
    decision = MeetingDecision.objects.create(
        meeting=meeting, text=text.strip(), idea=idea, recorded_by=actor
    )
    audit_record(actor=actor, action="meeting_decision", obj=meeting)
    followers_notify(
        target=meeting,
        subject=_subject(gettext_lazy("News about the meeting “{title}”"), title=meeting.title),
        text=decision.text,
        exclude=(actor.pk,),
    )
    return decision


@transaction.atomic
def meeting_idea_submit(
    *,
    meeting: Meeting,
    author: User,
    title: str,
    problem: str,
    description: str,
    beneficiaries: str,
    theme: Theme,
    area: Area,
) -> Idea:
    """Submit an idea to the idea bank from a meeting, and link it to the meeting."""
    idea = idea_submit(
        author=author,
        title=title,
        problem=problem,
        description=description,
        beneficiaries=beneficiaries,
        area=area,
        theme=theme,
    )
    MeetingIdea.objects.create(meeting=meeting, idea=idea)
    return idea


def meeting_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a place at a meeting that starts tomorrow (local time).

    Safe to run any number of times: each registration is reminded once. Each registration
    in its own transaction: one that fails is logged and the rest carry on."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    due = Registration.objects.filter(
        status=Status.REGISTERED,
        reminder_sent_at__isnull=True,
        meeting__is_published=True,
        meeting__starts_at__gte=start,
        meeting__starts_at__lt=end,
    ).values_list("pk", flat=True)

    def remind(pk: int) -> bool:
        registration = (
            Registration.objects.select_for_update()
            .select_related("meeting", "user")
            .filter(pk=pk, reminder_sent_at__isnull=True, status=Status.REGISTERED)
            .first()
        )
        if registration is None:
            return False
        registration.reminder_sent_at = now
        registration.save(update_fields=["reminder_sent_at"])
        notify(
            recipient=registration.user,
            subject=_subject(
                gettext_lazy("Reminder: “{title}” is tomorrow"),
                title=registration.meeting.title,
            ),
            template="meetings/email/reminder.txt",
            context={"meeting": registration.meeting},
        )
        return True

    return each_item("meeting_reminders_send", list(due), remind).done


# --- networks --------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkData:
    name: str
    theme: str
    description: str = ""
    area: Area | None = None
    is_published: bool = True
    ideas: Sequence[Idea] = ()
    experiments: Sequence[Any] = ()


def _network_save(network: Network, data: NetworkData) -> Network:
    if not data.name.strip() or not data.theme.strip():
        raise ValidationError(
            {
                name: _("This field is required.")
                for name in ("name", "theme")
                if not getattr(data, name).strip()
            }
        )
    network.name = data.name.strip()
    network.theme = data.theme.strip()
    network.description = data.description.strip()
    network.area = data.area
    network.is_published = data.is_published
    network.save()
    network.ideas.set(data.ideas)
    network.experiments.set(data.experiments)
    return network


@transaction.atomic
def network_create(*, actor: User, data: NetworkData) -> Network:
    """Create a network coordinated by ``actor``, who becomes its first member."""
    network = _network_save(Network(created_by=actor), data)
    Membership.objects.create(network=network, user=actor)
    audit_record(actor=actor, action="network_create", obj=network)
    return network


@transaction.atomic
def network_update(*, network: Network, actor: User, data: NetworkData) -> Network:
    network = _network_save(network, data)
    audit_record(actor=actor, action="network_update", obj=network)
    return network


@transaction.atomic
def network_join(*, network: Network, user: User) -> Membership:
    membership, _created = Membership.objects.get_or_create(network=network, user=user)
    return membership


@transaction.atomic
def network_leave(*, network: Network, user: User) -> None:
    Membership.objects.filter(network=network, user=user).delete()


# --- local development plans --------------------------------------------------------------


@dataclass(frozen=True)
class PlanData:
    title: str
    summary: str = ""
    organisation: Organisation | None = None
    local_council: str = ""
    local_council_contact: str = ""
    contact: User | None = None
    is_published: bool = True


@transaction.atomic
def plan_save(*, area: Area, actor: User, data: PlanData) -> LocalPlan:
    """Create or change the local development plan of ``area``."""
    if not data.title.strip():
        raise ValidationError({"title": _("This field is required.")})
    if data.organisation is not None and data.organisation.kind != OrganisationKind.LOCAL_COUNCIL:
        raise ValidationError({"organisation": _("Choose a local council.")})
    plan, _created = LocalPlan.objects.update_or_create(
        area=area,
        defaults={
            "title": data.title.strip(),
            "summary": data.summary.strip(),
            "organisation": data.organisation,
            "local_council": data.local_council.strip(),
            "local_council_contact": data.local_council_contact.strip(),
            "contact": data.contact,
            "is_published": data.is_published,
        },
    )
    audit_record(actor=actor, action="plan_save", obj=plan)
    return plan


@transaction.atomic
def plan_goal_add(*, plan: LocalPlan, actor: User, text: str) -> Goal:
    if not text.strip():
        raise ValidationError({"text": _("This field is required.")})
    return Goal.objects.create(plan=plan, text=text.strip())


@transaction.atomic
def plan_action_add(
    *,
    plan: LocalPlan,
    actor: User,
    title: str,
    description: str = "",
    status: str = Action.Status.PLANNED,
    responsible: str = "",
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> Action:
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    return Action.objects.create(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        status=status,
        responsible=responsible.strip(),
        place=place.strip(),
        latitude=latitude,
        longitude=longitude,
    )


@transaction.atomic
def plan_action_status_set(*, action: Action, actor: User, status: str) -> Action:
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    action.status = status
    action.save(update_fields=["status"])
    audit_record(actor=actor, action="plan_action_status", obj=action.plan)
    if action.plan.is_published:
        with translation.override(settings.LANGUAGE_CODE):
            text = f"{action}: {action.get_status_display()}"
        followers_notify(
            target=action.plan,
            subject=_subject(
                gettext_lazy("News about the plan “{title}”"), title=action.plan.title
            ),
            text=text,
            exclude=(actor.pk,),
        )
    return action


# --- personal data -----------------------------------------------------------------------


def meetings_export_for_user(user: User) -> dict[str, Any]:
    registrations: QuerySet[Registration] = user.meeting_registrations.select_related("meeting")
    return {
        "registrations": [
            {
                "meeting": registration.meeting.title,
                "starts_at": registration.meeting.starts_at.isoformat(),
                "status": registration.status,
                "needs": registration.needs,
                "registered_at": registration.registered_at.isoformat(),
            }
            for registration in registrations
        ],
        "networks": [
            {"network": membership.network.name, "joined_at": membership.joined_at.isoformat()}
            for membership in user.network_memberships.select_related("network")
        ],
        "plan_changes": [
            {
                "plan": change.plan.title,
                "subject": change.subject,
                "operation": change.operation,
                "proposed": change.data,
                "status": change.status,
                "submitted_at": change.submitted_at.isoformat(),
                "reason_sent_back": change.reason,
            }
            for change in PlanChange.objects.filter(submitted_by=user).select_related("plan")
        ],
    }


def meetings_erase_for_user(user: User) -> None:
    """Give up the person's places (the waiting list moves up), then delete their
    registrations and memberships. Meetings they organised stay, without their name. Their
    proposed changes to local plans that were never published are deleted; published ones
    stay in the plan's history without their name."""
    upcoming = Registration.objects.filter(
        user=user,
        status__in=[Status.REGISTERED, Status.WAITING],
        meeting__starts_at__gt=timezone.now(),
    ).select_related("meeting")
    for registration in list(upcoming):
        registration_cancel(meeting=registration.meeting, user=user)
    Registration.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    changes = PlanChange.objects.filter(submitted_by=user)
    changes.exclude(status=PlanChange.Status.PUBLISHED).delete()
    changes.update(submitted_by=None)
    PlanChange.objects.filter(decided_by=user).update(decided_by=None)


def meetings_delete_expired(now: datetime.datetime) -> int:
    """Delete participant lists of meetings that ended more than a year ago."""
    cutoff = now - datetime.timedelta(days=REGISTRATION_RETENTION_DAYS)
    deleted, _details = Registration.objects.filter(meeting__ends_at__lt=cutoff).delete()
    return deleted
