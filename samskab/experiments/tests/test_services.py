from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import AuditEvent, Department
from samskab.experiments import selectors, services
from samskab.experiments.models import (
    Evaluation,
    Experiment,
    FollowUp,
    Recommendation,
    Status,
    StatusChange,
    add_months,
)
from samskab.experiments.services import EvaluationData, ExperimentData

from .factories import EvaluationFactory, ExperimentFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def evaluation_data(**overrides: object) -> EvaluationData:
    values: dict[str, object] = {
        "intended_users": "Direktionen",
        "decision": "Udbredelse i budget 2026",
        "learning_questions": "Virker det?",
        "method": "Før- og eftermåling",
        "findings": "Ventetiden faldt.",
        "what_worked": "For forældre med små børn i Korsør.",
        "recommendation": Recommendation.ADJUST,
        "follow_up_months": 6,
    }
    values.update(overrides)
    return EvaluationData(**values)  # type: ignore[arg-type]


def ready_experiment(**kwargs: object) -> Experiment:
    experiment = ExperimentFactory.create(**kwargs)
    IndicatorFactory.create(experiment=experiment)
    return experiment


# --- creating and editing ---------------------------------------------------------------


def test_it_creates_a_planned_experiment_owned_by_its_creator(employee: User) -> None:
    experiment = services.experiment_create(
        actor=employee, data=ExperimentData(title="  Mobil sundhedsklinik ", budget=Decimal(250000))
    )
    assert experiment.status == Status.PLANNED
    assert experiment.owner == employee
    assert experiment.title == "Mobil sundhedsklinik"
    assert AuditEvent.objects.filter(action="experiment_create").count() == 1


def test_it_refuses_an_end_before_the_start_and_a_resident_as_owner(
    employee: User, resident: User
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.experiment_create(
            actor=employee,
            data=ExperimentData(
                title="x",
                start_date=datetime.date(2025, 5, 1),
                end_date=datetime.date(2025, 4, 1),
                owner=resident,
                budget=Decimal(-1),
            ),
        )
    assert set(caught.value.message_dict) == {"end_date", "owner", "budget"}
    assert not Experiment.objects.exists()


def test_it_requires_safeguards_for_a_zero_error_experiment(employee: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.experiment_create(
            actor=employee, data=ExperimentData(title="Medicin", is_zero_error_area=True)
        )
    assert "zero_error_safeguards" in caught.value.message_dict


# --- the zero-error approval step -------------------------------------------------------


def test_it_does_not_start_a_zero_error_experiment_before_approval(
    employee: User, manager: User
) -> None:
    experiment = ready_experiment(
        owner=employee,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=manager.department,
    )
    with pytest.raises(ValidationError) as caught:
        services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.RUNNING
        )
    assert "nulfejlsområde" in str(caught.value)
    services.experiment_zero_error_approve(experiment=experiment, actor=manager, note="Ok")
    services.experiment_status_change(
        experiment=experiment, actor=employee, to_status=Status.RUNNING
    )
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING
    assert experiment.zero_error_approved_by == manager


def test_it_lets_neither_the_owner_nor_an_employee_approve(employee: User, manager: User) -> None:
    owned_by_manager = ready_experiment(
        owner=manager,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=manager.department,
    )
    with pytest.raises(ValidationError):
        services.experiment_zero_error_approve(
            experiment=owned_by_manager, actor=manager, note="Jeg godkender mig selv"
        )
    with pytest.raises(ValidationError):
        services.experiment_zero_error_approve(
            experiment=owned_by_manager, actor=employee, note="Ok"
        )
    owned_by_manager.refresh_from_db()
    assert owned_by_manager.zero_error_approved_at is None


def test_it_withdraws_the_approval_when_the_risks_change(employee: User, manager: User) -> None:
    experiment = ready_experiment(
        owner=employee,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=manager.department,
    )
    services.experiment_zero_error_approve(experiment=experiment, actor=manager, note="Ok")
    same = ExperimentData(
        title=experiment.title,
        hypothesis=experiment.hypothesis,
        target_group=experiment.target_group,
        start_date=experiment.start_date,
        end_date=experiment.end_date,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=experiment.department,
    )
    services.experiment_update(experiment=experiment, actor=employee, data=same)
    assert experiment.zero_error_approved_at is not None  # nothing that matters changed
    changed = ExperimentData(**{**same.__dict__, "zero_error_safeguards": "Enkelttjek"})
    services.experiment_update(experiment=experiment, actor=employee, data=changed)
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_at is None
    assert experiment.needs_zero_error_approval


def test_it_sends_the_owner_an_email_on_approval(
    employee: User, manager: User, django_capture_on_commit_callbacks
) -> None:
    experiment = ready_experiment(
        owner=employee,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=manager.department,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_zero_error_approve(experiment=experiment, actor=manager, note="Ok")
    assert [message.to for message in mail.outbox] == [[employee.email]]
    assert "Nulfejls" in mail.outbox[0].subject


# --- status --------------------------------------------------------------------------------


def test_it_lists_what_is_missing_before_an_experiment_can_start(employee: User) -> None:
    experiment = ExperimentFactory.create(owner=employee, hypothesis="", start_date=None)
    with pytest.raises(ValidationError) as caught:
        services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.RUNNING
        )
    messages = caught.value.message_dict["to_status"]
    assert len(messages) == 3  # hypothesis, period, indicator
    assert experiment.status == Status.PLANNED
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.PLANNED, Status.DONE),
        (Status.PLANNED, Status.EVALUATING),
        (Status.RUNNING, Status.PLANNED),
        (Status.DONE, Status.RUNNING),
    ],
)
def test_it_refuses_status_changes_that_are_not_allowed(
    employee: User, start: str, target: str
) -> None:
    experiment = ready_experiment(owner=employee, status=start)
    with pytest.raises(ValidationError):
        services.experiment_status_change(experiment=experiment, actor=employee, to_status=target)
    experiment.refresh_from_db()
    assert experiment.status == start


