"""An idea decided "develop further in a workshop" is linked to a workshop here, and the
workshop's outcome returns it to its manager for a new decision: no dead end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.ideas import services as idea_services
from samskab.ideas.models import DecisionKind, Event, Idea, Status
from samskab.ideas.tests.factories import handled_idea
from samskab.ideas.tests.test_permissions import ROLES, _client, _expect
from samskab.meetings.models import IdeaWorkshop, Kind, Meeting
from samskab.meetings.services_workshops import idea_workshop_link
from samskab.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

SECRETARIAT = {"secretariat", "administrator"}


def _workshop_idea(manager: User) -> Idea:
    idea = handled_idea(manager, status=Status.AWAITING_DECISION)
    idea_services.idea_decide(
        idea=idea, actor=manager, kind=DecisionKind.WORKSHOP, reason="Lad os udvikle den."
    )
    idea.refresh_from_db()
    return idea


def test_it_links_an_upcoming_workshop_and_invites_the_submitter(
    client: Client, manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = _workshop_idea(manager)
    workshop = MeetingFactory.create(title="Fremtidens legepladser")
    client.force_login(manager)
    url = reverse("meetings:idea_workshop", args=[idea.pk])
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        response = client.post(url, {"action": "choose", "choose-meeting": workshop.pk})
    assert response.status_code == 302
    assert IdeaWorkshop.objects.get(idea=idea).meeting == workshop
    assert [m.to for m in mail.outbox] == [[idea.author.email]]
    assert "Fremtidens legepladser" in mail.outbox[0].body
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Fremtidens legepladser" in page


def test_it_creates_a_new_workshop_for_the_idea_and_keeps_bad_input(
    client: Client, manager: User
) -> None:
    idea = _workshop_idea(manager)
    client.force_login(manager)
    url = reverse("meetings:idea_workshop", args=[idea.pk])
    starts = timezone.localtime() + dt.timedelta(days=10)
    data = {
        "action": "create",
        "new-title": "Workshop om stier",
        "new-kind": Kind.WORKSHOP,
        "new-starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "new-ends_at": (starts - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "new-place": "Rådhuset",
        "new-capacity": "20",
        "new-is_published": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Workshop om stier" in response.content.decode()
    assert not Meeting.objects.exists()
    data["new-ends_at"] = (starts + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, data).status_code == 302
    meeting = IdeaWorkshop.objects.get(idea=idea).meeting
    assert (meeting.title, meeting.organiser) == ("Workshop om stier", manager)


def test_it_refuses_a_meeting_that_is_not_a_workshop(manager: User) -> None:
    idea = _workshop_idea(manager)
    network_meeting = MeetingFactory.create(kind=Kind.NETWORK_MEETING)
    with pytest.raises(ValidationError):
        idea_workshop_link(idea=idea, actor=manager, meeting=network_meeting)
    assert not IdeaWorkshop.objects.exists()


def test_it_records_the_outcome_and_returns_the_idea_for_a_new_decision(
    client: Client, manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = _workshop_idea(manager)
    workshop = MeetingFactory.create()
    client.force_login(manager)
    url = reverse("meetings:idea_workshop", args=[idea.pk])
    client.post(url, {"action": "choose", "choose-meeting": workshop.pk})
    assert client.post(url, {"action": "outcome", "outcome": "  "}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        response = client.post(url, {"action": "outcome", "outcome": "Byg en prøvesti."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.AWAITING_DECISION and idea.deadline is not None
    assert idea.events.last().kind == Event.Kind.WORKSHOP  # type: ignore[union-attr]
    assert [m.to for m in mail.outbox] == [[idea.author.email]]
    assert IdeaWorkshop.objects.get(idea=idea).outcome == "Byg en prøvesti."
    # The manager can now decide again, e.g. to realise it.
    assert client.get(reverse("ideas:decide", args=[idea.pk])).status_code == 200
    # The page is closed once the idea has moved on.
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_the_secretariat_and_the_responsible_manager_handle_the_workshop(
    client: Client, user_with_role, role
) -> None:
    owner = UserFactory.create(role=Role.MANAGER)
    idea = _workshop_idea(owner)
    url = reverse("meetings:idea_workshop", args=[idea.pk])
    assert _client(client, user_with_role, role).get(url).status_code == _expect(role, SECRETARIAT)


def test_it_lets_the_responsible_manager_handle_the_workshop(client: Client, manager: User) -> None:
    idea = _workshop_idea(manager)
    client.force_login(manager)
    assert client.get(reverse("meetings:idea_workshop", args=[idea.pk])).status_code == 200
