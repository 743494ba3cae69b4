"""Open data on practice: experiments with evaluations, evidence with knowledge
declarations, realisations and learning counts; nothing that is not public."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from samskab.accounts.models import User
from samskab.evidence.models import DeclarationItem, Intervention
from samskab.experiments.models import Status
from samskab.experiments.tests.factories import EvaluationFactory, ExperimentFactory
from samskab.ideas.models import Realisation
from samskab.ideas.models import Status as IdeaStatus
from samskab.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_it_publishes_started_experiments_with_their_evaluations(client: Client) -> None:
    running = ExperimentFactory.create(status=Status.EVALUATING, title="Kørende")
    EvaluationFactory.create(experiment=running)
    ExperimentFactory.create(status=Status.PLANNED, title="Kladde")
    data = client.get("/api/v1/experiments").json()
    assert [item["title"] for item in data["items"]] == ["Kørende"]
    assert len(data["items"][0]["evaluations"]) == 1
    assert client.get("/api/v1/experiments?limit=0").status_code == 422


def test_it_publishes_the_knowledge_declaration(client: Client) -> None:
    intervention = Intervention.objects.create(title="Besøg", summary="s", target_group="t")
    DeclarationItem.objects.create(
        intervention=intervention,
        dimension="effect",
        grade="C",
        reasoning="Et lille studie.",
        updated_at=timezone.now(),
    )
    item = client.get("/api/v1/evidence").json()["items"][0]
    assert item["declaration"] == [
        {"dimension": "effect", "grade": "C", "reasoning": "Et lille studie."}
    ]


def test_it_publishes_realisations_of_public_ideas_only(client: Client, manager: User) -> None:
    due = timezone.localdate()
    for internal in (False, True):
        idea = IdeaFactory.create(status=IdeaStatus.REALISE, is_internal=internal)
        Realisation.objects.create(
            idea=idea, responsible=manager, due_date=due, created_at=timezone.now()
        )
    data = client.get("/api/v1/realisations").json()
    assert data["count"] == 1
    assert manager.email not in str(data)


def test_it_publishes_learning_as_counts_only(client: Client) -> None:
    from samskab.learning.tests.factories import ReportFactory

    ReportFactory.create(title="Fortroligt emne")
    response = client.get("/api/v1/learning/figures")
    assert response.json()["total"] == 1
    assert "Fortroligt emne" not in response.content.decode()
