"""Learning reports in the person's data export and erasure."""

from __future__ import annotations

import json

import pytest

from samskab.accounts.models import User
from samskab.accounts.selectors import personal_data
from samskab.accounts.services import account_erase
from samskab.learning.models import LearningCoordinator
from samskab.learning.tests.factories import ReportFactory, coordinator_for, department

pytestmark = pytest.mark.django_db


def test_it_exports_named_reports_but_never_anonymous_ones(employee: User) -> None:
    ReportFactory.create(reporter=employee, title="Dobbelt udbetaling")
    ReportFactory.create(reporter=None, is_anonymous=True, title="Anonym hændelse")
    data = personal_data(user=employee)["sections"]["learning"]
    assert [r["title"] for r in data["reports"]] == ["Dobbelt udbetaling"]
    assert "Anonym hændelse" not in json.dumps(personal_data(user=employee))


def test_it_ends_a_coordinators_appointment_when_the_account_is_erased() -> None:
    coordinator = coordinator_for(department())
    report = ReportFactory.create(reporter=coordinator)
    assert personal_data(user=coordinator)["sections"]["learning"]["learning_coordinator_for"]
    account_erase(user=coordinator)
    assert not LearningCoordinator.objects.filter(user=coordinator).exists()
    report.refresh_from_db()
    assert report.reporter == coordinator  # the report stays, by a deleted user
