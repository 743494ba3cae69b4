"""Every write to ideas. Each function is one transaction; bad input raises ValidationError.

Each change of status adds an event to the idea's timeline and e-mails the submitter.
Deadlines per step come from settings with defaults: IDEAS_SCREENING_DAYS (14),
IDEAS_ASSESSMENT_DAYS (30), IDEAS_DECISION_DAYS (14) and IDEAS_REMINDER_DAYS_BEFORE (3).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import Role, User
from samskab.accounts.permissions import has_role
from samskab.core.audit import audit_record
from samskab.core.jobs import each_item
from samskab.core.models import Area, Department
from samskab.core.notifications import notify
from samskab.follows.services import follow_add, followers_notify
from samskab.ideas.attachments import attachments_validate
from samskab.ideas.models import (
    DECISION_STATUS,
    HANDLING_STATUSES,
    OPEN_STATUSES,
    Assessment,
    Attachment,
    Criterion,
    Decision,
    DecisionKind,
    Event,
    Idea,
    Meeting,
    Reminder,
    Score,
    Status,
    Theme,
)
from samskab.meetings.goals import goal_error
from samskab.meetings.models import Goal


def screening_days() -> int:
    return int(getattr(settings, "IDEAS_SCREENING_DAYS", 14))


def assessment_days() -> int:
    return int(getattr(settings, "IDEAS_ASSESSMENT_DAYS", 30))


def decision_days() -> int:
    return int(getattr(settings, "IDEAS_DECISION_DAYS", 14))


def reminder_days_before() -> int:
    return int(getattr(settings, "IDEAS_REMINDER_DAYS_BEFORE", 3))


def _subject(text: Any, **values: Any) -> str:
    """A lazy e-mail subject: ``notify`` renders it in the site's language. (Typed as str,
    which is what ``notify`` declares, though it accepts lazy text.)"""
    return cast(str, format_lazy(text, **values))


def _secretariat() -> QuerySet[User]:
    return User.objects.filter(role=Role.SECRETARIAT, is_active=True)


def _event(idea: Idea, kind: str, actor: User | None, message: str = "") -> Event:
    return Event.objects.create(
        idea=idea,
        at=timezone.now(),
        actor=actor,
        kind=kind,
        status=idea.status,
        message=message,
        deadline=idea.deadline if idea.status in OPEN_STATUSES else None,
    )


def _tell_author(idea: Idea, event: Event) -> None:
    """Tell the submitter, and everyone else who follows the idea (samskab.follows)."""
    notify(
        recipient=idea.author,
        subject=_subject(gettext_lazy("News about your idea “{title}”"), title=idea.title),
        template="ideas/email/status_changed.txt",
        context={"idea": idea, "event": event},
    )
    if idea.is_hidden:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = f"{event.get_kind_display()}: {idea.get_status_display()}"
    if event.message:
        text += f"\n\n{event.message}"
    followers_notify(
        target=idea,
        subject=_subject(gettext_lazy("News about the idea “{title}”"), title=idea.title),
        text=text,
        exclude=(idea.author_id, event.actor_id),
    )


def _tell_responsible(idea: Idea, subject: Any) -> None:
    notify(
        recipient=idea.responsible,
        subject=subject,
        template="ideas/email/assigned.txt",
        context={"idea": idea},
    )


@transaction.atomic
def idea_submit(
    *,
    author: User,
    title: str,
    problem: str,
    description: str,
    beneficiaries: str,
    area: Area,
    theme: Theme,
    department: Department | None = None,
    is_internal: bool = False,
    files: Sequence[UploadedFile] = (),
    plan_goal: Goal | None = None,
) -> Idea:
    """Submit a new idea. It awaits screening by the secretariat within the screening days.
    ``plan_goal``: a goal of the area's local development plan that the idea supports."""
    if is_internal and not has_role(author, Role.EMPLOYEE):
        raise ValidationError({"is_internal": _("Only employees can submit internal ideas.")})
    texts = {
        "title": title.strip(),
        "problem": problem.strip(),
        "description": description.strip(),
        "beneficiaries": beneficiaries.strip(),
    }
    missing = {name: _("This field is required.") for name, value in texts.items() if not value}
    if missing:
        raise ValidationError(missing)
    attachments_validate(files)
    if problem_with_goal := goal_error(plan_goal, area):
        raise ValidationError({"plan_goal": problem_with_goal})
    now = timezone.now()
    idea = Idea.objects.create(
        author=author,
        area=area,
        theme=theme,
        plan_goal=plan_goal,
        department=department,
        is_internal=is_internal,
        submitted_at=now,
        deadline=timezone.localdate(now) + timedelta(days=screening_days()),
        **texts,
    )
    for upload in files:
        Attachment.objects.create(
            idea=idea, file=upload, name=(upload.name or "")[:200], size=upload.size or 0
        )
    event = _event(idea, Event.Kind.SUBMITTED, author)
    follow_add(user=author, target=idea)  # the author follows their idea
    audit_record(actor=author, action="idea_submit", obj=idea)
    _tell_author(idea, event)
    for person in _secretariat():
        notify(
            recipient=person,
            subject=_subject(gettext_lazy("New idea to screen: “{title}”"), title=idea.title),
            template="ideas/email/new_idea.txt",
            context={"idea": idea},
        )
    return idea


