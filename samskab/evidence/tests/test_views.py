"""Every view of the evidence registry for every role, and the rollout journey."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.evidence.models import EvidenceRequest, Grade, Intervention, Status
from samskab.experiments.models import Status as ExperimentStatus
from samskab.experiments.tests.factories import EvaluationFactory

from .factories import InterventionFactory, RequestFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
LOGIN = 302
EVERYONE = dict.fromkeys(ROLES, 200)
STAFF = {
    None: LOGIN,
    "resident": 403,
    "employee": 200,
    "manager": 200,
    "secretariat": 200,
    "committee": 403,
    "administrator": 200,
}
MANAGERS = {**STAFF, "employee": 403}


def intervention() -> Intervention:
    return InterventionFactory.create()


def open_request() -> EvidenceRequest:
    return RequestFactory.create(requested_by=UserFactory.create(role=Role.EMPLOYEE))


CASES: list[tuple[str, Callable[[], object] | None, dict[str | None, int]]] = [
    ("evidence:index", None, EVERYONE),
    ("evidence:scale", None, EVERYONE),
    ("evidence:detail", intervention, EVERYONE),
    ("evidence:create", None, STAFF),
    ("evidence:edit", intervention, STAFF),
    ("evidence:source_add", intervention, STAFF),
    ("evidence:request_create", intervention, STAFF),
    ("evidence:status", intervention, MANAGERS),
    ("evidence:request_answer", open_request, {**STAFF, "resident": 404}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url_name", "make", "expected"),
    CASES,
    ids=[f"{name}-{make.__name__ if make else 'page'}" for name, make, _ in CASES],
)
def test_it_lets_each_role_see_and_do_what_the_table_says(
    client: Client,
    user_with_role,
    role: str | None,
    url_name: str,
    make: Callable[[], object] | None,
    expected: dict[str | None, int],
) -> None:
    obj = make() if make else None
    url = reverse(url_name, args=[obj.pk]) if obj is not None else reverse(url_name)  # type: ignore[attr-defined]
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == expected[role]
    if expected[role] == LOGIN:
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, LOGIN),
        ("resident", 404),
        ("employee", 403),
        ("manager", 302),
        ("secretariat", 302),
        ("committee", 403),
        ("administrator", 302),
    ],
)
def test_it_lets_only_a_manager_approve_an_answer(
    client: Client, user_with_role, role: str | None, expected: int
) -> None:
    request = RequestFactory.create(
        state=EvidenceRequest.State.ANSWERED,
        answer="Svar",
        answered_by=UserFactory.create(role=Role.EMPLOYEE),
    )
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("evidence:request_approve", args=[request.pk]))
    assert response.status_code == expected
    request.refresh_from_db()
    approved = expected == 302 and role is not None
    assert (request.state == EvidenceRequest.State.APPROVED) is approved


def test_it_refuses_get_on_the_approval(client: Client, manager: User) -> None:
    request = RequestFactory.create(state=EvidenceRequest.State.ANSWERED, answer="Svar")
    client.force_login(manager)
    assert client.get(reverse("evidence:request_approve", args=[request.pk])).status_code == 405


def test_it_shows_research_and_practice_side_by_side(client: Client, resident: User) -> None:
    item = InterventionFactory.create(
        research_grade=Grade.RANDOMISED_TRIAL, local_experience="Godt modtaget i Korsør"
    )
    SourceFactory.create(intervention=item, citation="Jensen 2021")
    evaluation = EvaluationFactory.create(experiment__status=ExperimentStatus.DONE)
    item.experiments.add(evaluation.experiment)
    RequestFactory.create(intervention=item, question="Hemmeligt spørgsmål")
    client.force_login(resident)
    content = client.get(item.get_absolute_url()).content.decode()
    assert 'class="side-by-side"' in content
    assert "Forskningsbaseret viden" in content and "Praksisviden" in content
    assert "Jensen 2021" in content and "Godt modtaget i Korsør" in content
    assert evaluation.get_absolute_url() in content
    assert "Hemmeligt spørgsmål" not in content  # requests are internal


def test_it_lists_interventions_with_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    for _ in range(10):
        SourceFactory.create()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("evidence:index"))
    assert response.status_code == 200


def test_it_shows_an_intervention_with_a_bounded_number_of_queries(
    client: Client, employee: User, django_assert_max_num_queries
) -> None:
    item = InterventionFactory.create()
    for _ in range(3):
        SourceFactory.create(intervention=item)
        item.experiments.add(EvaluationFactory.create().experiment)
        RequestFactory.create(intervention=item, requested_by=UserFactory.create())
    client.force_login(employee)
    with django_assert_max_num_queries(12):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200


def test_it_refuses_rollout_in_the_form_and_keeps_the_status(client: Client, manager: User) -> None:
    item = InterventionFactory.create()
    client.force_login(manager)
    response = client.post(reverse("evidence:status", args=[item.pk]), {"status": Status.ROLLOUT})
    assert response.status_code == 200
    assert "besvaret" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.REGISTERED


def test_it_runs_the_whole_request_journey_through_the_forms(client: Client) -> None:
    asker = UserFactory.create(role=Role.EMPLOYEE)
    answerer = UserFactory.create(role=Role.EMPLOYEE)
    approver = UserFactory.create(role=Role.MANAGER)
    item = InterventionFactory.create()
    client.force_login(asker)
    client.post(reverse("evidence:request_create", args=[item.pk]), {"question": "Virker det?"})
    request = EvidenceRequest.objects.get()
    assert client.get(reverse("evidence:request_answer", args=[request.pk])).status_code == 403
    client.force_login(answerer)
    response = client.post(reverse("evidence:request_answer", args=[request.pk]), {"answer": ""})
    assert response.status_code == 200  # the answer is required
    client.post(reverse("evidence:request_answer", args=[request.pk]), {"answer": "Ja"})
    client.force_login(approver)
    client.post(reverse("evidence:request_approve", args=[request.pk]))
    response = client.post(
        reverse("evidence:status", args=[item.pk]), {"status": Status.ROLLOUT}, follow=True
    )
    assert response.redirect_chain == [(item.get_absolute_url(), 302)]
    with translation.override("da"):
        assert f"Status er nu: {Status.ROLLOUT.label}." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.ROLLOUT


def test_it_registers_an_intervention_and_keeps_input_on_errors(
    client: Client, employee: User
) -> None:
    client.force_login(employee)
    data = {
        "title": "Telefonvenner",
        "summary": "Opkald",
        "target_group": "",
        "research_grade": Grade.NONE,
    }
    response = client.post(reverse("evidence:create"), data)
    assert response.status_code == 200
    assert "Telefonvenner" in response.content.decode()
    data["target_group"] = "Ældre"
    response = client.post(reverse("evidence:create"), data)
    assert response.status_code == 302
    assert Intervention.objects.get().created_by == employee
