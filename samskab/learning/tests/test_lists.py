"""List pages take a fixed number of queries however many rows they show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.learning.models import Action, Comment, RelevanceMark
from samskab.learning.tests.factories import (
    ReportFactory,
    ZeroErrorAreaFactory,
    coordinator_for,
    department,
    published,
)

pytestmark = pytest.mark.django_db


def _many(owner: User, count: int = 12) -> None:
    area = ZeroErrorAreaFactory.create()
    for index in range(count):
        report = ReportFactory.create(
            reporter=owner,
            is_confidential=index % 3 == 0,
            zero_error_area=area if index % 2 else None,
            handle_by=dt.date(2025, 1, 1) if index % 2 else None,
            responsible=area.responsible if index % 2 else None,
        )
        shared = published(report)
        RelevanceMark.objects.create(shared=shared, user=owner)
        Comment.objects.create(shared=shared, author=owner, body="Godt")
        Action.objects.create(
            report=report, title=f"Handling {index}", owner=owner, due_on=dt.date(2025, 1, 1)
        )


@pytest.mark.parametrize(
    "name",
    ["learning:index", "learning:inbox", "learning:actions", "learning:mine", "learning:trends"],
)
def test_it_shows_lists_in_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries, name: str
) -> None:
    coordinator = coordinator_for(department())
    _many(coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_it_filters_shared_learning_by_text_category_department_and_own_marks(
    client: Client,
) -> None:
    colleague = UserFactory.create(role=Role.EMPLOYEE)
    payments = published(ReportFactory.create(category="payment"), title="Dobbelt udbetaling")
    it = published(
        ReportFactory.create(category="it", department=department("dagtilbud")),
        title="Systemet gik ned",
        summary="Fagsystemet var nede en hel formiddag.",
        learning_points="Hav en nødprocedure på papir.",
    )
    RelevanceMark.objects.create(shared=it, user=colleague)
    client.force_login(colleague)

    def titles(**query: str) -> set[str]:
        html = client.get(reverse("learning:index"), query).content.decode()
        return {t for t in (payments.title, it.title) if t in html}

    assert titles() == {payments.title, it.title}
    assert titles(q="udbetaling") == {payments.title}
    assert titles(category="it") == {it.title}
    assert titles(department=str(department("dagtilbud").pk)) == {it.title}
    assert titles(relevant="on") == {it.title}
