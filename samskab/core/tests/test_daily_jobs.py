"""Daily jobs handle each item on their own: one item that fails is rolled back and logged,
the others are still done, and a failing mail server stops nothing."""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.jobs import each_item
from samskab.experiments import services as experiment_services
from samskab.experiments.tests.factories import EvaluationFactory
from samskab.ideas import services as idea_services
from samskab.ideas.models import Reminder
from samskab.ideas.tests.factories import handled_idea
from samskab.learning import reminders as learning_reminders
from samskab.learning.models import Action
from samskab.learning.tests.factories import ReportFactory
from samskab.meetings import services as meeting_services
from samskab.meetings.models import Registration
from samskab.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

BROKEN = "Broken item"


def _tomorrow_evening() -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17)))


def _failing_for(module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``module.notify`` fail for the item whose title is BROKEN (as a template or
    data error would), and work for the others."""
    real = module.notify

    def notify(**kwargs: Any) -> bool:
        if BROKEN in str(kwargs["subject"]):
            raise ValueError("broken item")
        return real(**kwargs)

    monkeypatch.setattr(module, "notify", notify)


def test_it_counts_logs_and_rolls_back_a_failing_item(caplog: pytest.LogCaptureFixture) -> None:
    def handle(user: User) -> bool:
        user.name = "Ændret"
        user.save(update_fields=["name"])
        if user.email.startswith("b"):
            raise RuntimeError("boom")
        return True

    users = [UserFactory.create(email=f"{c}@test.samskab.dk") for c in "abc"]
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        run = each_item("test job", users, handle)
    assert run.done == 2 and len(run.failed) == 1
    assert "test job" in caplog.text and "1 item(s) failed" in caplog.text
    names = dict(User.objects.filter(pk__in=[u.pk for u in users]).values_list("email", "name"))
    assert names["b@test.samskab.dk"] != "Ændret"  # rolled back
    assert names["a@test.samskab.dk"] == names["c@test.samskab.dk"] == "Ændret"


def test_it_reminds_the_other_ideas_when_one_fails(
    manager: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    late = timezone.localdate() - dt.timedelta(days=1)
    broken = handled_idea(manager, deadline=late, title=BROKEN)
    fine = handled_idea(manager, deadline=late, title="Fin idé")
    _failing_for(idea_services, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        assert idea_services.idea_reminders_send() == 1
    assert list(Reminder.objects.values_list("idea", flat=True)) == [fine.pk]
    assert f"Idea {broken.pk}" in caplog.text or repr(broken) in caplog.text
    monkeypatch.undo()
    assert idea_services.idea_reminders_send() == 1  # the broken one is tried again


def test_it_returns_the_other_parked_ideas_when_one_fails(
    manager: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    today = timezone.localdate()
    ideas = [
        handled_idea(manager, status="parked", parked_until=today, title=title)
        for title in (BROKEN, "Fin idé")
    ]
    _failing_for(idea_services, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        assert idea_services.ideas_unpark_due() == 1
    for idea in ideas:
        idea.refresh_from_db()
    assert [idea.status for idea in ideas] == ["parked", "awaiting_decision"]
    assert "ideas_unpark_due" in caplog.text


def test_it_reminds_the_other_meeting_participants_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tomorrow = _tomorrow_evening()
    for title in (BROKEN, "Fint møde"):
        meeting = MeetingFactory.create(title=title, starts_at=tomorrow)
        meeting_services.registration_create(meeting=meeting, user=UserFactory.create())
    _failing_for(meeting_services, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        out = io.StringIO()
        call_command("send_meeting_reminders", "--now", stdout=out)
    assert "1 meeting reminders sent." in out.getvalue()
    reminded = Registration.objects.filter(reminder_sent_at__isnull=False)
    assert [r.meeting.title for r in reminded] == ["Fint møde"]
    assert "meeting_reminders_send" in caplog.text


def test_it_reminds_the_other_action_owners_when_one_fails(
    employee: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for title in (BROKEN, "Fin handling"):
        Action.objects.create(
            report=ReportFactory.create(), title=title, owner=employee, due_on=timezone.localdate()
        )
    _failing_for(learning_reminders, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        assert learning_reminders.learning_reminders_send() == 1
    assert "learning_reminders_send (actions)" in caplog.text
    monkeypatch.undo()
    assert learning_reminders.learning_reminders_send() == 1  # tried again, not lost


def test_it_reminds_the_other_follow_ups_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    due = timezone.localdate() - dt.timedelta(days=1)
    broken = EvaluationFactory.create(experiment__title=BROKEN, follow_up_due=due)
    fine = EvaluationFactory.create(experiment__title="Fint forsøg", follow_up_due=due)
    _failing_for(experiment_services, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        assert experiment_services.follow_up_reminders_send() == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.follow_up_reminded_at is None and fine.follow_up_reminded_at is not None
    assert "follow_up_reminders_send" in caplog.text


def test_it_erases_the_other_stale_accounts_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from samskab.accounts import services as account_services

    long_ago = timezone.now() - dt.timedelta(days=2000)
    stale = [
        UserFactory.create(email=f"{c}@test.samskab.dk", role=Role.RESIDENT, date_joined=long_ago)
        for c in "ab"
    ]
    real = account_services.account_erase

    def erase(*, user: User, reason: str = "request") -> User:
        if user.email.startswith("a"):
            raise RuntimeError("boom")
        return real(user=user, reason=reason)

    monkeypatch.setattr(account_services, "account_erase", erase)
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        done = account_services.privacy_retention_run()
    assert done["unverified_accounts"] == 1
    erased = {
        u.pk: u.erased_at is not None for u in User.objects.filter(pk__in=[s.pk for s in stale])
    }
    assert erased == {stale[0].pk: False, stale[1].pk: True}
    assert "privacy_retention (unverified accounts)" in caplog.text


def test_it_publishes_the_other_budget_results_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from samskab.budgets import services_results
    from samskab.budgets.tests.factories import make_process, make_proposal

    broken = make_process(phase="results", slug="borgerbudget-a", title="A")
    fine = make_process(phase="results", slug="borgerbudget-b", title="B")
    for process in (broken, fine):
        make_proposal(process)
    real = services_results.results_publish

    def publish(*, process: Any, **kwargs: Any) -> Any:
        if process.pk == broken.pk:
            raise RuntimeError("boom")
        return real(process=process, **kwargs)

    monkeypatch.setattr(services_results, "results_publish", publish)
    out, err = io.StringIO(), io.StringIO()
    with caplog.at_level(logging.ERROR, logger="samskab.jobs"):
        call_command("compute_budget_results", stdout=out, stderr=err)
    assert fine.slug in out.getvalue() and broken.slug not in out.getvalue()
    assert f"Failed: {broken.slug}" in err.getvalue()
    assert broken.slug in caplog.text


@pytest.mark.parametrize(
    "backend",
    [
        "samskab.core.tests.mail_backends.SMTPDownBackend",
        "samskab.core.tests.mail_backends.BrokenBackend",
    ],
)
def test_it_finishes_every_reminder_job_when_the_mail_server_fails(
    backend: str, manager: User, employee: User, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = backend
    today = timezone.localdate()
    handled_idea(manager, deadline=today - dt.timedelta(days=1), title="Idé\nmed linjeskift")
    Action.objects.create(
        report=ReportFactory.create(), title="Tjek\r\nigen", owner=employee, due_on=today
    )
    EvaluationFactory.create(follow_up_due=today)
    tomorrow = _tomorrow_evening()
    meeting = MeetingFactory.create(title="Møde\nen", starts_at=tomorrow)
    meeting_services.registration_create(meeting=meeting, user=employee)
    with django_capture_on_commit_callbacks(execute=True):
        assert idea_services.idea_reminders_send() == 1
        assert learning_reminders.learning_reminders_send() == 1
        assert experiment_services.follow_up_reminders_send() == 1
        assert meeting_services.meeting_reminders_send() == 1
