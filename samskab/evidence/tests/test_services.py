from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.evidence import selectors, services
from samskab.evidence.models import GRADE_RANK, EvidenceRequest, Grade, Intervention, Status
from samskab.evidence.services import InterventionData
from samskab.experiments.models import Status as ExperimentStatus
from samskab.experiments.tests.factories import ExperimentFactory

from .factories import InterventionFactory, RequestFactory, SourceFactory

pytestmark = pytest.mark.django_db


def data(intervention: Intervention, **overrides: object) -> InterventionData:
    values: dict[str, object] = {
        "title": intervention.title,
        "summary": intervention.summary,
        "target_group": intervention.target_group,
        "research_grade": intervention.research_grade,
    }
    values.update(overrides)
    return InterventionData(**values)  # type: ignore[arg-type]


def test_it_registers_an_intervention_with_linked_experiments(employee: User) -> None:
    experiment = ExperimentFactory.create(status=ExperimentStatus.DONE)
    intervention = services.intervention_create(
        actor=employee,
        data=InterventionData(
            title="Telefonvenner",
            summary="Ugentlige opkald",
            target_group="Ensomme ældre",
            experiments=[experiment],
        ),
    )
    assert intervention.status == Status.REGISTERED
    assert intervention.research_grade == Grade.NONE
    assert list(intervention.experiments.all()) == [experiment]


def test_it_requires_a_target_group(employee: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.intervention_create(
            actor=employee, data=InterventionData(title="x", summary="y", target_group=" ")
        )
    assert "target_group" in caught.value.message_dict


def test_it_never_grades_stronger_than_the_strongest_source(employee: User) -> None:
    intervention = InterventionFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.intervention_update(
            intervention=intervention,
            actor=employee,
            data=data(intervention, research_grade=Grade.DESCRIPTIVE),
        )
    assert "research_grade" in caught.value.message_dict
    SourceFactory.create(intervention=intervention, design=Grade.QUASI_EXPERIMENTAL)
    with pytest.raises(ValidationError):
        services.intervention_update(
            intervention=intervention,
            actor=employee,
            data=data(intervention, research_grade=Grade.RANDOMISED_TRIAL),
        )
    for grade in (Grade.QUASI_EXPERIMENTAL, Grade.DESCRIPTIVE, Grade.EXPERT_OPINION):
        services.intervention_update(
            intervention=intervention, actor=employee, data=data(intervention, research_grade=grade)
        )
        intervention.refresh_from_db()
        assert intervention.research_grade == grade


def test_it_documents_every_grade_on_the_scale_strongest_first() -> None:
    scale = selectors.grade_scale()
    assert [step.value for step in scale] == [
        "systematic_review",
        "randomised_trial",
        "quasi_experimental",
        "descriptive",
        "expert_opinion",
        "none",
    ]
    assert all(step.description for step in scale)
    assert GRADE_RANK["systematic_review"] < GRADE_RANK["none"]


def test_it_refuses_a_source_without_design_or_conclusion(employee: User) -> None:
    intervention = InterventionFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.source_add(
            intervention=intervention,
            actor=employee,
            citation="VIVE 2020",
            design="none",
            conclusion="",
        )
    assert set(caught.value.message_dict) == {"design", "conclusion"}


# --- the rollout rule -------------------------------------------------------------------


def test_it_blocks_rollout_until_a_request_is_answered_and_approved(
    employee: User, manager: User
) -> None:
    intervention = InterventionFactory.create()

    def try_rollout() -> None:
        services.intervention_status_set(
            intervention=intervention, actor=manager, status=Status.ROLLOUT
        )

    with pytest.raises(ValidationError):
        try_rollout()  # no request
    request = services.request_create(
        intervention=intervention, actor=employee, question="Virker det hos os?"
    )
    assert intervention.status == Status.ASSESSING
    with pytest.raises(ValidationError):
        try_rollout()  # asked, not answered
    answerer = UserFactory.create(role=Role.EMPLOYEE)
    services.request_answer(request=request, actor=answerer, answer="Ja, for borgere over 75.")
    with pytest.raises(ValidationError):
        try_rollout()  # answered, not approved
    intervention.refresh_from_db()
    assert intervention.status == Status.ASSESSING
    services.request_approve(request=request, actor=manager)
    try_rollout()
    intervention.refresh_from_db()
    assert intervention.status == Status.ROLLOUT


def test_it_lets_only_managers_change_the_status(employee: User) -> None:
    intervention = InterventionFactory.create()
    with pytest.raises(ValidationError):
        services.intervention_status_set(
            intervention=intervention, actor=employee, status=Status.NOT_RECOMMENDED
        )


def test_it_keeps_four_eyes_on_answers_and_approvals(employee: User, manager: User) -> None:
    request = RequestFactory.create(requested_by=employee)
    with pytest.raises(ValidationError):
        services.request_answer(request=request, actor=employee, answer="Mit eget svar")
    services.request_answer(request=request, actor=manager, answer="Svar fra lederen")
    with pytest.raises(ValidationError):
        services.request_approve(request=request, actor=manager)  # answered it
    with pytest.raises(ValidationError):
        services.request_approve(request=request, actor=employee)  # not a manager
    request.refresh_from_db()
    assert request.state == EvidenceRequest.State.ANSWERED
    other_manager = UserFactory.create(role=Role.MANAGER)
    services.request_approve(request=request, actor=other_manager)
    assert request.state == EvidenceRequest.State.APPROVED


def test_it_refuses_to_approve_an_open_request(manager: User) -> None:
    request = RequestFactory.create()
    with pytest.raises(ValidationError):
        services.request_approve(request=request, actor=manager)


def test_it_tells_the_requester_about_the_answer_and_the_approval(
    employee: User, manager: User, django_capture_on_commit_callbacks
) -> None:
    request = RequestFactory.create(requested_by=employee)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(request=request, actor=manager, answer="Svar")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request=request, actor=UserFactory.create(role=Role.MANAGER))
    assert [message.to for message in mail.outbox] == [[employee.email], [employee.email]]
    assert "evidensanmodning" in mail.outbox[0].subject


def test_it_accepts_no_new_request_after_rollout(employee: User) -> None:
    intervention = InterventionFactory.create(status=Status.ROLLOUT)
    with pytest.raises(ValidationError):
        services.request_create(intervention=intervention, actor=employee, question="Hvad så?")
