"""Every view for every role, and the journeys through the forms."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Department
from samskab.experiments.forms import ExperimentForm
from samskab.experiments.models import Evaluation, Experiment, Participant, Status

from .factories import EvaluationFactory, ExperimentFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

ROLES = [None, "resident", "employee", "manager", "secretariat", "committee", "administrator"]
LOGIN = 302

# Who may act on someone else's experiment: the secretariat and the administrator (the
# owner and the managers of its department are tested separately below).
STEWARDS = {
    None: LOGIN,
    "resident": 403,
    "employee": 403,
    "manager": 403,
    "secretariat": 200,
    "committee": 403,
    "administrator": 200,
}
EVERYONE = dict.fromkeys(ROLES, 200)
INTERNAL = {**EVERYONE, None: 404, "resident": 404}
STAFF = {**STEWARDS, "employee": 200, "manager": 200}


def owner_of(experiment: Experiment) -> User:
    assert experiment.owner is not None
    return experiment.owner


def running() -> Experiment:
    experiment = ExperimentFactory.create(status=Status.RUNNING)
    IndicatorFactory.create(experiment=experiment)
    return experiment


def planned() -> Experiment:
    return ExperimentFactory.create(status=Status.PLANNED)


def zero_error() -> Experiment:
    # In the department of the ``manager`` fixture (samskab/experiments/tests/conftest.py).
    return ExperimentFactory.create(
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=Department.objects.order_by("pk").first(),
    )


def evaluating() -> Experiment:
    return ExperimentFactory.create(status=Status.EVALUATING)


def evaluation_of_running() -> Evaluation:
    return EvaluationFactory.create(experiment__status=Status.RUNNING)


def evaluation_of_planned() -> Evaluation:
    return EvaluationFactory.create(experiment__status=Status.PLANNED)


CASES: list[tuple[str, Callable[[], object] | None, dict[str | None, int]]] = [
    ("experiments:index", None, EVERYONE),
    ("experiments:findings", None, EVERYONE),
    ("experiments:follow_ups", None, {**STEWARDS}),
    ("experiments:create", None, STAFF),
    ("experiments:detail", planned, INTERNAL),
    ("experiments:detail", running, EVERYONE),
    ("experiments:edit", running, STEWARDS),
    ("experiments:edit", planned, {**STEWARDS, "resident": 404}),
    ("experiments:participant_add", running, STEWARDS),
    ("experiments:indicator_add", running, STEWARDS),
    ("experiments:measurement_add", running, STEWARDS),
    ("experiments:status", running, STEWARDS),
    # Only a manager of the department (tested below): not a manager of another department,
    # the secretariat or the administrator.
    (
        "experiments:approve",
        zero_error,
        {**STEWARDS, "resident": 404, "secretariat": 403, "administrator": 403},
    ),
    ("experiments:evaluation_create", evaluating, STEWARDS),
    ("experiments:evaluation", evaluation_of_running, EVERYONE),
    ("experiments:evaluation", evaluation_of_planned, INTERNAL),
    ("experiments:evaluation_edit", evaluation_of_running, STEWARDS),
    ("experiments:follow_up", evaluation_of_running, STEWARDS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url_name", "make", "expected"),
    CASES,
    ids=[f"{name}-{make.__name__ if make else 'list'}" for name, make, _ in CASES],
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
    "url_name",
    ["experiments:edit", "experiments:status", "experiments:measurement_add"],
)
def test_it_lets_the_owner_and_the_managers_of_the_department_act(
    client: Client, url_name: str
) -> None:
    department = Department.objects.first()
    assert department is not None
    experiment = ExperimentFactory.create(status=Status.RUNNING, department=department)
    IndicatorFactory.create(experiment=experiment)
    url = reverse(url_name, args=[experiment.pk])
    client.force_login(owner_of(experiment))
    assert client.get(url).status_code == 200
    client.force_login(UserFactory.create(role=Role.MANAGER, department=department))
    assert client.get(url).status_code == 200
    other = Department.objects.exclude(pk=department.pk).first()
    client.force_login(UserFactory.create(role=Role.MANAGER, department=other))
    assert client.get(url).status_code == 403


def test_it_lets_an_employee_participant_record_measurements_but_not_edit(
    client: Client, employee: User
) -> None:
    experiment = running()
    Participant.objects.create(experiment=experiment, kind="employee", user=employee)
    client.force_login(employee)
    assert (
        client.get(reverse("experiments:measurement_add", args=[experiment.pk])).status_code == 200
    )
    assert client.get(reverse("experiments:edit", args=[experiment.pk])).status_code == 403


def test_it_lets_the_person_responsible_record_the_follow_up(client: Client) -> None:
    responsible = UserFactory.create(role=Role.EMPLOYEE)
    evaluation = EvaluationFactory.create(follow_up_responsible=responsible)
    client.force_login(responsible)
    assert client.get(reverse("experiments:follow_up", args=[evaluation.pk])).status_code == 200


def test_it_lets_no_one_approve_an_experiment_that_needs_no_approval(
    client: Client, manager: User
) -> None:
    client.force_login(manager)
    experiment = planned()
    assert client.get(reverse("experiments:approve", args=[experiment.pk])).status_code == 403


def test_it_hides_planned_experiments_from_the_public_list(client: Client, resident: User) -> None:
    ExperimentFactory.create(title="Hemmeligt forsøg")
    ExperimentFactory.create(title="Kørende forsøg", status=Status.RUNNING)
    client.force_login(resident)
    content = client.get(reverse("experiments:index")).content.decode()
    assert "Kørende forsøg" in content
    assert "Hemmeligt forsøg" not in content


def test_it_lists_experiments_with_a_bounded_number_of_queries(
    client: Client, employee: User, django_assert_max_num_queries
) -> None:
    for _ in range(12):
        IndicatorFactory.create(experiment__status=Status.RUNNING)
    client.force_login(employee)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("experiments:index"))
    assert response.status_code == 200


def test_it_shows_an_experiment_page_with_a_bounded_number_of_queries(
    client: Client, employee: User, django_assert_max_num_queries
) -> None:
    experiment = running()
    for n in range(3):
        indicator = IndicatorFactory.create(experiment=experiment, name=f"Indikator {n}")
        for day in range(1, 6):
            MeasurementFactory.create(
                indicator=indicator, measured_on=datetime.date(2025, 2, day), value=Decimal(day)
            )
    EvaluationFactory.create(experiment=experiment)
    Participant.objects.create(experiment=experiment, kind="citizen", name="Forældre", number=5)
    client.force_login(employee)
    # 17: the surveys block and the comment form's "as organisation" choice read one each.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("experiments:detail", args=[experiment.pk]))
    assert response.status_code == 200


def test_it_draws_a_chart_and_a_table_for_each_indicator(client: Client) -> None:
    experiment = running()
    indicator = experiment.indicators.get()
    MeasurementFactory.create(
        indicator=indicator, measured_on=datetime.date(2025, 3, 1), value=Decimal("37.5")
    )
    MeasurementFactory.create(
        indicator=indicator, measured_on=datetime.date(2025, 4, 1), value=Decimal(31)
    )
    content = client.get(reverse("experiments:detail", args=[experiment.pk])).content.decode()
    assert 'role="img"' in content
    assert f'<title id="graf-{indicator.pk}-titel">Graf over {indicator.name}</title>' in content
    assert "2 målinger" in content  # the chart's text alternative
    assert "Udgangspunkt (stiplet linje)" in content and "Mål (prikket linje)" in content
    assert "<polyline" in content
    assert '<th scope="row">Udgangspunkt</th>' in content
    assert "37,5" in content  # Danish decimal comma in the table ...
    assert 'cy="37,' not in content  # ... but never in the SVG coordinates


def test_it_hides_citizen_names_from_the_public(client: Client, resident: User) -> None:
    experiment = running()
    Participant.objects.create(experiment=experiment, kind="citizen", name="Jens Hansen")
    client.force_login(resident)
    content = client.get(reverse("experiments:detail", args=[experiment.pk])).content.decode()
    assert "Jens Hansen" not in content
    assert "1 borger" in content


def test_it_creates_an_experiment_and_keeps_input_on_errors(client: Client, employee: User) -> None:
    client.force_login(employee)
    data = {
        "title": "Åben skolegård",
        "hypothesis": "Flere børn bruger skolegården om aftenen",
        "start_date": "2025-05-01",
        "end_date": "2025-04-01",
        "is_zero_error_area": "",
    }
    response = client.post(reverse("experiments:create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Åben skolegård" in content
    assert 'aria-invalid="true"' in content
    assert not Experiment.objects.exists()
    data["end_date"] = "2025-09-30"
    response = client.post(reverse("experiments:create"), data)
    experiment = Experiment.objects.get()
    assert response["Location"] == experiment.get_absolute_url()
    assert experiment.owner == employee


def test_it_shows_the_zero_error_step_clearly(client: Client, employee: User) -> None:
    experiment = zero_error()
    IndicatorFactory.create(experiment=experiment)
    client.force_login(owner_of(experiment))
    content = client.get(reverse("experiments:detail", args=[experiment.pk])).content.decode()
    assert "Nulfejlsområde" in content
    assert "Ikke godkendt endnu" in content
    response = client.post(
        reverse("experiments:status", args=[experiment.pk]), {"to_status": Status.RUNNING}
    )
    assert response.status_code == 200
    assert "skal godkendes af en leder" in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.status == Status.PLANNED


def test_it_approves_and_then_starts_through_the_forms(client: Client, manager: User) -> None:
    experiment = zero_error()
    IndicatorFactory.create(experiment=experiment)
    client.force_login(manager)
    url = reverse("experiments:approve", args=[experiment.pk])
    assert client.post(url, {"note": ""}).status_code == 200  # a note is required
    assert client.post(url, {"note": "Risici vurderet"}).status_code == 302
    client.force_login(owner_of(experiment))
    response = client.post(
        reverse("experiments:status", args=[experiment.pk]), {"to_status": Status.RUNNING}
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING


def test_it_saves_an_edit_and_warns_when_the_approval_must_be_given_again(
    client: Client, manager: User
) -> None:
    experiment = zero_error()
    client.force_login(manager)
    client.post(reverse("experiments:approve", args=[experiment.pk]), {"note": "Risici vurderet"})
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_at is not None
    form = ExperimentForm(instance=experiment)
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    client.force_login(owner_of(experiment))
    url = reverse("experiments:edit", args=[experiment.pk])
    response = client.post(url, {**data, "risks": "Nye risici"}, follow=True)
    assert response.redirect_chain == [(experiment.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "Forsøget er gemt." in html
    assert "skal godkendes igen" in html
    experiment.refresh_from_db()
    assert experiment.risks == "Nye risici" and experiment.zero_error_approved_at is None


@time_machine.travel(datetime.date(2025, 5, 1))
def test_it_records_a_measurement_through_the_form(client: Client) -> None:
    experiment = running()
    indicator = experiment.indicators.get()
    client.force_login(owner_of(experiment))
    url = reverse("experiments:measurement_add", args=[experiment.pk])
    data = {"indicator": indicator.pk, "measured_on": "2025-04-30", "value": "33.5", "note": ""}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)  # the same day again
    assert response.status_code == 200
    assert "allerede" in response.content.decode()
    assert indicator.measurements.get().value == Decimal("33.5")


def test_it_refuses_an_evaluation_without_users_and_keeps_the_text(client: Client) -> None:
    experiment = evaluating()
    client.force_login(owner_of(experiment))
    data = {
        "intended_users": "",
        "decision": "",
        "learning_questions": "Hvad lærte vi?",
        "method": "Interview",
        "findings": "Et vigtigt fund",
        "what_worked": "Noget",
        "recommendation": "adjust",
        "follow_up_months": "6",
    }
    url = reverse("experiments:evaluation_create", args=[experiment.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Et vigtigt fund" in response.content.decode()
    assert not Evaluation.objects.exists()
    data.update(intended_users="Direktionen", decision="Budget 2026")
    response = client.post(url, data)
    evaluation = Evaluation.objects.get()
    assert response["Location"] == evaluation.get_absolute_url()


def test_it_records_the_follow_up_through_the_form(client: Client) -> None:
    evaluation = evaluation_of_running()
    client.force_login(owner_of(evaluation.experiment))
    url = reverse("experiments:follow_up", args=[evaluation.pk])
    response = client.post(url, {"was_used": "no", "what_changed": "Ingen budget"})
    assert response.status_code == 302
    assert evaluation.experiment.owner is not None
    assert client.get(url).status_code == 403  # once only
    client.force_login(UserFactory.create(role=Role.SECRETARIAT))
    content = client.get(reverse("experiments:follow_ups")).content.decode()
    assert "Ingen budget" in content


def test_it_searches_findings_through_the_page(client: Client) -> None:
    EvaluationFactory.create(
        experiment__status=Status.DONE, findings="Ensomheden faldt blandt mænd."
    )
    EvaluationFactory.create(experiment__status=Status.DONE, findings="Kortere ventetid.")
    response = client.get(reverse("experiments:findings"), {"q": "ensomhed"})
    content = response.content.decode()
    assert "Ensomheden faldt" in content
    assert "Kortere ventetid" not in content


# --- zero-error approval: a manager of the owning department, never the owner -------------


def test_it_lets_only_a_manager_of_the_department_who_is_not_the_owner_approve(
    client: Client, manager: User
) -> None:
    experiment = zero_error()
    url = reverse("experiments:approve", args=[experiment.pk])
    other_department = Department.objects.exclude(pk=manager.department.pk).first()  # type: ignore[union-attr]
    not_allowed = [
        owner_of(experiment),
        UserFactory.create(role=Role.MANAGER, department=other_department),
        UserFactory.create(role=Role.MANAGER),
        UserFactory.create(role=Role.SECRETARIAT, department=manager.department),
        UserFactory.create(
            role=Role.ADMINISTRATOR, is_superuser=True, department=manager.department
        ),
    ]
    for user in not_allowed:
        client.force_login(user)
        assert client.get(url).status_code == 403, user.role
        assert client.post(url, {"note": "Ok"}).status_code == 403, user.role
    client.force_login(manager)
    detail = client.get(reverse("experiments:detail", args=[experiment.pk])).content.decode()
    assert url in detail  # the link to approve
    assert client.post(url, {"note": "Risici vurderet"}).status_code == 302
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_by == manager


def test_it_lets_no_manager_approve_their_own_zero_error_experiment(
    client: Client, manager: User
) -> None:
    experiment = zero_error()
    experiment.owner = manager
    experiment.save(update_fields=["owner"])
    client.force_login(manager)
    url = reverse("experiments:approve", args=[experiment.pk])
    assert client.post(url, {"note": "Jeg godkender mig selv"}).status_code == 403
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_at is None
