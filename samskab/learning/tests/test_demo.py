from __future__ import annotations

import pytest

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Department
from samskab.learning.demo import COORDINATOR, DEPARTMENT, RESPONSIBLE, seed_demo_learning
from samskab.learning.models import LearningReport, SharedLearning

pytestmark = pytest.mark.django_db


def test_it_seeds_demo_reports_once() -> None:
    department = Department.objects.get(slug=DEPARTMENT)
    UserFactory.create(email=COORDINATOR, role=Role.EMPLOYEE, department=department)
    UserFactory.create(email=RESPONSIBLE, role=Role.MANAGER)
    seed_demo_learning()
    seed_demo_learning()
    assert LearningReport.objects.count() == 4
    assert LearningReport.objects.filter(is_anonymous=True, reporter=None).count() == 1
    assert SharedLearning.objects.filter(published_at__isnull=False).count() == 1


def test_it_seeds_nothing_without_the_demo_users() -> None:
    seed_demo_learning()
    assert not LearningReport.objects.exists()
