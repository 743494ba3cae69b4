"""Writes that follow a decision through: the realisation of an idea decided "realise"
(responsible person, due date, milestones, a public status until done, reminders) and the
outcome of the workshop an idea was sent to, which returns it for a new decision.

Each function is one transaction; bad input raises ValidationError. The daily reminder job
handles each realisation in its own transaction, so one failure does not stop the others.
Settings: IDEAS_REALISATION_DAYS (90, the default due date) and
IDEAS_REALISATION_REMINDER_DAYS_BEFORE (7).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.accounts.permissions import is_employee
from samskab.core.audit import audit_record
from samskab.core.notifications import notify
from samskab.ideas.models import (
    Event,
    Idea,
    Milestone,
    Realisation,
    RealisationReminder,
    Status,
)
from samskab.ideas.services import _event, _subject, _tell_author, decision_days

logger = logging.getLogger(__name__)


def realisation_days() -> int:
    return int(getattr(settings, "IDEAS_REALISATION_DAYS", 90))


def realisation_reminder_days_before() -> int:
    return int(getattr(settings, "IDEAS_REALISATION_REMINDER_DAYS_BEFORE", 7))


def _check_responsible(responsible: User) -> None:
    if not responsible.is_active or not is_employee(responsible):
        raise ValidationError(
            {"responsible": _("The responsible person must be an employee of the municipality.")}
        )


def _tell_responsible(realisation: Realisation, subject: str) -> None:
    notify(
        recipient=realisation.responsible,
        subject=subject,
        template="ideas/email/realisation.txt",
        context={"realisation": realisation, "idea": realisation.idea},
    )


@transaction.atomic
def realisation_create(
    *,
    idea: Idea,
    actor: User,
    responsible: User | None = None,
    due_date: date | None = None,
) -> Realisation:
    """Start the realisation of an idea decided "realise".

    The responsible person defaults to the idea's responsible manager (or the one who
    decided), the due date to IDEAS_REALISATION_DAYS from today."""
    if idea.status != Status.REALISE:
        raise ValidationError(_("Only an idea decided to be realised gets a realisation."))
    responsible = responsible or idea.responsible or actor
    _check_responsible(responsible)
    today = timezone.localdate()
    due_date = due_date or today + timedelta(days=realisation_days())
    if due_date < today:
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    realisation, created = Realisation.objects.get_or_create(
        idea=idea,
        defaults={"responsible": responsible, "due_date": due_date, "created_at": timezone.now()},
    )
    if created:
        audit_record(actor=actor, action="realisation_create", obj=idea)
        if responsible.pk != actor.pk:
            _tell_responsible(
                realisation,
                _subject(
                    gettext_lazy("You are responsible for realising the idea “{title}”"),
                    title=idea.title,
                ),
            )
    return realisation


@transaction.atomic
def realisation_update(
    *,
    realisation: Realisation,
    actor: User,
    state: str,
    due_date: date,
    responsible: User,
    public_note: str,
) -> Realisation:
    """Change a realisation's public status, due date or responsible person.

    A change of status is an event on the idea's timeline and is e-mailed to the
    submitter; "done" also marks the idea as realised. A done realisation is final."""
    if realisation.is_done:
        raise ValidationError(_("The realisation is done and can no longer change."))
    if state not in Realisation.State.values:
        raise ValidationError({"state": _("Choose a status.")})
    _check_responsible(responsible)
    if due_date != realisation.due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    public_note = public_note.strip()
    if state == Realisation.State.DONE and not public_note:
        raise ValidationError(
            {"public_note": _("Tell the submitter and everyone else what was done.")}
        )
    state_changed = state != realisation.state
    new_responsible = responsible.pk != realisation.responsible_id
    realisation.state = state
    realisation.due_date = due_date
    realisation.responsible = responsible
    realisation.public_note = public_note
    fields = ["state", "due_date", "responsible", "public_note"]
    idea = realisation.idea
    if state == Realisation.State.DONE:
        realisation.completed_at = timezone.now()
        fields.append("completed_at")
        idea.status = Status.REALISED
        idea.save(update_fields=["status"])
    realisation.save(update_fields=fields)
    audit_record(actor=actor, action="realisation_update", obj=idea, detail={"state": state})
    if state_changed:
        event = _event(idea, Event.Kind.REALISATION, actor, public_note)
        _tell_author(idea, event)
    if new_responsible and responsible.pk != actor.pk:
        _tell_responsible(
            realisation,
            _subject(
                gettext_lazy("You are responsible for realising the idea “{title}”"),
                title=idea.title,
            ),
        )
    return realisation


@transaction.atomic
def milestone_add(
    *, realisation: Realisation, actor: User, title: str, due_date: date
) -> Milestone:
    if realisation.is_done:
        raise ValidationError(_("The realisation is done and can no longer change."))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    milestone = Milestone.objects.create(realisation=realisation, title=title, due_date=due_date)
    audit_record(actor=actor, action="milestone_add", obj=realisation.idea)
    return milestone


@transaction.atomic
def milestone_reach(*, milestone: Milestone, actor: User) -> Milestone:
    """Mark a milestone as reached (once)."""
    if milestone.done_at is None:
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
        audit_record(actor=actor, action="milestone_reach", obj=milestone.realisation.idea)
    return milestone


def _realisation_remind(realisation_id: int, today: date) -> bool:
    """Remind about one realisation if due; True when a reminder was recorded and sent."""
    with transaction.atomic():
        realisation = (
            Realisation.objects.select_for_update(of=("self",))
            .select_related("idea", "responsible")
            .get(pk=realisation_id)
        )
        if realisation.is_done:
            return False
        overdue = today > realisation.due_date
        kind = RealisationReminder.Kind.AFTER if overdue else RealisationReminder.Kind.BEFORE
        _reminder, created = RealisationReminder.objects.get_or_create(
            realisation=realisation,
            kind=kind,
            due_date=realisation.due_date,
            defaults={"sent_at": timezone.now()},
        )
        if not created:
            return False
        title = realisation.idea.title
        if overdue:
            subject = _subject(gettext_lazy("The realisation of “{title}” is overdue"), title=title)
        else:
            subject = _subject(
                gettext_lazy("The realisation of “{title}” is due soon"), title=title
            )
        notify(
            recipient=realisation.responsible,
            subject=subject,
            template="ideas/email/realisation_reminder.txt",
            context={"realisation": realisation, "idea": realisation.idea, "overdue": overdue},
        )
        return True


def realisation_reminders_send(*, today: date | None = None) -> int:
    """Remind the responsible person before and after a realisation's due date, once each.

    Each realisation is handled in its own transaction: an error in one is logged and the
    others are still reminded. Returns the number of reminders sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=realisation_reminder_days_before())
    due = Realisation.objects.exclude(state=Realisation.State.DONE).filter(due_date__lte=horizon)
    sent = 0
    for realisation_id in due.values_list("pk", flat=True):
        try:
            sent += _realisation_remind(realisation_id, today)
        except Exception:  # one broken item must not stop the daily job
            logger.exception("Could not remind about realisation %s", realisation_id)
    return sent


@transaction.atomic
def idea_workshop_outcome_record(*, idea: Idea, actor: User, outcome: str) -> Idea:
    """The outcome of the workshop an idea was sent to: it goes on the idea's timeline and
    the idea returns to its responsible manager for a new decision (realise, test, decline
    …), so a workshop is never a dead end."""
    if idea.status != Status.WORKSHOP:
        raise ValidationError(_("The idea is not waiting for a workshop."))
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": _("Write what the workshop came to.")})
    idea.status = Status.AWAITING_DECISION
    idea.deadline = timezone.localdate() + timedelta(days=decision_days())
    idea.save(update_fields=["status", "deadline"])
    event = _event(idea, Event.Kind.WORKSHOP, actor, outcome)
    audit_record(actor=actor, action="idea_workshop_outcome", obj=idea)
    _tell_author(idea, event)
    return idea
