"""An anonymous report stores no reference to its reporter: not in the report, not in the
audit log, not anywhere else in the database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import AuditEvent
from samskab.learning.models import LearningReport
from samskab.learning.tests.factories import ReportFactory, coordinator_for, department

pytestmark = pytest.mark.django_db

# Login bookkeeping, not the report: the session row holds the logged-in user's id.
NOT_ABOUT_THE_REPORT = {"django_session"}


def _snapshot() -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table, as tuples of their values."""
    tables: dict[str, set[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in NOT_ABOUT_THE_REPORT:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            tables[table] = {tuple(row) for row in cursor.fetchall()}
    return tables


def _user_reference_columns() -> dict[str, list[str]]:
    """For each table: the columns that are foreign keys to the user table."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                found.setdefault(model._meta.db_table, []).append(field.column)
    return found


def _report_data(**extra: Any) -> dict[str, Any]:
    data = {
        "kind": "near_miss",
        "title": "Næsten forkert udbetaling",
        "what_happened": "Jeg var ved at sende en udbetaling to gange.",
        "severity": "minor",
        "category": "payment",
        "department": department().pk,
        "is_anonymous": "on",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("confidential", [False, True])
def test_it_stores_no_reference_to_the_reporter_of_an_anonymous_report(
    client: Client, confidential: bool, django_capture_on_commit_callbacks
) -> None:
    coordinator_for(department())
    reporter = UserFactory.create(
        role=Role.EMPLOYEE, email="anonym-kilde@test.samskab.dk", name="Karla Kildesen"
    )
    client.force_login(reporter)
    before = _snapshot()
    extra = {"is_confidential": "on"} if confidential else {}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("learning:report_create"), _report_data(**extra))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:thanks")  # no report id in the address
    after = _snapshot()

    report = LearningReport.objects.get()
    assert report.is_anonymous and report.reporter_id is None
    new_rows = {table: rows - before.get(table, set()) for table, rows in after.items()}
    assert new_rows["learning_learningreport"], "the report itself is a new row"
    # No column that refers to a user holds the reporter, in any row the report added.
    columns = _user_reference_columns()
    with connection.cursor() as cursor:
        for table, rows in new_rows.items():
            if not rows or table not in columns:
                continue
            names = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for row in rows:
                values = dict(zip(names, row, strict=True))
                for column in columns[table]:
                    assert values[column] != reporter.pk, f"{table}.{column} points to the reporter"
    # Nor does any text: no e-mail address, no name, in any new or changed row.
    mentioning = [
        table
        for table, rows in new_rows.items()
        for text in [json.dumps(sorted(map(repr, rows)))]
        if reporter.email in text or "Karla" in text or "Kildesen" in text
    ]
    assert mentioning == [], f"rows that name the reporter: {new_rows}"
    assert not AuditEvent.objects.filter(actor=reporter).exists()
    # The coordinator's e-mail does not say who reported it either.
    assert len(mail.outbox) == 1
    assert reporter.email not in mail.outbox[0].body
    assert "Karla" not in mail.outbox[0].body


def test_it_keeps_the_reporter_of_a_named_report_and_logs_it(
    client: Client, employee: User
) -> None:
    client.force_login(employee)
    data = _report_data()
    del data["is_anonymous"]
    response = client.post(reverse("learning:report_create"), data)
    report = LearningReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.reporter == employee
    assert AuditEvent.objects.filter(actor=employee, action="submit").exists()


def test_it_does_not_list_an_anonymous_report_among_the_reporters_own(
    client: Client, employee: User
) -> None:
    client.force_login(employee)
    client.post(reverse("learning:report_create"), _report_data())
    html = client.get(reverse("learning:mine")).content.decode()
    assert "Næsten forkert udbetaling" not in html


def test_it_refuses_an_anonymous_report_with_a_reporter_in_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory.create(is_anonymous=True)  # the factory sets a reporter