def test_it_marks_an_experiment_done_only_with_an_evaluation(employee: User) -> None:
    experiment = ready_experiment(owner=employee, status=Status.EVALUATING)
    with pytest.raises(ValidationError):
        services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.DONE
        )
    services.evaluation_create(experiment=experiment, actor=employee, data=evaluation_data())
    services.experiment_status_change(experiment=experiment, actor=employee, to_status=Status.DONE)
    assert list(experiment.changes.values_list("from_status", "to_status")) == [
        (Status.EVALUATING, Status.DONE)
    ]


# --- measurements -----------------------------------------------------------------------


@time_machine.travel(datetime.date(2025, 4, 10))
def test_it_records_measurements_only_while_running_and_once_a_day(employee: User) -> None:
    indicator = IndicatorFactory.create(experiment__owner=employee)
    with pytest.raises(ValidationError):
        services.measurement_record(
            indicator=indicator,
            actor=employee,
            measured_on=datetime.date(2025, 4, 1),
            value=Decimal(30),
        )
    indicator.experiment.status = Status.RUNNING
    indicator.experiment.save()
    services.measurement_record(
        indicator=indicator,
        actor=employee,
        measured_on=datetime.date(2025, 4, 1),
        value=Decimal(30),
    )
    with pytest.raises(ValidationError) as again:
        services.measurement_record(
            indicator=indicator,
            actor=employee,
            measured_on=datetime.date(2025, 4, 1),
            value=Decimal(31),
        )
    assert "measured_on" in again.value.message_dict
    with pytest.raises(ValidationError) as future:
        services.measurement_record(
            indicator=indicator,
            actor=employee,
            measured_on=datetime.date(2025, 4, 11),
            value=Decimal(31),
        )
    assert "measured_on" in future.value.message_dict
    assert indicator.measurements.count() == 1


def test_it_refuses_an_indicator_whose_target_is_its_baseline(employee: User) -> None:
    experiment = ExperimentFactory.create(owner=employee)
    with pytest.raises(ValidationError) as caught:
        services.indicator_add(
            experiment=experiment,
            actor=employee,
            name="Ventetid",
            unit="dage",
            baseline=Decimal(10),
            target=Decimal(10),
        )
    assert "target" in caught.value.message_dict


def test_it_keeps_citizens_apart_from_logins(employee: User, resident: User) -> None:
    experiment = ExperimentFactory.create(owner=employee)
    with pytest.raises(ValidationError) as caught:
        services.participant_add(
            experiment=experiment, actor=employee, kind="citizen", user=resident
        )
    assert "user" in caught.value.message_dict
    citizens = services.participant_add(
        experiment=experiment, actor=employee, kind="citizen", name="Forældre i 0.A", number=24
    )
    assert citizens.number == 24 and citizens.user is None


