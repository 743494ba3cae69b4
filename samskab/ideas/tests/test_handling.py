from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import User
from samskab.core.models import Department
from samskab.ideas import services
from samskab.ideas.models import Criterion, DecisionKind, Event, Idea, Status
from samskab.ideas.services import CriterionScore
from samskab.ideas.tests.factories import IdeaFactory, handled_idea

pytestmark = pytest.mark.django_db


def _scores(score: int = 4) -> dict[str, CriterionScore]:
    return {c.value: CriterionScore(score=score, text=f"Om {c.label}") for c in Criterion}


def test_it_routes_an_idea_to_a_manager_and_tells_both(
    client: Client, secretariat: User, manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = IdeaFactory.create()
    department = Department.objects.get(slug="miljoe-plan-og-teknik")
    deadline = timezone.localdate() + timedelta(days=20)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:route", args=[idea.pk]),
            {
                "route-department": department.pk,
                "route-responsible": manager.pk,
                "route-deadline": deadline.isoformat(),
                "route-message": "Teknik ser på det.",
            },
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.responsible, idea.department, idea.deadline) == (
        Status.ASSESSMENT,
        manager,
        department,
        deadline,
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([idea.author.email, manager.email])
    assert idea.events.last().message == "Teknik ser på det."  # type: ignore[union-attr]


def test_it_refuses_to_route_to_someone_who_is_not_a_manager(
    secretariat: User, employee: User
) -> None:
    idea = IdeaFactory.create()
    with pytest.raises(ValidationError) as error:
        services.idea_route(
            idea=idea,
            actor=secretariat,
            department=Department.objects.first(),  # type: ignore[arg-type]
            responsible=employee,
            deadline=timezone.localdate(),
        )
    assert "responsible" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


def test_it_shows_route_errors_on_the_screening_page_and_keeps_the_input(
    client: Client, secretariat: User, manager: User
) -> None:
    idea = IdeaFactory.create()
    client.force_login(secretariat)
    response = client.post(
        reverse("ideas:route", args=[idea.pk]),
        {"route-responsible": manager.pk, "route-deadline": "2000-01-01", "route-message": "Hej"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Hej" in html


def test_it_merges_a_duplicate_and_links_to_the_original(client: Client, secretariat: User) -> None:
    original = IdeaFactory.create(title="Hundeskov i Skælskør")
    duplicate = IdeaFactory.create(title="Hundeskov ved Skælskør")
    client.force_login(secretariat)
    screening = client.get(reverse("ideas:screen", args=[duplicate.pk])).content.decode()
    assert "Hundeskov i Skælskør" in screening  # offered as a candidate
    client.post(reverse("ideas:merge", args=[duplicate.pk]), {"merge-into": original.pk})
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, original)
    html = client.get(duplicate.get_absolute_url()).content.decode()
    assert original.get_absolute_url() in html


def test_it_refuses_to_merge_a_public_idea_into_an_internal_one(secretariat: User) -> None:
    internal = IdeaFactory.create(is_internal=True)
    public = IdeaFactory.create()
    with pytest.raises(ValidationError):
        services.idea_merge(idea=public, actor=secretariat, into=internal)
    with pytest.raises(ValidationError):
        services.idea_merge(idea=public, actor=secretariat, into=public)


def test_it_answers_an_idea_directly(client: Client, secretariat: User) -> None:
    idea = IdeaFactory.create()
    client.force_login(secretariat)
    client.post(reverse("ideas:answer", args=[idea.pk]), {"answer-answer": "Det gør vi allerede."})
    idea.refresh_from_db()
    assert idea.status == Status.ANSWERED
    assert idea.decided_within_deadline is True
    client.force_login(idea.author)
    assert "Det gør vi allerede." in client.get(idea.get_absolute_url()).content.decode()


def test_it_saves_a_structured_assessment_and_moves_on_to_the_decision(
    client: Client, manager: User
) -> None:
    idea = handled_idea(manager)
    data = {f"{c.value}_score": "3" for c in Criterion}
    data.update({f"{c.value}_text": f"Tekst om {c.value}" for c in Criterion})
    data.update({"cost_estimate": "250000", "zero_error_area": "on", "zero_error_text": "Medicin"})
    client.force_login(manager)
    response = client.post(reverse("ideas:assess", args=[idea.pk]), data)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.AWAITING_DECISION
    assert idea.deadline == timezone.localdate() + timedelta(days=14)
    assessment = idea.assessment
    assert assessment.zero_error_area is True
    assert {s.criterion: (s.score, s.text) for s in assessment.scores.all()}["legal"] == (
        3,
        "Tekst om legal",
    )
    assert assessment.scores.count() == len(Criterion)
    # The form shows the saved assessment for changes.
    html = client.get(reverse("ideas:assess", args=[idea.pk])).content.decode()
    assert "Tekst om legal" in html


def test_it_needs_a_score_and_a_text_for_every_criterion(client: Client, manager: User) -> None:
    idea = handled_idea(manager)
    client.force_login(manager)
    response = client.post(
        reverse("ideas:assess", args=[idea.pk]), {"legal_score": "3", "legal_text": "Lovligt"}
    )
    assert response.status_code == 200
    assert "Lovligt" in response.content.decode()
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            idea=idea, assessor=manager, scores={"legal": CriterionScore(9, "x")}
        )
    assert "legal_score" in error.value.message_dict
    assert "economic_text" in error.value.message_dict
    idea.refresh_from_db()
    assert idea.status == Status.ASSESSMENT


def test_it_records_a_decision_with_a_reason_the_submitter_sees(
    client: Client, manager: User, django_capture_on_commit_callbacks
) -> None:
    idea = handled_idea(manager)
    services.assessment_save(idea=idea, assessor=manager, scores=_scores())
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:decide", args=[idea.pk]),
            {"kind": DecisionKind.REALISE, "reason": "Billigt og godt for alle."},
        )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.REALISE
    assert idea.decided_within_deadline is True
    assert any("Billigt og godt for alle." in m.body for m in mail.outbox)
    client.force_login(idea.author)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Billigt og godt for alle." in html
    assert "Realiseres" in html or "realiseres" in html


