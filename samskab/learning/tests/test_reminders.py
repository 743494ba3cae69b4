"""The daily reminders: zero-error reports before and after their handling date, actions
before and after their due date, each sent once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from samskab.accounts.models import User
from samskab.learning.models import Action, Status
from samskab.learning.reminders import learning_reminders_send
from samskab.learning.tests.factories import (
    ReportFactory,
    ZeroErrorAreaFactory,
    coordinator_for,
    department,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the job; the e-mails leave when its transaction commits."""

    def run(today: dt.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return learning_reminders_send(today=today)

    return run


def _zero_error_report(handle_by: dt.date, **extra):
    area = ZeroErrorAreaFactory.create()
    return ReportFactory.create(
        zero_error_area=area, responsible=area.responsible, handle_by=handle_by, **extra
    )


def test_it_reminds_the_responsible_and_coordinators_once_before_the_date(send) -> None:
    coordinator = coordinator_for(department())
    report = _zero_error_report(TODAY + dt.timedelta(days=1))
    assert send(TODAY) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coordinator.email, report.responsible.email]
    )
    assert "skal være behandlet senest 02.12.2026" in mail.outbox[0].subject
    assert send(TODAY) == 0
    assert len(mail.outbox) == 2


def test_it_sends_an_overdue_reminder_after_the_date(send) -> None:
    _zero_error_report(TODAY - dt.timedelta(days=1))
    assert send(TODAY) == 1
    assert mail.outbox[0].subject.startswith("Overskredet")
    assert "er ikke behandlet endnu" in mail.outbox[0].body


def test_it_leaves_handled_reports_far_off_dates_and_confidential_names_alone(send) -> None:
    _zero_error_report(TODAY - dt.timedelta(days=1), status=Status.HANDLED)
    _zero_error_report(TODAY + dt.timedelta(days=10))
    coordinator = coordinator_for(department())
    _zero_error_report(TODAY, is_confidential=True)
    assert send(TODAY) == 1
    # A confidential report is not shown to the zero-error area's manager.
    assert [m.to[0] for m in mail.outbox] == [coordinator.email]


def test_it_reminds_an_actions_owner_before_and_after_the_due_date(send, employee: User) -> None:
    report = ReportFactory.create()
    action = Action.objects.create(
        report=report, title="Nyt tjek af udbetalinger", owner=employee, due_on=TODAY
    )
    Action.objects.create(
        report=report, title="Færdig", owner=employee, due_on=TODAY, done_on=TODAY
    )
    assert send(TODAY) == 1
    assert mail.outbox[-1].subject == "Handling forfalder snart: Nyt tjek af udbetalinger"
    assert send(TODAY + dt.timedelta(days=1)) == 1
    assert mail.outbox[-1].subject == "Overskredet handling: Nyt tjek af udbetalinger"
    assert "er ikke markeret som udført" in mail.outbox[-1].body
    # A new due date is a new reminder.
    action.due_on = TODAY + dt.timedelta(days=2)
    action.save(update_fields=["due_on"])
    assert send(TODAY + dt.timedelta(days=1)) == 1


def test_it_runs_as_a_daily_command(employee: User, django_capture_on_commit_callbacks) -> None:
    Action.objects.create(report=ReportFactory.create(), title="Tjek", owner=employee, due_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_learning_reminders")
    assert len(mail.outbox) == 1
