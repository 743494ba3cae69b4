"""Deadlines per step, reminders before and after them (each sent once), and parked ideas
returning to the queue, with the clock moved by time-machine."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.ideas import services
from samskab.ideas.models import DecisionKind, Event, Idea, Reminder, Status
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=1))
MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=TZ)


def _submit(author: User) -> Idea:
    from samskab.core.models import Area
    from samskab.ideas.models import Theme

    return services.idea_submit(
        author=author,
        title="Bedre skilte ved stationen",
        problem="Man farer vild.",
        description="Nye skilte.",
        beneficiaries="Pendlere",
        area=Area.objects.get(slug="slagelse"),
        theme=Theme.objects.first(),  # type: ignore[arg-type]
    )


def _run(days_after_monday: int) -> int:
    with time_machine.travel(MONDAY + dt.timedelta(days=days_after_monday), tick=False):
        return services.idea_reminders_send()


def test_it_sets_the_screening_deadline_from_the_setting(resident: User, settings) -> None:
    with time_machine.travel(MONDAY, tick=False):
        assert _submit(resident).deadline == dt.date(2025, 3, 17)
        settings.IDEAS_SCREENING_DAYS = 5
        assert _submit(resident).deadline == dt.date(2025, 3, 8)


def test_it_reminds_the_secretariat_before_and_after_the_screening_deadline_once_each(
    resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        idea = _submit(resident)  # deadline 17 March
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(10) == 0  # 13 March: more than 3 days ahead
        assert _run(11) == 1  # 14 March: 3 days ahead -> "before"
        assert _run(12) == 0  # already sent
        assert _run(14) == 0  # on the deadline day, still "before", already sent
        assert _run(15) == 1  # 18 March: past -> "after"
        assert _run(30) == 0  # never again
    assert list(
        Reminder.objects.filter(idea=idea).order_by("sent_at").values_list("kind", flat=True)
    ) == [
        Reminder.Kind.BEFORE,
        Reminder.Kind.AFTER,
    ]
    assert [m.to for m in mail.outbox] == [[secretariat.email], [secretariat.email]]
    assert "17. marts 2025" in mail.outbox[0].body


def test_it_reminds_the_responsible_manager_during_assessment(
    manager: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        handled_idea(manager, deadline=dt.date(2025, 3, 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(0) == 1
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_it_reminds_again_for_the_next_step_with_its_own_deadline(manager: User) -> None:
    with time_machine.travel(MONDAY, tick=False):
        idea = handled_idea(manager, deadline=dt.date(2025, 3, 4))
    assert _run(5) == 1  # overdue assessment
    with time_machine.travel(MONDAY + dt.timedelta(days=6), tick=False):
        from samskab.ideas.tests.test_handling import _scores

        services.assessment_save(idea=idea, assessor=manager, scores=_scores())
        idea.refresh_from_db()
        assert idea.deadline == dt.date(2025, 3, 23)
    assert _run(17) == 1  # 20 March: 3 days before the decision deadline
    assert _run(18) == 0


def test_it_sends_no_reminders_for_closed_ideas(manager: User) -> None:
    with time_machine.travel(MONDAY, tick=False):
        IdeaFactory.create(status=Status.DECLINED, deadline=dt.date(2025, 3, 4))
    assert _run(10) == 0


def test_it_returns_a_parked_idea_to_the_queue_on_its_date(
    client: Client, manager: User, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        idea = handled_idea(manager)
        services.idea_decide(
            idea=idea,
            actor=manager,
            kind=DecisionKind.PARK,
            reason="Vi venter på budgettet.",
            park_until=dt.date(2025, 6, 1),
        )
    with time_machine.travel(dt.datetime(2025, 5, 31, 12, 0, tzinfo=TZ), tick=False):
        assert services.ideas_unpark_due() == 0
    with (
        time_machine.travel(dt.datetime(2025, 6, 1, 6, 0, tzinfo=TZ), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.ideas_unpark_due() == 1
        assert services.ideas_unpark_due() == 0
        idea.refresh_from_db()
        assert idea.status == Status.AWAITING_DECISION
        assert idea.deadline == dt.date(2025, 6, 15)
        assert idea.events.last().kind == Event.Kind.RETURNED  # type: ignore[union-attr]
        client.force_login(manager)
        assert idea.title in client.get(reverse("ideas:queue")).content.decode()
    assert {m.to[0] for m in mail.outbox} == {idea.author.email, manager.email}


def test_it_runs_the_reminders_from_the_management_command_idempotently(
    resident: User, secretariat: User, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        _submit(resident)
    with (
        time_machine.travel(MONDAY + dt.timedelta(days=20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mail.outbox.clear()
        out = StringIO()
        call_command("send_idea_reminders", stdout=out)  # queued; runs at once in tests
        call_command("send_idea_reminders", "--now", stdout=out)
        call_command("send_idea_reminders", stdout=out)
    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1
    assert (
        "0 parked ideas returned, 0 reminders sent, 0 realisation reminders sent." in out.getvalue()
    )


def test_it_lists_overdue_ideas_for_the_secretariat(
    client: Client, secretariat: User, manager: User
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        late = handled_idea(manager, deadline=dt.date(2025, 3, 2), title="Sen idé")
        handled_idea(manager, deadline=dt.date(2025, 3, 3), title="Idé til tiden")
        client.force_login(secretariat)
        html = client.get(reverse("ideas:overdue")).content.decode()
    assert late.title in html
    assert "Idé til tiden" not in html


def test_it_records_whether_a_decision_was_within_the_deadline(manager: User) -> None:
    with time_machine.travel(MONDAY, tick=False):
        on_time = handled_idea(manager, deadline=dt.date(2025, 3, 3))
        late = handled_idea(manager, deadline=dt.date(2025, 3, 2))
        for idea in (on_time, late):
            services.idea_decide(idea=idea, actor=manager, kind=DecisionKind.DECLINE, reason="Nej")
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.decided_within_deadline, late.decided_within_deadline) == (True, False)
    assert late.decisions.get().deadline == dt.date(2025, 3, 2)
