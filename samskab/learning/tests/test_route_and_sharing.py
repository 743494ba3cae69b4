"""The zero-error route with its deadline, de-identifying and publishing, colleagues'
marks and comments, and following up actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.learning import selectors, services
from samskab.learning.models import (
    Action,
    Category,
    LearningReport,
    Severity,
    SharedLearning,
    Status,
)
from samskab.learning.tests.factories import (
    ReportFactory,
    ZeroErrorAreaFactory,
    coordinator_for,
    department,
    published,
)

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=1))


def _submit(reporter: User, **kwargs: Any) -> LearningReport:
    values: dict[str, Any] = {
        "kind": "error",
        "title": "Forkert beløb udbetalt",
        "what_happened": "Et beløb blev udbetalt to gange.",
        "severity": Severity.MODERATE,
        "category": Category.PAYMENT,
        "department": department(),
    }
    values.update(kwargs)
    return services.report_submit(reporter=reporter, **values)


def test_it_puts_a_zero_error_report_on_the_strict_route_with_a_deadline(
    client: Client, employee: User, django_capture_on_commit_callbacks
) -> None:
    area = ZeroErrorAreaFactory.create(name="Udbetaling af ydelser", handling_days=5)
    coordinator = coordinator_for(area.department)
    with (
        time_machine.travel(dt.datetime(2025, 3, 3, 10, tzinfo=TZ), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = _submit(employee, zero_error_area=area)
    assert report.handle_by == dt.date(2025, 3, 8)
    assert report.responsible == area.responsible
    assert {m.to[0] for m in mail.outbox} == {coordinator.email, area.responsible.email}

    client.force_login(area.responsible)
    with time_machine.travel(dt.datetime(2025, 3, 8, 10, tzinfo=TZ), tick=False):
        html = client.get(report.get_absolute_url()).content.decode()
        assert "Nulfejlsområde: Udbetaling af ydelser" in html
        assert "Overskredet" not in html
    with time_machine.travel(dt.datetime(2025, 3, 9, 10, tzinfo=TZ), tick=False):
        html = client.get(report.get_absolute_url()).content.decode()
        assert "Overskredet" in html
        response = client.post(
            reverse("learning:handle", args=[report.pk]), {"note": "Beløbet er tilbagebetalt."}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.HANDLED
    assert report.handled_on == dt.date(2025, 3, 9)
    assert report.handled_by == area.responsible


def test_it_routes_other_reports_learning_first(employee: User) -> None:
    report = _submit(employee)
    assert report.handle_by is None and report.responsible is None


def test_it_refuses_a_zero_error_area_of_another_department(employee: User) -> None:
    area = ZeroErrorAreaFactory.create(department=department("dagtilbud"))
    with pytest.raises(ValidationError) as error:
        _submit(employee, zero_error_area=area)
    assert "zero_error_area" in error.value.message_dict


def test_it_puts_the_inbox_in_order_of_urgency(employee: User) -> None:
    area = ZeroErrorAreaFactory.create()
    plain = _submit(employee)
    urgent = _submit(employee, zero_error_area=area)
    done = _submit(employee)
    services.report_handle(report=done, actor=employee, note="Klaret")
    coordinator = coordinator_for(department())
    assert selectors.inbox(user=coordinator) == [urgent, plain, done]


def test_it_does_not_tell_the_responsible_person_about_a_confidential_report(
    employee: User, django_capture_on_commit_callbacks
) -> None:
    area = ZeroErrorAreaFactory.create()
    coordinator = coordinator_for(area.department)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(employee, zero_error_area=area, is_confidential=True)
    assert [m.to[0] for m in mail.outbox] == [coordinator.email]
    assert "Et beløb" not in mail.outbox[0].body


def test_it_publishes_a_de_identified_version_after_the_names_are_checked(
    client: Client, employee: User, manager: User
) -> None:
    report = ReportFactory.create(
        what_happened="Jeg talte med Jonas Kjær om beløbet.", learning_points="Tjek to gange."
    )
    coordinator = coordinator_for(report.department)
    client.force_login(coordinator)
    url = reverse("learning:share", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Jonas Kjær" in page  # flagged, and prefilled from the report
    assert "Mulige navne i teksten" in page

    data = {
        "title": "Dobbelt udbetaling",
        "summary": "En kollega talte med Jonas Kjær om beløbet.",
        "learning_points": "Tjek to gange.",
        "suggested_changes": "",
        "publish": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "de markerede ord ikke er navne på personer" in response.content.decode()
    assert not SharedLearning.objects.filter(published_at__isnull=False).exists()

    data["summary"] = "En kollega talte med en borger om beløbet."
    response = client.post(url, data)
    shared = LearningReport.objects.get(pk=report.pk).shared
    assert response["Location"] == shared.get_absolute_url()
    assert shared.is_published and shared.published_by == coordinator
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED

    # A colleague in another department finds it, marks it relevant and comments.
    colleague = UserFactory.create(role=Role.EMPLOYEE, department=department("dagtilbud"))
    client.force_login(colleague)
    html = client.get(reverse("learning:index"), {"q": "udbetaling"}).content.decode()
    assert "Dobbelt udbetaling" in html
    client.post(reverse("learning:relevance", args=[shared.pk]))
    client.post(reverse("learning:comment", args=[shared.pk]), {"body": "Det gælder også os."})
    html = client.get(shared.get_absolute_url()).content.decode()
    assert "Center for Dagtilbud: 1" in html
    assert "Det gælder også os." in html
    assert "Jonas" not in html


def test_it_can_publish_with_confirmed_words_that_are_not_names(employee: User) -> None:
    report = ReportFactory.create()
    coordinator = coordinator_for(report.department)
    values: dict[str, Any] = {
        "title": "Sagen om Rød Stue",
        "summary": "Børnene i Rød Stue fik forkert mad.",
        "learning_points": "Tjek allergilisten.",
    }
    with pytest.raises(ValidationError):
        services.shared_learning_save(report=report, actor=coordinator, publish=True, **values)
    shared = services.shared_learning_save(
        report=report, actor=coordinator, publish=True, names_checked=True, **values
    )
    assert shared.is_published


def test_it_refuses_a_cpr_number_in_the_shared_version_and_in_comments(employee: User) -> None:
    report = ReportFactory.create()
    coordinator = coordinator_for(report.department)
    with pytest.raises(ValidationError) as error:
        services.shared_learning_save(
            report=report,
            actor=coordinator,
            title="Fejl",
            summary="Borger 1205781234 fik to breve.",
            learning_points="Tjek.",
        )
    assert "summary" in error.value.message_dict
    shared = published(report)
    with pytest.raises(ValidationError):
        services.comment_add(shared=shared, author=employee, body="Var det 120578-1234?")


def test_it_follows_up_actions_and_lists_the_overdue_ones(
    client: Client, employee: User, django_capture_on_commit_callbacks
) -> None:
    report = ReportFactory.create()
    coordinator = coordinator_for(report.department)
    client.force_login(coordinator)
    with (
        time_machine.travel(dt.datetime(2025, 5, 1, 10, tzinfo=TZ), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("learning:action_add", args=[report.pk]),
            {"title": "Ny tjekliste", "owner": employee.pk, "due_on": "2025-05-15"},
        )
        assert response.status_code == 302
        response = client.post(
            reverse("learning:action_add", args=[report.pk]),
            {"title": "For sent", "owner": employee.pk, "due_on": "2025-04-01"},
        )
        assert response.status_code == 400
        assert "kan ikke ligge i fortiden" in response.content.decode()
    action = Action.objects.get()
    assert mail.outbox[-1].to == [employee.email]
    with time_machine.travel(dt.datetime(2025, 5, 16, 10, tzinfo=TZ), tick=False):
        assert selectors.actions_overdue(user=coordinator, today=dt.date(2025, 5, 16)) == [action]
        html = client.get(reverse("learning:actions")).content.decode()
        assert "Ny tjekliste" in html and "Overskredet" in html
        # The owner marks it done from their own list.
        client.force_login(employee)
        assert "Ny tjekliste" in client.get(reverse("learning:mine")).content.decode()
        client.post(reverse("learning:action_update", args=[action.pk]), {"done": "1"})
    action.refresh_from_db()
    assert action.done_on == dt.date(2025, 5, 16)
    assert selectors.actions_overdue(user=coordinator, today=dt.date(2025, 5, 17)) == []


def test_it_counts_trends_per_quarter_category_severity_and_actions(
    client: Client, secretariat: User, employee: User
) -> None:
    dept = department()
    with time_machine.travel(dt.datetime(2025, 2, 1, 10, tzinfo=TZ), tick=False):
        first = ReportFactory.create(category=Category.PAYMENT, severity=Severity.MINOR)
        ReportFactory.create(category=Category.IT, severity=Severity.MINOR)
    with time_machine.travel(dt.datetime(2025, 5, 1, 10, tzinfo=TZ), tick=False):
        ReportFactory.create(category=Category.IT, severity=Severity.SERIOUS)
        ReportFactory.create(category=Category.IT, department=department("dagtilbud"))
    Action.objects.create(report=first, title="A", owner=employee, due_on=dt.date(2025, 3, 1))
    Action.objects.create(
        report=first,
        title="B",
        owner=employee,
        due_on=dt.date(2025, 3, 1),
        done_on=dt.date(2025, 3, 1),
    )
    figures = selectors.trends(department=dept, today=dt.date(2025, 6, 30), count=4)
    q1, q2 = figures.quarters[-2], figures.quarters[-1]
    assert (q1.label, q1.total, q1.by_category, q1.done_percent) == (
        "2025 K1",
        2,
        {"payment": 1, "it": 1},
        50,
    )
    assert (q2.total, q2.by_severity, q2.done_percent) == (1, {"serious": 1}, None)
    everything = selectors.trends(department=None, today=dt.date(2025, 6, 30), count=4)
    assert everything.quarters[-1].total == 2

    client.force_login(secretariat)
    response = client.get(reverse("learning:trends"), {"department": dept.pk})
    html = response.content.decode()
    assert 'class="chart-table"' in html and "<svg" in html
    assert "2025 K1" in html and "50 %" in html
    assert "2 indberetninger · 50 % af handlingerne udført" in html
    assert first.what_happened not in html and first.title not in html
