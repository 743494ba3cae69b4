"""An evaluation that recommends scaling up opens an evidence request at once."""

from __future__ import annotations

import pytest

from samskab.accounts.models import User
from samskab.evidence.models import EvidenceRequest, Intervention
from samskab.evidence.models import Status as InterventionStatus
from samskab.evidence.services import rollout_blocked
from samskab.experiments import services
from samskab.experiments.models import Experiment, Recommendation, Status
from samskab.experiments.tests.factories import ExperimentFactory, IndicatorFactory
from samskab.experiments.tests.test_services import evaluation_data

pytestmark = pytest.mark.django_db


def _running(owner: User) -> Experiment:
    experiment = ExperimentFactory.create(owner=owner, status=Status.EVALUATING)
    IndicatorFactory.create(experiment=experiment)
    return experiment


def test_it_opens_an_evidence_request_when_an_evaluation_recommends_scaling_up(
    employee: User,
) -> None:
    experiment = _running(employee)
    services.evaluation_create(
        experiment=experiment,
        actor=employee,
        data=evaluation_data(
            recommendation=Recommendation.SCALE_UP, recommendation_reason="Ventetiden faldt."
        ),
    )
    intervention = Intervention.objects.get(experiments=experiment)
    request = EvidenceRequest.objects.get(intervention=intervention)
    assert request.state == EvidenceRequest.State.OPEN
    assert experiment.title in request.question and "Ventetiden faldt." in request.question
    assert intervention.status == InterventionStatus.ASSESSING
    assert rollout_blocked(intervention)  # rollout still waits for an approved answer


def test_it_uses_the_experiments_intervention_and_asks_only_once(employee: User) -> None:
    experiment = _running(employee)
    existing = Intervention.objects.create(title="Kendt indsats", summary="x", target_group="y")
    existing.experiments.add(experiment)
    evaluation = services.evaluation_create(
        experiment=experiment,
        actor=employee,
        data=evaluation_data(recommendation=Recommendation.SCALE_UP),
    )
    services.evaluation_update(
        evaluation=evaluation,
        actor=employee,
        data=evaluation_data(recommendation=Recommendation.SCALE_UP, findings="Mere data."),
    )
    assert Intervention.objects.count() == 1
    assert EvidenceRequest.objects.filter(intervention=existing).count() == 1


def test_it_asks_nothing_when_the_evaluation_does_not_recommend_scaling_up(
    employee: User,
) -> None:
    experiment = _running(employee)
    evaluation = services.evaluation_create(
        experiment=experiment, actor=employee, data=evaluation_data()
    )
    assert not EvidenceRequest.objects.exists()
    services.evaluation_update(
        evaluation=evaluation,
        actor=employee,
        data=evaluation_data(recommendation=Recommendation.SCALE_UP),
    )
    assert EvidenceRequest.objects.count() == 1
