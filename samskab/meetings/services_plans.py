"""Local development plans owned together: the local council proposes changes to the plan's
goals and actions, and the municipal contact (or the secretariat) publishes or sends them
back with a reason.

Goals and actions hold only published text; a proposed change waits in a ``PlanChange``
until it is published. Changes made by someone who may publish are published at once and
recorded the same way, so every change says who made it, who published it and when. Each
function is one transaction; bad input raises ValidationError.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.core.notifications import notify
from samskab.meetings.models import Action, Goal, LocalPlan, PlanChange
from samskab.meetings.services import _subject

Subject = PlanChange.Subject
Operation = PlanChange.Operation
ChangeStatus = PlanChange.Status

ACTION_FIELDS = ("title", "description", "status", "responsible", "place", "latitude", "longitude")


def _text(data: dict[str, Any], name: str, limit: int, *, required: bool = False) -> str:
    value = str(data.get(name) or "").strip()
    if required and not value:
        raise ValidationError({name: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({name: _("Write at most %(limit)d characters.") % {"limit": limit}})
    return value


def _coordinate(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({name: _("Enter a number.")}) from None
    limit = 90 if name == "latitude" else 180
    if not number.is_finite() or abs(number) > limit:
        raise ValidationError({name: _("Enter a number.")})
    return str(number.quantize(Decimal("0.000001")))


def _clean(subject: str, operation: str, data: dict[str, Any]) -> dict[str, Any]:
    """The proposed fields, checked as the forms check them, in a form JSON can hold."""
    if operation == Operation.CLOSE:
        return {"reason": _text(data, "reason", 300, required=True)}
    if subject == Subject.GOAL:
        return {"text": _text(data, "text", 300, required=True)}
    status = str(data.get("status") or Action.Status.PLANNED)
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    latitude = _coordinate(data.get("latitude"), "latitude")
    longitude = _coordinate(data.get("longitude"), "longitude")
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    return {
        "title": _text(data, "title", 200, required=True),
        "description": _text(data, "description", 5000),
        "status": status,
        "responsible": _text(data, "responsible", 200),
        "place": _text(data, "place", 200),
        "latitude": latitude,
        "longitude": longitude,
    }


def _apply(change: PlanChange) -> None:
    """Write a published change into the plan's goals and actions."""
    data = change.data
    today = timezone.localdate()
    if change.subject == Subject.GOAL:
        if change.operation == Operation.ADD:
            change.goal = Goal.objects.create(plan=change.plan, text=data["text"])
        elif change.goal is not None and change.operation == Operation.EDIT:
            change.goal.text = data["text"]
            change.goal.save(update_fields=["text"])
        elif change.goal is not None:
            change.goal.closed_on = today
            change.goal.closed_reason = data["reason"]
            change.goal.save(update_fields=["closed_on", "closed_reason"])
        return
    if change.operation == Operation.CLOSE:
        if change.action is not None:
            change.action.closed_on = today
            change.action.closed_reason = data["reason"]
            change.action.save(update_fields=["closed_on", "closed_reason"])
        return
    values = {name: data.get(name) for name in ACTION_FIELDS}
    for name in ("latitude", "longitude"):
        values[name] = Decimal(values[name]) if values[name] is not None else None
    if change.operation == Operation.ADD:
        change.action = Action.objects.create(plan=change.plan, **values)
    elif change.action is not None:
        for name, value in values.items():
            setattr(change.action, name, value)
        change.action.save(update_fields=list(ACTION_FIELDS))


@transaction.atomic
def plan_change_submit(
    *,
    plan: LocalPlan,
    actor: User,
    subject: str,
    operation: str,
    data: dict[str, Any],
    goal: Goal | None = None,
    action: Action | None = None,
    publish: bool = False,
) -> PlanChange:
    """Propose a new, changed or closed goal or action. ``publish`` (for the municipal
    contact and the secretariat, who approve) publishes it at once; otherwise it waits in
    the contact's queue and the contact is told by e-mail."""
    if subject not in Subject.values or operation not in Operation.values:
        raise ValidationError(_("Unknown change."))
    target = goal if subject == Subject.GOAL else action
    if operation == Operation.ADD:
        if target is not None:
            raise ValidationError(_("Unknown change."))
    else:
        if target is None or target.plan_id != plan.pk:
            raise ValidationError(_("Unknown change."))
        if target.closed_on is not None:
            raise ValidationError(_("It has been closed and cannot be changed."))
        if target.changes.filter(status=ChangeStatus.SUBMITTED).exists():
            raise ValidationError(
                _("A change to it already awaits approval. Wait for the answer first.")
            )
    now = timezone.now()
    change = PlanChange.objects.create(
        plan=plan,
        subject=subject,
        operation=operation,
        goal=goal if subject == Subject.GOAL else None,
        action=action if subject == Subject.ACTION else None,
        data=_clean(subject, operation, data),
        submitted_by=actor,
        submitted_at=now,
    )
    if publish:
        return _publish(change, actor)
    audit_record(actor=actor, action="plan_change_submit", obj=plan, detail={"change": change.pk})
    notify(
        recipient=plan.contact,
        subject=_subject(
            gettext_lazy("A change to the plan “{title}” awaits your approval"), title=plan.title
        ),
        template="meetings/email/plan_change_submitted.txt",
        context={"plan": plan, "change": change},
    )
    return change


def _publish(change: PlanChange, actor: User) -> PlanChange:
    _apply(change)
    change.status = ChangeStatus.PUBLISHED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.save(update_fields=["goal", "action", "status", "decided_by", "decided_at"])
    # The plan page's "Updated" date follows what the public sees.
    LocalPlan.objects.filter(pk=change.plan_id).update(updated_at=change.decided_at)
    audit_record(
        actor=actor, action="plan_change_publish", obj=change.plan, detail={"change": change.pk}
    )
    return change


def _locked_submitted(change: PlanChange) -> PlanChange:
    locked = (
        PlanChange.objects.select_for_update(of=("self",))
        .select_related("plan", "goal", "action", "submitted_by")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.SUBMITTED:
        raise ValidationError(_("The change has already been answered."))
    return locked


@transaction.atomic
def plan_change_publish(*, change: PlanChange, actor: User) -> PlanChange:
    """Publish a proposed change: the public plan shows it from now on."""
    locked = _locked_submitted(change)
    target = locked.goal or locked.action
    if target is not None and target.closed_on is not None:
        raise ValidationError(_("It has been closed and cannot be changed."))
    published = _publish(locked, actor)
    if published.submitted_by_id != actor.pk:
        notify(
            recipient=published.submitted_by,
            subject=_subject(
                gettext_lazy("Your change to the plan “{title}” is published"),
                title=published.plan.title,
            ),
            template="meetings/email/plan_change_published.txt",
            context={"plan": published.plan, "change": published},
        )
    return published


@transaction.atomic
def plan_change_return(*, change: PlanChange, actor: User, reason: str) -> PlanChange:
    """Send a proposed change back with a reason; the published plan stays as it was."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the change is sent back.")})
    locked = _locked_submitted(change)
    locked.status = ChangeStatus.RETURNED
    locked.reason = reason.strip()
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor, action="plan_change_return", obj=locked.plan, detail={"change": locked.pk}
    )
    notify(
        recipient=locked.submitted_by,
        subject=_subject(
            gettext_lazy("Your change to the plan “{title}” was sent back"),
            title=locked.plan.title,
        ),
        template="meetings/email/plan_change_returned.txt",
        context={"plan": locked.plan, "change": locked},
    )
    return locked