def _require_status(idea: Idea, statuses: Sequence[str]) -> None:
    if idea.status not in statuses:
        raise ValidationError(
            _("This cannot be done while the idea's status is “%(status)s”.")
            % {"status": idea.get_status_display()}
        )


@transaction.atomic
def idea_route(
    *,
    idea: Idea,
    actor: User,
    department: Department,
    responsible: User,
    deadline: date,
    message: str = "",
) -> Idea:
    """Screening: route the idea to a department and a responsible manager, who must
    assess it by ``deadline``."""
    _require_status(idea, [Status.SUBMITTED])
    if not responsible.is_active or not has_role(responsible, Role.MANAGER):
        raise ValidationError({"responsible": _("The responsible person must be a manager.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    idea.department = department
    idea.responsible = responsible
    idea.status = Status.ASSESSMENT
    idea.deadline = deadline
    idea.save(update_fields=["department", "responsible", "status", "deadline"])
    event = _event(idea, Event.Kind.ROUTED, actor, message.strip())
    audit_record(actor=actor, action="idea_route", obj=idea, detail={"to": responsible.pk})
    _tell_author(idea, event)
    _tell_responsible(
        idea,
        _subject(gettext_lazy("You are responsible for the idea “{title}”"), title=idea.title),
    )
    return idea


@transaction.atomic
def idea_merge(*, idea: Idea, actor: User, into: Idea, message: str = "") -> Idea:
    """Screening: the idea duplicates ``into``; it is closed and points there."""
    _require_status(idea, [Status.SUBMITTED])
    if into.pk == idea.pk:
        raise ValidationError({"into": _("An idea cannot be merged into itself.")})
    if into.status == Status.MERGED:
        raise ValidationError({"into": _("That idea has itself been merged into another.")})
    if into.is_internal and not idea.is_internal:
        raise ValidationError({"into": _("A public idea cannot be merged into an internal idea.")})
    idea.status = Status.MERGED
    idea.merged_into = into
    idea.deadline = None
    idea.save(update_fields=["status", "merged_into", "deadline"])
    event = _event(idea, Event.Kind.MERGED, actor, message.strip())
    audit_record(actor=actor, action="idea_merge", obj=idea, detail={"into": into.pk})
    _tell_author(idea, event)
    return idea


def _mark_decided(idea: Idea, now: Any) -> None:
    if idea.decided_at is None:
        idea.decided_at = now
        idea.decided_within_deadline = (
            idea.deadline is None or timezone.localdate(now) <= idea.deadline
        )


@transaction.atomic
def idea_answer(*, idea: Idea, actor: User, answer: str) -> Idea:
    """Screening: answer the idea directly (for example, it is already being done)."""
    _require_status(idea, [Status.SUBMITTED])
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the submitter.")})
    _mark_decided(idea, timezone.now())
    idea.status = Status.ANSWERED
    idea.answer = answer
    idea.deadline = None
    idea.save(
        update_fields=["status", "answer", "deadline", "decided_at", "decided_within_deadline"]
    )
    event = _event(idea, Event.Kind.ANSWERED, actor, answer)
    audit_record(actor=actor, action="idea_answer", obj=idea)
    _tell_author(idea, event)
    return idea


@dataclass(frozen=True)
class CriterionScore:
    score: int
    text: str


@transaction.atomic
def assessment_save(
    *,
    idea: Idea,
    assessor: User,
    scores: dict[str, CriterionScore],
    cost_estimate: Any = None,
    zero_error_area: bool = False,
    zero_error_text: str = "",
    summary: str = "",
) -> Assessment:
    """Save the structured assessment: every criterion needs a score from 1 to 5 and a text.

    The first assessment moves the idea on to awaiting a decision, with a new deadline."""
    _require_status(idea, HANDLING_STATUSES)
    errors: dict[str, str] = {}
    for criterion in Criterion:
        given = scores.get(criterion.value)
        if given is None or not 1 <= given.score <= 5:
            errors[f"{criterion.value}_score"] = _("Give a score from 1 to 5.")
        if given is None or not given.text.strip():
            errors[f"{criterion.value}_text"] = _("Explain the score.")
    if zero_error_area and not zero_error_text.strip():
        errors["zero_error_text"] = _("Explain why the area demands zero errors.")
    if cost_estimate is not None and cost_estimate < 0:
        errors["cost_estimate"] = _("The cost cannot be negative.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    assessment, _created = Assessment.objects.update_or_create(
        idea=idea,
        defaults={
            "assessor": assessor,
            "assessed_at": now,
            "cost_estimate": cost_estimate,
            "zero_error_area": zero_error_area,
            "zero_error_text": zero_error_text.strip(),
            "summary": summary.strip(),
        },
    )
    for criterion in Criterion:
        given = scores[criterion.value]
        Score.objects.update_or_create(
            assessment=assessment,
            criterion=criterion.value,
            defaults={"score": given.score, "text": given.text.strip()},
        )
    if idea.status == Status.ASSESSMENT:
        idea.status = Status.AWAITING_DECISION
        idea.deadline = timezone.localdate(now) + timedelta(days=decision_days())
        idea.save(update_fields=["status", "deadline"])
        event = _event(idea, Event.Kind.ASSESSED, assessor)
        _tell_author(idea, event)
    audit_record(actor=assessor, action="idea_assess", obj=idea)
    return assessment


def _experiment_draft_for(decision: Decision) -> None:
    """Hook for the experiments capability (not built yet).

    Once ``samskab.experiments`` is installed and its services offer
    ``experiment_draft_from_idea(*, idea, decision)``, a decision to test an idea as an
    experiment creates a draft experiment there, linked back to the idea. Until then the
    decision is stored and shown, and nothing else happens.
    """
    if not apps.is_installed("samskab.experiments"):
        return
    module = importlib.import_module("samskab.experiments.services")
    create = getattr(module, "experiment_draft_from_idea", None)
    if create is not None:
        create(idea=decision.idea, decision=decision)


@transaction.atomic
def idea_decide(
    *,
    idea: Idea,
    actor: User,
    kind: str,
    reason: str,
    park_until: date | None = None,
    meeting: Meeting | None = None,
    realisation_responsible: User | None = None,
    realisation_due: date | None = None,
) -> Decision:
    """Decide on an idea with a written reason, shown to the submitter.

    Parking needs a date in the future; on that date the idea returns to the responsible
    manager's queue (see ``ideas_unpark_due``). "Realise" starts a realisation (with the
    given responsible person and due date, or the defaults); "workshop" waits for a
    workshop in the meetings module, whose outcome returns the idea for a new decision."""
    _require_status(idea, HANDLING_STATUSES)
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Choose a decision.")})
    reason = reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Write the reason for the decision. The submitter will see it.")
    today = timezone.localdate()
    if kind == DecisionKind.PARK:
        if park_until is None:
            errors["park_until"] = _("Choose the date until which the idea is parked.")
        elif park_until <= today:
            errors["park_until"] = _("The date must be in the future.")
    else:
        park_until = None
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    decision = Decision.objects.create(
        idea=idea,
        kind=kind,
        reason=reason,
        park_until=park_until,
        decided_by=actor,
        decided_at=now,
        deadline=idea.deadline,
        meeting=meeting,
    )
    _mark_decided(idea, now)
    idea.status = DECISION_STATUS[DecisionKind(kind)]
    idea.parked_until = park_until
    idea.deadline = None
    idea.save(
        update_fields=[
            "status",
            "parked_until",
            "deadline",
            "decided_at",
            "decided_within_deadline",
        ]
    )
    event = _event(idea, Event.Kind.DECIDED, actor, reason)
    audit_record(actor=actor, action="idea_decide", obj=idea, detail={"kind": kind})
    _tell_author(idea, event)
    if idea.responsible is not None and idea.responsible_id != actor.pk:
        _tell_responsible(
            idea, _subject(gettext_lazy("A decision on the idea “{title}”"), title=idea.title)
        )
    if kind == DecisionKind.EXPERIMENT:
        _experiment_draft_for(decision)
    if kind == DecisionKind.REALISE:
        # Imported here: the realisation services build on this module's helpers.
        from samskab.ideas.services_realisations import realisation_create

        realisation_create(
            idea=idea,
            actor=actor,
            responsible=realisation_responsible,
            due_date=realisation_due,
        )
    return decision


@transaction.atomic
def idea_hide(*, idea: Idea, actor: User) -> Idea:
    """Moderation: hide an abusive idea from everyone but its author and the secretariat."""
    idea.is_hidden = True
    idea.save(update_fields=["is_hidden"])
    _event(idea, Event.Kind.HIDDEN, actor)
    audit_record(actor=actor, action="idea_hide", obj=idea)
    return idea


def ideas_unpark_due(*, today: date | None = None) -> int:
    """Return parked ideas whose date has come to the responsible manager's queue.

    Each idea in its own transaction: one that fails is logged and the rest carry on."""
    today = today or timezone.localdate()
    due = Idea.objects.filter(status=Status.PARKED, parked_until__lte=today)

    def unpark(pk: int) -> bool:
        idea = (
            Idea.objects.select_for_update(of=("self",))
            .select_related("author", "responsible")
            .filter(pk=pk, status=Status.PARKED, parked_until__lte=today)
            .first()
        )
        if idea is None:
            return False
        idea.status = Status.AWAITING_DECISION
        idea.parked_until = None
        idea.deadline = today + timedelta(days=decision_days())
        idea.save(update_fields=["status", "parked_until", "deadline"])
        event = _event(idea, Event.Kind.RETURNED, None)
        _tell_author(idea, event)
        _tell_responsible(
            idea,
            _subject(
                gettext_lazy("The parked idea “{title}” is back in your queue"), title=idea.title
            ),
        )
        return True

    return each_item("ideas_unpark_due", list(due.values_list("pk", flat=True)), unpark).done


def idea_reminders_send(*, today: date | None = None) -> int:
    """Remind the responsible person before and after a step's deadline, once each.

    Before: from IDEAS_REMINDER_DAYS_BEFORE days ahead until the deadline. After: the first
    day past it. Screening reminders go to the secretariat, the others to the responsible
    manager. Returns the number of reminders recorded (each may go to several people).
    Each idea in its own transaction: one that fails is logged and the rest carry on.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=reminder_days_before())
    ideas = Idea.objects.filter(status__in=OPEN_STATUSES, deadline__lte=horizon).select_related(
        "responsible"
    )
    secretariat = list(_secretariat())

    def remind(idea: Idea) -> bool:
        assert idea.deadline is not None
        kind = Reminder.Kind.AFTER if today > idea.deadline else Reminder.Kind.BEFORE
        _reminder, created = Reminder.objects.get_or_create(
            idea=idea,
            kind=kind,
            status=idea.status,
            deadline=idea.deadline,
            defaults={"sent_at": timezone.now()},
        )
        if not created:
            return False
        if idea.status in HANDLING_STATUSES and idea.responsible is not None:
            recipients = [idea.responsible]
        else:
            recipients = secretariat
        if kind == Reminder.Kind.AFTER:
            subject = _subject(
                gettext_lazy("Deadline passed for the idea “{title}”"), title=idea.title
            )
        else:
            subject = _subject(
                gettext_lazy("Deadline soon for the idea “{title}”"), title=idea.title
            )
        for person in recipients:
            notify(
                recipient=person,
                subject=subject,
                template="ideas/email/reminder.txt",
                context={"idea": idea, "overdue": kind == Reminder.Kind.AFTER},
            )
        return True

    return each_item("idea_reminders_send", list(ideas), remind).done


@transaction.atomic
def meeting_create(*, actor: User, title: str, date: date) -> Meeting:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    return Meeting.objects.create(title=title, date=date, created_by=actor)


@transaction.atomic
def meeting_agenda_set(*, meeting: Meeting, actor: User, ideas: Sequence[Idea]) -> Meeting:
    """Put ideas awaiting a decision on the meeting's agenda (replacing the agenda)."""
    if meeting.decisions_recorded_at is not None:
        raise ValidationError(_("The decisions of this meeting have been recorded."))
    wrong = [idea.title for idea in ideas if idea.status not in HANDLING_STATUSES]
    if wrong:
        raise ValidationError(
            {"ideas": _("Not awaiting a decision: %(titles)s") % {"titles": ", ".join(wrong)}}
        )
    meeting.ideas.set(ideas)
    audit_record(actor=actor, action="meeting_agenda", obj=meeting)
    return meeting


@dataclass(frozen=True)
class MeetingDecision:
    idea: Idea
    kind: str  # "" for no decision at this meeting
    reason: str = ""
    park_until: date | None = None


@transaction.atomic
def meeting_decisions_record(
    *, meeting: Meeting, actor: User, decisions: Sequence[MeetingDecision]
) -> list[Decision]:
    """Record the decisions taken at a decision meeting in one go: all of them or none.

    A ValidationError names the idea it is about (``idea-<pk>`` keys)."""
    if meeting.decisions_recorded_at is not None:
        raise ValidationError(_("The decisions of this meeting have been recorded."))
    agenda = set(meeting.ideas.values_list("pk", flat=True))
    recorded: list[Decision] = []
    errors: dict[str, list[str]] = {}
    for item in decisions:
        if item.idea.pk not in agenda:
            raise ValidationError(_("The idea is not on the agenda."))
        if not item.kind:
            continue
        try:
            with transaction.atomic():
                recorded.append(
                    idea_decide(
                        idea=item.idea,
                        actor=actor,
                        kind=item.kind,
                        reason=item.reason,
                        park_until=item.park_until,
                        meeting=meeting,
                    )
                )
        except ValidationError as error:
            errors[f"idea-{item.idea.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    meeting.decisions_recorded_at = timezone.now()
    meeting.save(update_fields=["decisions_recorded_at"])
    audit_record(actor=actor, action="meeting_decisions", obj=meeting)
    return recorded
