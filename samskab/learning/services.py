"""Every write to learning reports. Each function is one transaction; bad input raises
ValidationError (keyed by form field where there is one).

An anonymous report is stored without any reference to its reporter: no foreign key, no
audit event and no e-mail that names them. Every other change is recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from samskab.accounts.models import User
from samskab.accounts.permissions import has_role
from samskab.core.audit import audit_record
from samskab.core.models import Department
from samskab.core.notifications import notify
from samskab.learning.models import (
    Action,
    Comment,
    LearningCoordinator,
    LearningReport,
    RelevanceMark,
    SharedLearning,
    Status,
    ZeroErrorArea,
)
from samskab.learning.screening import cpr_numbers, likely_names


def cpr_error(label: Any) -> str:
    return _(
        "The field “%(field)s” seems to contain a CPR number. Remove it before you send: "
        "a learning report must never identify a citizen or a colleague."
    ) % {"field": label}


def texts_check(texts: dict[str, tuple[Any, str]]) -> None:
    """Refuse texts that contain something like a CPR number.

    ``texts`` maps a field name to (its label, its text); the error names the field.
    """
    errors = {
        name: ValidationError(cpr_error(label), code="cpr")
        for name, (label, text) in texts.items()
        if cpr_numbers(text)
    }
    if errors:
        raise ValidationError(errors)


def labelled_texts(model: Any, values: dict[str, str]) -> dict[str, tuple[Any, str]]:
    return {
        name: (str(model._meta.get_field(name).verbose_name).capitalize(), text)
        for name, text in values.items()
    }


def _subject(text: Any, **values: Any) -> str:
    return cast(str, format_lazy(text, **values))


def _coordinators(department: Department) -> list[User]:
    return [
        assignment.user
        for assignment in LearningCoordinator.objects.filter(
            department=department, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def report_submit(
    *,
    reporter: User,
    kind: str,
    title: str,
    what_happened: str,
    severity: str,
    category: str,
    department: Department,
    context: str = "",
    what_helped: str = "",
    what_hindered: str = "",
    consequences: str = "",
    learning_points: str = "",
    suggested_changes: str = "",
    zero_error_area: ZeroErrorArea | None = None,
    is_anonymous: bool = False,
    is_confidential: bool = False,
) -> LearningReport:
    """Store a learning report from an employee.

    ``reporter`` is only used to check that they may report; an anonymous report keeps no
    trace of them. A report in a zero-error area gets the area's responsible person and a
    deadline of ``handling_days`` from today (the stricter route). The department's
    coordinators (and, unless confidential, the responsible person) get an e-mail.
    """
    if not has_role(reporter, "employee"):
        raise ValidationError(_("Only employees can send learning reports."))
    texts = {
        "title": title,
        "what_happened": what_happened,
        "context": context,
        "what_helped": what_helped,
        "what_hindered": what_hindered,
        "consequences": consequences,
        "learning_points": learning_points,
        "suggested_changes": suggested_changes,
    }
    texts_check(labelled_texts(LearningReport, texts))
    if zero_error_area is not None and (
        zero_error_area.department_id != department.pk or not zero_error_area.is_active
    ):
        raise ValidationError(
            {"zero_error_area": _("Choose a zero-error area of the department you chose.")}
        )
    today = timezone.localdate()
    report = LearningReport.objects.create(
        kind=kind,
        severity=severity,
        category=category,
        department=department,
        zero_error_area=zero_error_area,
        is_anonymous=is_anonymous,
        is_confidential=is_confidential,
        reporter=None if is_anonymous else reporter,
        submitted_on=today,
        handle_by=(
            today + dt.timedelta(days=zero_error_area.handling_days) if zero_error_area else None
        ),
        responsible=zero_error_area.responsible if zero_error_area else None,
        **texts,
    )
    if not is_anonymous:
        audit_record(actor=reporter, action="submit", obj=report)
    recipients = _coordinators(department)
    if report.responsible is not None and not is_confidential:
        recipients.append(report.responsible)
    for recipient in {user.pk: user for user in recipients}.values():
        notify(
            recipient=recipient,
            subject=_subject(
                gettext_lazy("New learning report for {department}"), department=department
            ),
            template="learning/email/new_report.txt",
            context={"report": report},
        )
    return report


@transaction.atomic
def report_access_record(*, report: LearningReport, user: User, action: str = "view") -> None:
    """Log that ``user`` read a confidential report (every access is logged)."""
    if report.is_confidential:
        audit_record(actor=user, action=action, obj=report)


@transaction.atomic
def report_handle(*, report: LearningReport, actor: User, note: str) -> LearningReport:
    """Mark a report handled, with what was done. Required on the zero-error route, where
    it has a deadline; elsewhere the coordinator closes a report this way without sharing."""
    if report.status != Status.RECEIVED:
        raise ValidationError(_("This report has already been handled."))
    texts_check({"note": (_("What was done"), note)})
    if not note.strip():
        raise ValidationError({"note": _("Describe briefly what was done.")})
    report.status = Status.HANDLED
    report.handled_on = timezone.localdate()
    report.handled_by = actor
    report.handling_note = note.strip()
    report.save(update_fields=["status", "handled_on", "handled_by", "handling_note"])
    audit_record(actor=actor, action="handle", obj=report)
    return report


def shared_initial(report: LearningReport) -> dict[str, str]:
    """A first draft of the shareable version, made from the report's own words."""
    summary = "\n\n".join(
        part for part in (report.what_happened, report.context, report.consequences) if part
    )
    changes = report.suggested_changes
    return {
        "title": report.title,
        "summary": summary,
        "learning_points": report.learning_points,
        "suggested_changes": changes,
    }


