"""A confidential report is seen only by its department's coordinators (and its named
reporter), and every access to it is logged and shown to the coordinator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import AuditEvent
from samskab.learning.models import LearningReport
from samskab.learning.tests.factories import (
    ReportFactory,
    ZeroErrorAreaFactory,
    coordinator_for,
    department,
)

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
SECRET = "Hemmelig detalje om hændelsen"


@pytest.fixture
def confidential() -> LearningReport:
    area = ZeroErrorAreaFactory.create()
    return ReportFactory.create(
        is_confidential=True,
        what_happened=SECRET,
        title="Fortrolig titel",
        zero_error_area=area,
        responsible=area.responsible,
    )


def _views(report: LearningReport) -> list[tuple[str, str]]:
    return [
        ("get", reverse("learning:report", args=[report.pk])),
        ("get", reverse("learning:share", args=[report.pk])),
        ("post", reverse("learning:handle", args=[report.pk])),
        ("post", reverse("learning:action_add", args=[report.pk])),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_it_hides_a_confidential_report_from_every_role(
    client: Client,
    user_with_role: Callable[[str | None], User | None],
    role: str | None,
    confidential: LearningReport,
) -> None:
    user = user_with_role(role)
    if user is not None:
        # Even a manager of the report's own department.
        user.department = confidential.department
        user.save(update_fields=["department"])
        client.force_login(user)
    for method, url in _views(confidential):
        response = getattr(client, method)(url)
        if role is None:
            assert response.status_code == 302
        elif role in {"resident", "committee"}:
            assert response.status_code == 403
        else:
            assert response.status_code == 404, (role, url)
        assert SECRET not in response.content.decode()
    if user is not None:
        for url in [
            reverse("learning:index"),
            reverse("learning:mine"),
            reverse("learning:trends"),
        ]:
            assert SECRET not in client.get(url).content.decode()
    assert not AuditEvent.objects.filter(action="view").exists()


def test_it_hides_a_confidential_report_from_the_responsible_person_and_other_coordinators(
    client: Client, confidential: LearningReport
) -> None:
    other = coordinator_for(department("dagtilbud"))
    for user in (other, confidential.responsible):
        client.force_login(user)  # type: ignore[arg-type]
        assert client.get(confidential.get_absolute_url()).status_code == 404
    client.force_login(other)
    html = client.get(reverse("learning:inbox")).content.decode()
    assert "Fortrolig indberetning" not in html and "Fortrolig titel" not in html


def test_it_shows_a_confidential_report_to_the_coordinator_and_logs_every_access(
    client: Client, confidential: LearningReport
) -> None:
    coordinator = coordinator_for(confidential.department)
    client.force_login(coordinator)
    inbox = client.get(reverse("learning:inbox")).content.decode()
    assert f"Fortrolig indberetning #{confidential.pk}" in inbox
    assert "Fortrolig titel" not in inbox  # no content in lists
    assert not AuditEvent.objects.exists()

    for _ in range(2):
        response = client.get(confidential.get_absolute_url())
        assert response.status_code == 200
        assert SECRET in response.content.decode()
    client.get(reverse("learning:share", args=[confidential.pk]))
    views = AuditEvent.objects.filter(action="view", actor=coordinator)
    assert views.count() == 3
    assert {event.object_id for event in views} == {str(confidential.pk)}
    assert {event.object_type for event in views} == {"learning.LearningReport"}
    # The log is on the coordinator's page.
    html = client.get(confidential.get_absolute_url()).content.decode()
    assert "Adgangslog" in html
    assert html.count("Åbnede indberetningen") == 4


def test_it_lets_the_named_reporter_read_their_own_confidential_report_logged(
    client: Client, confidential: LearningReport
) -> None:
    client.force_login(confidential.reporter)  # type: ignore[arg-type]
    response = client.get(confidential.get_absolute_url())
    assert response.status_code == 200
    assert "Adgangslog" not in response.content.decode()  # the log is for coordinators
    assert AuditEvent.objects.filter(action="view", actor=confidential.reporter).count() == 1


def test_it_does_not_log_views_of_reports_that_are_not_confidential(client: Client) -> None:
    report = ReportFactory.create()
    client.force_login(coordinator_for(report.department))
    assert client.get(report.get_absolute_url()).status_code == 200
    assert not AuditEvent.objects.filter(action="view").exists()


def test_it_shows_a_report_that_is_not_confidential_to_the_departments_managers(
    client: Client,
) -> None:
    report = ReportFactory.create()
    own = UserFactory.create(role=Role.MANAGER, department=report.department)
    other = UserFactory.create(role=Role.MANAGER, department=department("dagtilbud"))
    client.force_login(own)
    assert client.get(report.get_absolute_url()).status_code == 200
    client.force_login(other)
    assert client.get(report.get_absolute_url()).status_code == 404
