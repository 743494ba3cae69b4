"""A permission test for every view and every role, including who may NOT do what."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.learning.models import Action, LearningReport, RelevanceMark, SharedLearning
from samskab.learning.tests.factories import ReportFactory, coordinator_for, published

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
STAFF = {"employee", "manager", "secretariat", "administrator"}
FIGURES = {"secretariat", "administrator"}


def _client(client: Client, user_with_role: Callable[[str | None], User | None], role: str | None):
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    return client, user


def _expect(role: str | None, allowed: set[str], denied: int = 403) -> int:
    if role is None:
        return 302  # to the login page
    return 200 if role in allowed else denied


@pytest.fixture
def shared() -> SharedLearning:
    return published(ReportFactory.create(title="Rapport om dobbelt udbetaling"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name", ["learning:index", "learning:report_create", "learning:mine", "learning:thanks"]
)
def test_it_lets_everyone_in_the_administration_report_and_read(
    client: Client, user_with_role, role: str | None, name: str
) -> None:
    client, _user = _client(client, user_with_role, role)
    assert client.get(reverse(name)).status_code == _expect(role, STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_shared_learning_to_staff_only(
    client: Client, user_with_role, role: str | None, shared: SharedLearning
) -> None:
    client, _user = _client(client, user_with_role, role)
    response = client.get(shared.get_absolute_url())
    assert response.status_code == _expect(role, STAFF)
    if response.status_code == 200:
        html = response.content.decode()
        assert shared.title in html
        # The raw report is not linked for colleagues who may not open it.
        assert shared.report.get_absolute_url() not in html
        assert shared.report.what_happened not in html


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_staff_mark_relevance_and_comment(
    client: Client, user_with_role, role: str | None, shared: SharedLearning
) -> None:
    client, user = _client(client, user_with_role, role)
    expected = 302 if role is None or role in STAFF else 403
    response = client.post(reverse("learning:relevance", args=[shared.pk]))
    assert response.status_code == expected
    response = client.post(reverse("learning:comment", args=[shared.pk]), {"body": "Godt!"})
    assert response.status_code == expected
    assert RelevanceMark.objects.count() == shared.comments.count() == (1 if role in STAFF else 0)


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_no_unpublished_learning(client: Client, user_with_role, role: str | None) -> None:
    draft = published(ReportFactory.create(), published_at=None)
    client, _user = _client(client, user_with_role, role)
    expected = 404 if role in STAFF else _expect(role, set())
    assert client.get(draft.get_absolute_url()).status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["learning:inbox", "learning:actions"])
def test_it_shows_the_inbox_only_to_coordinators(
    client: Client, user_with_role, role: str | None, name: str
) -> None:
    client, _user = _client(client, user_with_role, role)
    assert client.get(reverse(name)).status_code == _expect(role, set())


def test_it_shows_the_inbox_to_a_coordinator(client: Client) -> None:
    report = ReportFactory.create(title="Synlig for koordinatoren")
    client.force_login(coordinator_for(report.department))
    for name in ["learning:inbox", "learning:actions"]:
        assert client.get(reverse(name)).status_code == 200
    assert "Synlig for koordinatoren" in client.get(reverse("learning:inbox")).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_trends_to_the_secretariat(client: Client, user_with_role, role) -> None:
    client, _user = _client(client, user_with_role, role)
    assert client.get(reverse("learning:trends")).status_code == _expect(role, FIGURES)


def test_it_shows_trends_to_a_coordinator(client: Client) -> None:
    report = ReportFactory.create()
    client.force_login(coordinator_for(report.department))
    assert client.get(reverse("learning:trends")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_a_report_only_to_those_concerned(
    client: Client, user_with_role, role: str | None
) -> None:
    report = ReportFactory.create()
    client, _user = _client(client, user_with_role, role)
    # None of the generic role users coordinates, reported or manages the department.
    for method, url in [
        ("get", report.get_absolute_url()),
        ("get", reverse("learning:share", args=[report.pk])),
        ("post", reverse("learning:handle", args=[report.pk])),
        ("post", reverse("learning:action_add", args=[report.pk])),
    ]:
        expected = 404 if role in STAFF else _expect(role, set())
        assert getattr(client, method)(url).status_code == expected


def test_it_lets_the_reporter_read_but_not_handle_or_share(client: Client) -> None:
    report = ReportFactory.create()
    client.force_login(report.reporter)  # type: ignore[arg-type]
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(reverse("learning:share", args=[report.pk])).status_code == 403
    response = client.post(reverse("learning:handle", args=[report.pk]), {"note": "Klaret"})
    assert response.status_code == 403
    response = client.post(reverse("learning:action_add", args=[report.pk]), {})
    assert response.status_code == 403
    LearningReport.objects.get(pk=report.pk, handled_on=None)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_owner_or_a_coordinator_follow_up_an_action(
    client: Client, user_with_role, role: str | None
) -> None:
    report = ReportFactory.create()
    coordinator = coordinator_for(report.department)
    action = Action.objects.create(
        report=report, title="Ny tjekliste", owner=coordinator, due_on=report.submitted_on
    )
    client, _user = _client(client, user_with_role, role)
    response = client.post(reverse("learning:action_update", args=[action.pk]), {"done": "1"})
    assert response.status_code == (302 if role is None else 403)
    action.refresh_from_db()
    assert action.done_on is None
    client.force_login(coordinator)
    client.post(reverse("learning:action_update", args=[action.pk]), {"done": "1"})
    action.refresh_from_db()
    assert action.done_on is not None