# --- evaluations and follow-up -----------------------------------------------------------


def test_it_cannot_create_an_evaluation_without_its_users_and_decision(employee: User) -> None:
    experiment = ready_experiment(owner=employee, status=Status.EVALUATING)
    with pytest.raises(ValidationError) as caught:
        services.evaluation_create(
            experiment=experiment,
            actor=employee,
            data=evaluation_data(intended_users="  ", decision=""),
        )
    assert set(caught.value.message_dict) == {"intended_users", "decision"}
    assert not Evaluation.objects.exists()


def test_it_refuses_to_evaluate_a_planned_experiment(employee: User) -> None:
    experiment = ready_experiment(owner=employee)
    with pytest.raises(ValidationError):
        services.evaluation_create(experiment=experiment, actor=employee, data=evaluation_data())


def test_it_sets_the_follow_up_date_and_the_owner_as_responsible(employee: User) -> None:
    experiment = ready_experiment(owner=employee, status=Status.EVALUATING)
    evaluation = services.evaluation_create(
        experiment=experiment,
        actor=employee,
        data=evaluation_data(follow_up_months=1),
        today=datetime.date(2025, 1, 31),
    )
    assert evaluation.follow_up_due == datetime.date(2025, 2, 28)
    assert evaluation.follow_up_responsible == employee


