from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.core.models import Department
from samskab.ideas import selectors, services
from samskab.ideas.models import DecisionKind, Meeting, Status
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=1))


def test_it_computes_figures_per_status_department_and_area(manager: User) -> None:
    department = Department.objects.get(slug="dagtilbud")
    with time_machine.travel(dt.datetime(2025, 1, 1, 12, tzinfo=TZ), tick=False):
        fast = handled_idea(manager, department=department, deadline=dt.date(2025, 1, 5))
        slow = handled_idea(manager, department=department, deadline=dt.date(2025, 1, 5))
        IdeaFactory.create()  # awaiting screening, no department
        IdeaFactory.create(status=Status.MERGED)
    with time_machine.travel(dt.datetime(2025, 1, 3, 12, tzinfo=TZ), tick=False):
        services.idea_decide(idea=fast, actor=manager, kind=DecisionKind.REALISE, reason="Ja")
    with time_machine.travel(dt.datetime(2025, 1, 11, 12, tzinfo=TZ), tick=False):
        services.idea_decide(idea=slow, actor=manager, kind=DecisionKind.DECLINE, reason="Nej")
    figures = selectors.idea_figures()
    counts = {value: count for value, _label, count in figures.per_status}
    assert (counts["realise"], counts["declined"], counts["submitted"], counts["merged"]) == (
        1,
        1,
        1,
        1,
    )
    assert figures.overall.total == 3  # merged ideas only count under their status
    assert figures.overall.median_days == 6.0  # 2 and 10 days
    assert figures.overall.share_within_deadline == 0.5
    rows = {row.name: row for row in figures.per_department}
    assert (rows[department.name].decided, rows[department.name].open) == (2, 0)
    assert rows[""].open == 1


def test_it_shows_the_figures_with_a_chart_and_a_table(client: Client, secretariat: User) -> None:
    IdeaFactory.create()
    client.force_login(secretariat)
    html = client.get(reverse("ideas:figures")).content.decode()
    # The SVG only draws; the figures are in the table beside it, linked to the idea bank.
    assert '<svg aria-hidden="true"' in html
    assert "<text" not in html
    assert '<th scope="row">Afventer visitering</th>' in html
    assert '<a href="/ideer/?status=submitted">1</a>' in html


def _agenda(secretariat: User, manager: User) -> tuple[Meeting, list]:
    ideas = [handled_idea(manager, status=Status.AWAITING_DECISION) for _ in range(3)]
    meeting = services.meeting_create(
        actor=secretariat, title="Idémøde maj", date=dt.date(2025, 5, 1)
    )
    return meeting, ideas


def test_it_builds_an_agenda_from_ideas_awaiting_decision(
    client: Client, secretariat: User, manager: User
) -> None:
    meeting, ideas = _agenda(secretariat, manager)
    new = IdeaFactory.create(title="Ikke klar")
    client.force_login(secretariat)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert ideas[0].title in page
    assert "Ikke klar" not in page
    client.post(meeting.get_absolute_url(), {"ideas": [ideas[0].pk, ideas[1].pk]})
    assert set(meeting.ideas.all()) == {ideas[0], ideas[1]}
    client.post(meeting.get_absolute_url(), {"ideas": [new.pk]})  # not a candidate
    assert set(meeting.ideas.all()) == {ideas[0], ideas[1]}


def test_it_records_the_decisions_of_a_meeting_in_one_go(
    client: Client, secretariat: User, manager: User
) -> None:
    meeting, ideas = _agenda(secretariat, manager)
    meeting.ideas.set(ideas)
    client.force_login(secretariat)
    url = reverse("ideas:meeting_decisions", args=[meeting.pk])
    assert ideas[2].title in client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"idea-{ideas[0].pk}-kind": DecisionKind.REALISE,
            f"idea-{ideas[0].pk}-reason": "Vedtaget på mødet",
            f"idea-{ideas[1].pk}-kind": DecisionKind.WORKSHOP,
            f"idea-{ideas[1].pk}-reason": "Til værksted",
            f"idea-{ideas[2].pk}-kind": "",
        },
    )
    assert response.status_code == 302
    for idea in ideas:
        idea.refresh_from_db()
    assert [idea.status for idea in ideas] == [
        Status.REALISE,
        Status.WORKSHOP,
        Status.AWAITING_DECISION,
    ]
    assert ideas[0].decisions.get().meeting == meeting
    meeting.refresh_from_db()
    assert meeting.decisions_recorded_at is not None


def test_it_records_no_meeting_decision_when_one_is_invalid(
    client: Client, secretariat: User, manager: User
) -> None:
    meeting, ideas = _agenda(secretariat, manager)
    meeting.ideas.set(ideas[:2])
    client.force_login(secretariat)
    response = client.post(
        reverse("ideas:meeting_decisions", args=[meeting.pk]),
        {
            f"idea-{ideas[0].pk}-kind": DecisionKind.REALISE,
            f"idea-{ideas[0].pk}-reason": "Vedtaget",
            f"idea-{ideas[1].pk}-kind": DecisionKind.DECLINE,
            f"idea-{ideas[1].pk}-reason": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vedtaget" in html  # input kept
    assert 'role="alert"' in html
    ideas[0].refresh_from_db()
    assert ideas[0].status == Status.AWAITING_DECISION
    assert not ideas[0].decisions.exists()
    meeting.refresh_from_db()
    assert meeting.decisions_recorded_at is None