@transaction.atomic
def shared_learning_save(
    *,
    report: LearningReport,
    actor: User,
    title: str,
    summary: str,
    learning_points: str,
    suggested_changes: str = "",
    publish: bool = False,
    names_checked: bool = False,
) -> SharedLearning:
    """Save the coordinator's de-identified version of ``report``; with ``publish``, share
    it with the whole organisation.

    Publishing is refused while the text contains a CPR number, and while it contains
    likely names unless the coordinator confirms that they are not names of people.
    """
    values = {
        "title": title,
        "summary": summary,
        "learning_points": learning_points,
        "suggested_changes": suggested_changes,
    }
    texts_check(labelled_texts(SharedLearning, values))
    existing = SharedLearning.objects.select_for_update().filter(report=report).first()
    # A published version is live: changes to it are checked like a first publication.
    if publish or (existing is not None and existing.is_published):
        if not learning_points.strip():
            raise ValidationError(
                {"learning_points": _("Write the learning points before you share.")}
            )
        if any(likely_names(text) for text in values.values()) and not names_checked:
            raise ValidationError(
                {
                    "names_checked": _(
                        "The text may contain names. Remove them, or confirm that the "
                        "flagged words are not names of people."
                    )
                }
            )
    shared = existing or SharedLearning(report=report)
    for name, value in values.items():
        setattr(shared, name, value)
    if publish and shared.published_at is None:
        shared.published_at = timezone.now()
        shared.published_by = actor
    shared.save()
    if publish:
        fields = ["status"]
        report.status = Status.PUBLISHED
        if report.handled_on is None:
            report.handled_on = timezone.localdate()
            report.handled_by = actor
            fields += ["handled_on", "handled_by"]
        report.save(update_fields=fields)
    audit_record(actor=actor, action="publish" if publish else "edit_shared", obj=report)
    return shared


@transaction.atomic
def relevance_toggle(*, shared: SharedLearning, user: User) -> bool:
    """Mark (or unmark) a shared learning as relevant for the user's workplace.
    Returns whether it is now marked."""
    deleted, _rows = RelevanceMark.objects.filter(shared=shared, user=user).delete()
    if deleted:
        return False
    RelevanceMark.objects.create(shared=shared, user=user, department=user.department)
    return True


@transaction.atomic
def comment_add(*, shared: SharedLearning, author: User, body: str) -> Comment:
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    texts_check({"body": (_("Comment"), body)})
    return Comment.objects.create(shared=shared, author=author, body=body.strip())


@transaction.atomic
def action_add(
    *, report: LearningReport, actor: User, title: str, owner: User, due_on: dt.date
) -> Action:
    """Give a change an owner and a due date; the owner is told by e-mail."""
    texts_check({"title": (pgettext("learning", "Action"), title)})
    if not has_role(owner, "employee"):
        raise ValidationError({"owner": _("The owner must be an employee.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    action = Action.objects.create(
        report=report, title=title.strip(), owner=owner, due_on=due_on, created_by=actor
    )
    audit_record(actor=actor, action="add_action", obj=report, detail={"action": action.pk})
    notify(
        recipient=owner,
        subject=_subject(gettext_lazy("You own an action: {title}"), title=action.title),
        template="learning/email/action_assigned.txt",
        context={"action": action},
    )
    return action


@transaction.atomic
def action_set_done(*, action: Action, actor: User, done: bool) -> Action:
    action.done_on = timezone.localdate() if done else None
    action.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        action="action_done" if done else "action_reopened",
        obj=action.report,
        detail={"action": action.pk},
    )
    return action