@given(
    day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1)),
    months=st.integers(min_value=1, max_value=36),
)
def test_it_adds_months_without_overshooting_the_month(day: datetime.date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert result.day == day.day or (result + datetime.timedelta(days=1)).month != result.month


def test_it_records_a_follow_up_once(employee: User) -> None:
    evaluation = EvaluationFactory.create(experiment__owner=employee)
    with pytest.raises(ValidationError) as caught:
        services.follow_up_record(
            evaluation=evaluation, actor=employee, was_used="yes", what_changed=" "
        )
    assert "what_changed" in caught.value.message_dict
    services.follow_up_record(
        evaluation=evaluation, actor=employee, was_used="no", what_changed="Budgettet manglede."
    )
    with pytest.raises(ValidationError):
        services.follow_up_record(
            evaluation=evaluation, actor=employee, was_used="yes", what_changed="Dog brugt."
        )
    assert FollowUp.objects.get().was_used == "no"
    with pytest.raises(ValidationError):
        services.evaluation_update(evaluation=evaluation, actor=employee, data=evaluation_data())


def test_it_reminds_once_when_the_follow_up_falls_due(
    employee: User, django_capture_on_commit_callbacks
) -> None:
    evaluation = EvaluationFactory.create(
        experiment__owner=employee, follow_up_due=datetime.date(2025, 7, 1)
    )
    EvaluationFactory.create(follow_up_due=datetime.date(2025, 8, 1))  # not due yet
    with time_machine.travel(datetime.date(2025, 6, 30)):
        assert services.follow_up_reminders_send() == 0
    with (
        time_machine.travel(datetime.date(2025, 7, 1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_follow_up_reminders")  # queued, run at once in tests
        assert services.follow_up_reminders_send() == 0  # already reminded
    assert [message.to for message in mail.outbox] == [[employee.email]]
    assert f"/forsoeg/evalueringer/{evaluation.pk}/opfoelgning/" in mail.outbox[0].body


def test_it_lists_overdue_and_unused_evaluations_for_the_secretariat(employee: User) -> None:
    overdue = EvaluationFactory.create(follow_up_due=datetime.date(2025, 1, 1))
    EvaluationFactory.create(follow_up_due=datetime.date(2025, 12, 1))  # not due
    unused = EvaluationFactory.create(follow_up_due=datetime.date(2025, 1, 1))
    FollowUp.objects.create(evaluation=unused, was_used="no", what_changed="Ingen tid")
    used = EvaluationFactory.create(follow_up_due=datetime.date(2025, 1, 1))
    FollowUp.objects.create(evaluation=used, was_used="yes", what_changed="Nye rutiner")
    overview = selectors.follow_up_overview(today=datetime.date(2025, 6, 1))
    assert overview.overdue == [overdue]
    assert overview.not_used == [unused]


def test_it_finds_findings_across_departments(employee: User) -> None:
    one, other = Department.objects.all()[:2]
    hit = EvaluationFactory.create(
        experiment__department=one, findings="Ensomheden faldt blandt enlige mænd."
    )
    also = EvaluationFactory.create(
        experiment__department=other, findings="Mindre ensomhed i landsbyerne."
    )
    EvaluationFactory.create(findings="Kortere ventetid på genoptræning.")
    found = selectors.findings_search(user=employee, text="ensomhed")
    assert set(found) == {hit, also}
    assert selectors.findings_search(user=employee, text="ensomhed", department=other) == [also]


def test_it_hides_findings_of_planned_experiments_from_residents(resident: User) -> None:
    EvaluationFactory.create(experiment__status=Status.PLANNED, findings="Hemmelig ensomhed")
    assert selectors.findings_search(user=resident, text="ensomhed") == []


# --- drafts from ideas ---------------------------------------------------------------------


def test_it_makes_one_draft_per_origin_and_links_back(
    manager: User, django_capture_on_commit_callbacks
) -> None:
    origin = ExperimentFactory.create(status=Status.RUNNING)  # any object with a page
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.experiment_draft_create(
            title="Legeplads i Korsør", owner=manager, origin=origin
        )
    again = services.experiment_draft_create(title="Igen", owner=manager, origin=origin)
    assert again.pk == draft.pk
    assert draft.status == Status.PLANNED and draft.owner == manager
    assert selectors.origin_link(draft) == (origin.title, origin.get_absolute_url())
    assert [message.to for message in mail.outbox] == [[manager.email]]


def test_it_makes_a_draft_from_an_idea_like_object(manager: User) -> None:
    class Decision:
        decided_by = manager

    idea = ExperimentFactory.create()  # stands in for an idea: a model with a title
    draft = services.experiment_draft_from_idea(idea=idea, decision=Decision())
    assert draft.title == idea.title
    assert draft.owner == manager
    assert draft.origin == idea


def test_it_drops_an_owner_who_is_not_an_employee(resident: User) -> None:
    draft = services.experiment_draft_create(title="Fra borger", owner=resident)
    assert draft.owner is None


def test_it_leaves_no_trace_when_a_write_fails(employee: User) -> None:
    UserFactory.create(role=Role.MANAGER)
    experiment = ExperimentFactory.create(owner=employee)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.RUNNING
        )
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "approver",
    ["owner-manager", "other-department", "no-department", "secretariat", "superuser"],
)
def test_it_lets_only_a_manager_of_the_department_approve(
    employee: User, manager: User, approver: str
) -> None:
    department = manager.department
    other = Department.objects.exclude(pk=department.pk).first()  # type: ignore[union-attr]
    owner = employee
    if approver == "owner-manager":
        owner = actor = manager
    elif approver == "other-department":
        actor = UserFactory.create(role=Role.MANAGER, department=other)
    elif approver == "no-department":
        actor = UserFactory.create(role=Role.MANAGER)
    elif approver == "secretariat":
        actor = UserFactory.create(role=Role.SECRETARIAT, department=department)
    else:
        actor = UserFactory.create(
            role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True, department=department
        )
    experiment = ready_experiment(
        owner=owner,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=department,
    )
    with pytest.raises(ValidationError) as caught:
        services.experiment_zero_error_approve(experiment=experiment, actor=actor, note="Ok")
    assert "afdeling" in str(caught.value) or "leder" in str(caught.value)
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_at is None


def test_it_requires_a_department_for_a_zero_error_experiment(employee: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.experiment_create(
            actor=employee,
            data=ExperimentData(
                title="Medicin", is_zero_error_area=True, zero_error_safeguards="Dobbelttjek"
            ),
        )
    assert "department" in caught.value.message_dict


def test_it_withdraws_the_approval_when_the_department_changes(
    employee: User, manager: User
) -> None:
    experiment = ready_experiment(
        owner=employee,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=manager.department,
    )
    services.experiment_zero_error_approve(experiment=experiment, actor=manager, note="Ok")
    other = Department.objects.exclude(pk=manager.department.pk).first()  # type: ignore[union-attr]
    moved = ExperimentData(
        title=experiment.title,
        hypothesis=experiment.hypothesis,
        target_group=experiment.target_group,
        start_date=experiment.start_date,
        end_date=experiment.end_date,
        is_zero_error_area=True,
        zero_error_safeguards="Dobbelttjek",
        department=other,
    )
    services.experiment_update(experiment=experiment, actor=employee, data=moved)
    experiment.refresh_from_db()
    assert experiment.zero_error_approved_at is None
