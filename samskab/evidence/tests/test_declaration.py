"""Socialstyrelsen's knowledge declaration (Vidensdeklaration) on each intervention:
five dimensions, each graded A-D with its reasoning, shown as a table and a chart."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.evidence.models import DeclarationItem, Dimension, Intervention
from samskab.ideas.tests.test_permissions import ROLES, _client, _expect

pytestmark = pytest.mark.django_db

STAFF = {"employee", "manager", "secretariat", "administrator"}


@pytest.fixture
def intervention() -> Intervention:
    return Intervention.objects.create(
        title="Opsøgende hjemmebesøg", summary="Besøg hos ældre", target_group="Ældre over 75"
    )


def _post(grades: str = "ABCDA", **override: str) -> dict[str, str]:
    data = {}
    for dimension, grade in zip(Dimension, grades, strict=True):
        data[f"{dimension.value}_grade"] = grade
        data[f"{dimension.value}_reasoning"] = f"Begrundelse for {dimension.label}"
    data.update(override)
    return data


def test_it_saves_the_declaration_and_shows_it_as_a_table_and_chart(
    client: Client, employee: User, intervention: Intervention
) -> None:
    client.force_login(employee)
    url = reverse("evidence:declaration", args=[intervention.pk])
    assert client.post(url, _post()).status_code == 302
    grades = dict(DeclarationItem.objects.values_list("dimension", "grade"))
    assert grades == {
        "target_group": "A",
        "method": "B",
        "implementation": "C",
        "effect": "D",
        "economy": "A",
    }
    page = Client().get(intervention.get_absolute_url()).content.decode()
    assert "Vidensdeklaration" in page and "Begrundelse for" in page
    assert "chart-table" in page


def test_it_needs_a_grade_and_reasoning_for_every_dimension_and_keeps_the_input(
    client: Client, employee: User, intervention: Intervention
) -> None:
    client.force_login(employee)
    url = reverse("evidence:declaration", args=[intervention.pk])
    response = client.post(url, _post(effect_reasoning="  ", economy_grade="E"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Begrundelse for" in html
    assert not DeclarationItem.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_employees_write_the_declaration(
    client: Client, user_with_role, role, intervention: Intervention
) -> None:
    url = reverse("evidence:declaration", args=[intervention.pk])
    assert _client(client, user_with_role, role).get(url).status_code == _expect(role, STAFF)


def test_it_explains_the_grades_in_plain_danish(client: Client) -> None:
    page = client.get(reverse("evidence:scale")).content.decode()
    assert "Vidensdeklaration" in page and "ikke dokumenteret" in page