def test_it_needs_a_reason_and_a_future_date_to_park(manager: User) -> None:
    idea = handled_idea(manager)
    with pytest.raises(ValidationError) as error:
        services.idea_decide(idea=idea, actor=manager, kind=DecisionKind.PARK, reason="")
    assert set(error.value.message_dict) == {"reason", "park_until"}
    with pytest.raises(ValidationError):
        services.idea_decide(
            idea=idea,
            actor=manager,
            kind=DecisionKind.PARK,
            reason="Senere",
            park_until=timezone.localdate(),
        )


def test_it_calls_the_experiment_hook_when_the_experiments_app_exists(manager: User) -> None:
    idea = handled_idea(manager)
    create = mock.Mock()
    module = mock.Mock(experiment_draft_from_idea=create)
    with (
        mock.patch("samskab.ideas.services.apps.is_installed", return_value=True),
        mock.patch("samskab.ideas.services.importlib.import_module", return_value=module),
    ):
        decision = services.idea_decide(
            idea=idea, actor=manager, kind=DecisionKind.EXPERIMENT, reason="Vi prøver det"
        )
    create.assert_called_once_with(idea=idea, decision=decision)
    assert Idea.objects.get(pk=idea.pk).status == Status.EXPERIMENT


def test_it_stores_an_experiment_decision_without_the_experiments_app(manager: User) -> None:
    idea = handled_idea(manager)
    services.idea_decide(idea=idea, actor=manager, kind=DecisionKind.EXPERIMENT, reason="Prøv")
    assert idea.decisions.get().kind == DecisionKind.EXPERIMENT


def test_it_shows_the_whole_timeline_to_the_submitter(
    client: Client, secretariat: User, manager: User
) -> None:
    idea = IdeaFactory.create()
    services.idea_route(
        idea=idea,
        actor=secretariat,
        department=Department.objects.first(),  # type: ignore[arg-type]
        responsible=manager,
        deadline=timezone.localdate() + timedelta(days=5),
    )
    services.assessment_save(idea=idea, assessor=manager, scores=_scores())
    services.idea_decide(idea=idea, actor=manager, kind=DecisionKind.DECLINE, reason="For dyrt.")
    kinds = list(Event.objects.filter(idea=idea).values_list("kind", flat=True))
    assert kinds == [Event.Kind.ROUTED, Event.Kind.ASSESSED, Event.Kind.DECIDED]
    client.force_login(idea.author)
    html = client.get(idea.get_absolute_url()).content.decode()
    for text in ("Sendt til en ansvarlig leder", "Vurderet", "Besluttet", "For dyrt."):
        assert text in html
