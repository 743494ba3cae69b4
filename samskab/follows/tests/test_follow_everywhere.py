"""Experiments, meetings and local plans can be followed and commented on too; their
owners follow them, and their followers hear about changes."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.engagement.models import Comment
from samskab.experiments import services as experiment_services
from samskab.experiments.models import Status
from samskab.experiments.services import ExperimentData
from samskab.experiments.tests.factories import ExperimentFactory, IndicatorFactory
from samskab.follows import services
from samskab.follows.models import Follow
from samskab.meetings import services as meeting_services
from samskab.meetings.tests.factories import ActionFactory, LocalPlanFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_it_makes_the_owner_follow_a_new_experiment(employee: User) -> None:
    experiment = experiment_services.experiment_create(
        actor=employee, data=ExperimentData(title="Mindre ventetid")
    )
    assert Follow.objects.get(user=employee).target == experiment


def test_it_tells_experiment_followers_of_a_change_of_status(
    employee: User, resident: User, django_capture_on_commit_callbacks
) -> None:
    experiment = ExperimentFactory.create(owner=employee, status=Status.RUNNING)
    IndicatorFactory.create(experiment=experiment)
    services.follow_add(user=resident, target=experiment)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        experiment_services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.EVALUATING, note="Data ind."
        )
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "Data ind." in mail.outbox[0].body


def test_it_lets_residents_comment_on_and_follow_an_experiment(
    client: Client, resident: User
) -> None:
    experiment = ExperimentFactory.create(status=Status.RUNNING)
    client.force_login(resident)
    page = client.get(experiment.get_absolute_url()).content.decode()
    assert "Følg" in page and "kommentar" in page.lower()
    client.post(
        reverse("engagement:comment", args=["experiments.experiment", experiment.pk]),
        {"body": "Spændende forsøg"},
    )
    assert Comment.objects.get().body == "Spændende forsøg"
    client.post(reverse("follows:follow", args=["experiments.experiment", experiment.pk]), {})
    assert Follow.objects.filter(user=resident).exists()


def test_it_tells_meeting_followers_of_a_decision(
    resident: User, django_capture_on_commit_callbacks
) -> None:
    organiser = UserFactory.create(role=Role.EMPLOYEE)
    meeting = MeetingFactory.create(organiser=organiser)
    services.follow_add(user=resident, target=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        meeting_services.meeting_decision_record(
            meeting=meeting,
            actor=organiser,
            text="Vi laver en sti.",
        )
    assert [m.to for m in mail.outbox] == [[resident.email]]


def test_it_lets_residents_follow_a_published_plan_and_hear_about_its_actions(
    client: Client, resident: User, django_capture_on_commit_callbacks
) -> None:
    plan = LocalPlanFactory.create()
    action = ActionFactory.create(plan=plan)
    client.force_login(resident)
    assert "Følg" in client.get(plan.get_absolute_url()).content.decode()
    client.post(reverse("follows:follow", args=["meetings.localplan", plan.pk]), {})
    secretariat = UserFactory.create(role=Role.SECRETARIAT)
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        meeting_services.plan_action_status_set(action=action, actor=secretariat, status="done")
    assert [m.to for m in mail.outbox] == [[resident.email]]
