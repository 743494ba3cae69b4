"""The daily reminders of the learning route: zero-error reports close to or past the date
they must be handled by, and actions close to or past their due date. Each reminder is
sent once (``Reminder`` records it), however often the job runs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.core.jobs import each_item
from samskab.core.notifications import notify
from samskab.learning.models import Action, LearningCoordinator, LearningReport, Reminder, Status


def days_before() -> int:
    return int(getattr(settings, "LEARNING_REMINDER_DAYS_BEFORE", 2))


def _first_time(key: str) -> bool:
    """Record the reminder ``key``; False when it was sent before."""
    try:
        with transaction.atomic():
            Reminder.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def _report_recipients(report: LearningReport, coordinators: dict[int, list[User]]) -> list[User]:
    recipients = list(coordinators.get(report.department_id, []))
    # A confidential report goes to the coordinators only, as when it was sent.
    if report.responsible is not None and not report.is_confidential:
        recipients.append(report.responsible)
    return list({user.pk: user for user in recipients if user.is_active}.values())


def learning_reminders_send(*, today: dt.date | None = None) -> int:
    """Send the reminders due ``today``; returns how many reminders were recorded.

    Each report and action in its own transaction: one that fails is rolled back (and
    tried again next time), logged, and the rest carry on."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=days_before())
    sent = 0
    reports = LearningReport.objects.filter(
        status=Status.RECEIVED, handle_by__isnull=False, handle_by__lte=horizon
    ).select_related("responsible", "department", "zero_error_area")
    coordinators: dict[int, list[User]] = {}
    for row in LearningCoordinator.objects.filter(
        department__in={report.department_id for report in reports}
    ).select_related("user"):
        coordinators.setdefault(row.department_id, []).append(row.user)

    def remind_report(report: LearningReport) -> bool:
        assert report.handle_by is not None
        overdue = today > report.handle_by
        if not _first_time(
            f"report:{report.pk}:{'overdue' if overdue else 'due'}:{report.handle_by}"
        ):
            return False
        subject: Any = (
            gettext_lazy("Overdue: learning report #{number} was to be handled by {date}")
            if overdue
            else gettext_lazy("Reminder: learning report #{number} must be handled by {date}")
        )
        for recipient in _report_recipients(report, coordinators):
            notify(
                recipient=recipient,
                subject=cast(
                    str,
                    format_lazy(
                        subject, number=report.pk, date=report.handle_by.strftime("%d.%m.%Y")
                    ),
                ),
                template="learning/email/report_reminder.txt",
                context={"report": report, "overdue": overdue},
            )
        return True

    sent += each_item("learning_reminders_send (reports)", list(reports), remind_report).done
    actions = Action.objects.filter(done_on__isnull=True, due_on__lte=horizon).select_related(
        "owner"
    )

    def remind_action(action: Action) -> bool:
        overdue = today > action.due_on
        if not _first_time(f"action:{action.pk}:{'overdue' if overdue else 'due'}:{action.due_on}"):
            return False
        notify(
            recipient=action.owner,
            subject=cast(
                str,
                format_lazy(
                    gettext_lazy("Overdue action: {title}")
                    if overdue
                    else gettext_lazy("Action due soon: {title}"),
                    title=action.title,
                ),
            ),
            template="learning/email/action_reminder.txt",
            context={"action": action, "overdue": overdue},
        )
        return True

    sent += each_item("learning_reminders_send (actions)", list(actions), remind_action).done
    return sent
