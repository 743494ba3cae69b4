"""A permission test for every view and every role, including who may NOT do what.

An internal idea is never shown to a resident, a committee member or an anonymous visitor:
not its page, not in the list, not among similar ideas, not its attachments, and not
through the support and comment endpoints."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.ideas.models import Attachment, Idea, Meeting, Status
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
STAFF = {"employee", "manager", "secretariat", "administrator"}
MANAGERS = {"manager", "secretariat", "administrator"}
SECRETARIAT = {"secretariat", "administrator"}
FIGURES = {"secretariat", "committee", "administrator"}


def _client(client: Client, user_with_role: Callable[[str | None], User | None], role: str | None):
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    return client


def _expect(role: str | None, allowed: set[str], denied: int = 403) -> int:
    if role is None:
        return 302  # to the login page
    return 200 if role in allowed else denied


@pytest.fixture
def public_idea() -> Idea:
    return IdeaFactory.create(title="Offentlig idé om legepladser")


@pytest.fixture
def internal_idea() -> Idea:
    return IdeaFactory.create(title="Intern idé om vagtplaner", is_internal=True)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_idea_bank_to_everyone_but_internal_ideas_only_to_staff(
    client: Client, user_with_role, role, public_idea: Idea, internal_idea: Idea
) -> None:
    response = _client(client, user_with_role, role).get(reverse("ideas:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert public_idea.title in html
    assert (internal_idea.title in html) == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_an_internal_idea_only_to_staff(
    client: Client, user_with_role, role, public_idea: Idea, internal_idea: Idea
) -> None:
    c = _client(client, user_with_role, role)
    assert c.get(public_idea.get_absolute_url()).status_code == 200
    expected = 200 if role in STAFF else 404
    assert c.get(internal_idea.get_absolute_url()).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_it_never_suggests_an_internal_idea_as_similar_to_outsiders(
    client: Client, user_with_role, role, internal_idea: Idea
) -> None:
    c = _client(client, user_with_role, role)
    html = c.get(reverse("ideas:similar"), {"title": "vagtplaner"}).content.decode()
    assert (internal_idea.title in html) == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_an_internal_idea_s_attachments_only_to_staff(
    client: Client, user_with_role, role, internal_idea: Idea, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(
        idea=internal_idea,
        file=SimpleUploadedFile("plan.txt", b"hemmelig plan"),
        name="plan.txt",
        size=13,
    )
    response = _client(client, user_with_role, role).get(attachment.get_absolute_url())
    assert response.status_code == (200 if role in STAFF else 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_keeps_internal_ideas_out_of_reach_of_support_and_comments(
    client: Client, user_with_role, role, internal_idea: Idea
) -> None:
    c = _client(client, user_with_role, role)
    support = c.post(reverse("engagement:support", args=["ideas.idea", internal_idea.pk]))
    comment = c.post(
        reverse("engagement:comment", args=["ideas.idea", internal_idea.pk]), {"body": "Hej"}
    )
    report = c.get(reverse("engagement:report", args=["ideas.idea", internal_idea.pk]))
    if role is None:
        assert (support.status_code, comment.status_code, report.status_code) == (302, 302, 302)
    elif role in STAFF:
        assert (support.status_code, comment.status_code, report.status_code) == (302, 302, 200)
    else:
        assert (support.status_code, comment.status_code, report.status_code) == (404, 404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_anyone_logged_in_submit_and_see_their_ideas(
    client: Client, user_with_role, role
) -> None:
    c = _client(client, user_with_role, role)
    assert c.get(reverse("ideas:submit")).status_code == (302 if role is None else 200)
    assert c.get(reverse("ideas:mine")).status_code == (302 if role is None else 200)


def test_it_shows_a_hidden_idea_only_to_its_author_and_the_secretariat(
    client: Client, resident: User, employee: User, secretariat: User
) -> None:
    idea = IdeaFactory.create(author=resident, is_hidden=True)
    for user, expected in ((resident, 200), (employee, 404), (secretariat, 200)):
        client.force_login(user)
        assert client.get(idea.get_absolute_url()).status_code == expected
    client.logout()
    assert client.get(idea.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["ideas:screen", "ideas:route", "ideas:merge", "ideas:answer"])
def test_it_lets_only_the_secretariat_screen(
    client: Client, user_with_role, role, view: str, public_idea: Idea
) -> None:
    c = _client(client, user_with_role, role)
    url = reverse(view, args=[public_idea.pk])
    response = c.get(url) if view == "ideas:screen" else c.post(url, {})
    assert response.status_code == _expect(role, SECRETARIAT)
    public_idea.refresh_from_db()
    assert public_idea.status == Status.SUBMITTED  # empty forms change nothing


def test_it_refuses_to_screen_an_idea_that_is_already_routed(
    client: Client, secretariat: User, manager: User
) -> None:
    idea = handled_idea(manager)
    client.force_login(secretariat)
    assert client.get(reverse("ideas:screen", args=[idea.pk])).status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["ideas:assess", "ideas:decide"])
def test_it_lets_only_the_responsible_manager_and_the_secretariat_assess_and_decide(
    client: Client, user_with_role, role, view: str
) -> None:
    responsible = UserFactory.create(role=Role.MANAGER)
    idea = handled_idea(responsible)
    c = _client(client, user_with_role, role)
    assert c.get(reverse(view, args=[idea.pk])).status_code == _expect(role, SECRETARIAT)
    assert c.post(reverse(view, args=[idea.pk]), {}).status_code == _expect(role, SECRETARIAT)
    client.force_login(responsible)
    assert client.get(reverse(view, args=[idea.pk])).status_code == 200


@pytest.mark.parametrize("view", ["ideas:assess", "ideas:decide"])
def test_it_refuses_assessment_and_decision_outside_handling(
    client: Client, manager: User, view: str
) -> None:
    for status in (Status.SUBMITTED, Status.DECLINED, Status.PARKED):
        idea = handled_idea(manager, status=status)
        client.force_login(manager)
        assert client.get(reverse(view, args=[idea.pk])).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_manager_queue_to_managers(client: Client, user_with_role, role) -> None:
    response = _client(client, user_with_role, role).get(reverse("ideas:queue"))
    assert response.status_code == _expect(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["ideas:screening", "ideas:overdue", "ideas:meetings"])
def test_it_shows_the_secretariat_pages_to_the_secretariat_only(
    client: Client, user_with_role, role, view: str
) -> None:
    response = _client(client, user_with_role, role).get(reverse(view))
    assert response.status_code == _expect(role, SECRETARIAT)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_figures_to_the_secretariat_and_the_committee(
    client: Client, user_with_role, role
) -> None:
    response = _client(client, user_with_role, role).get(reverse("ideas:figures"))
    assert response.status_code == _expect(role, FIGURES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["ideas:meeting", "ideas:meeting_decisions"])
def test_it_lets_only_the_secretariat_run_idea_meetings(
    client: Client, user_with_role, role, view: str
) -> None:
    creator = UserFactory.create(role=Role.SECRETARIAT)
    meeting = Meeting.objects.create(title="Idémøde", date="2025-05-01", created_by=creator)
    c = _client(client, user_with_role, role)
    assert c.get(reverse(view, args=[meeting.pk])).status_code == _expect(role, SECRETARIAT)
    assert c.post(reverse(view, args=[meeting.pk]), {}).status_code in (
        {302} if role is None else ({200, 302} if role in SECRETARIAT else {403})
    )
