from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Department
from samskab.learning.models import (
    Category,
    Kind,
    LearningCoordinator,
    LearningReport,
    Severity,
    SharedLearning,
    ZeroErrorArea,
)


def department(slug: str = "boern-og-unge") -> Department:
    return Department.objects.get(slug=slug)


def coordinator_for(dept: Department, **kwargs: Any) -> User:
    defaults: dict[str, Any] = {"role": Role.EMPLOYEE, "department": dept}
    defaults.update(kwargs)
    user = UserFactory.create(**defaults)
    LearningCoordinator.objects.create(user=user, department=dept)
    return user


class ReportFactory(factory.django.DjangoModelFactory[LearningReport]):
    class Meta:
        model = LearningReport

    kind = Kind.NEAR_MISS
    title = factory.Sequence(lambda n: f"Næsten-fejl nummer {n}")
    what_happened = "En udbetaling blev næsten sendt to gange."
    learning_points = "Dobbelttjek ved manuelle udbetalinger."
    severity = Severity.MINOR
    category = Category.PAYMENT
    department = factory.LazyFunction(department)
    reporter = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)
    submitted_on = factory.LazyFunction(timezone.localdate)


class ZeroErrorAreaFactory(factory.django.DjangoModelFactory[ZeroErrorArea]):
    class Meta:
        model = ZeroErrorArea

    department = factory.LazyFunction(department)
    name = factory.Sequence(lambda n: f"Udbetalinger {n}")
    handling_days = 5
    responsible = factory.SubFactory(UserFactory, role=Role.MANAGER)


def published(report: LearningReport, **kwargs: Any) -> SharedLearning:
    defaults: dict[str, Any] = {
        "title": f"Læring: {report.title}",
        "summary": "En udbetaling var tæt på at blive sendt to gange.",
        "learning_points": "Vi tjekker manuelle udbetalinger to gange.",
        "published_at": timezone.now(),
    }
    defaults.update(kwargs)
    return SharedLearning.objects.create(report=report, **defaults)
