"""A small world across every capability, with figures inside and outside the period."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets import services_results
from samskab.budgets.models import (
    Ballot,
    BallotChoice,
    BudgetProcess,
    Implementation,
    ImplementationStatus,
    Milestone,
)
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.core.models import Area, Department
from samskab.experiments.models import Evaluation, Experiment, FollowUp
from samskab.experiments.models import Status as ExperimentStatus
from samskab.experiments.tests.factories import EvaluationFactory, ExperimentFactory
from samskab.ideas.models import Idea
from samskab.ideas.models import Status as IdeaStatus
from samskab.ideas.tests.factories import IdeaFactory
from samskab.learning.models import Action, Kind, LearningReport
from samskab.learning.tests.factories import ReportFactory

# A fixed period: the second quarter of 2026, looked at from a day in it.
START = datetime.date(2026, 4, 1)
END = datetime.date(2026, 6, 30)
TODAY = datetime.date(2026, 6, 15)
CONFIDENTIAL_TITLE = "Fortrolig hændelse om en navngiven borger"


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@dataclass
class World:
    department: Department
    other_department: Department
    area: Area
    other_area: Area
    process: BudgetProcess
    hidden_idea: Idea
    internal_idea: Idea
    author: User


def _ideas(dept: Department, other: Department, area: Area, other_area: Area) -> dict[str, Idea]:
    inside = at(datetime.date(2026, 4, 10))
    made = {
        "submitted": IdeaFactory.create(
            submitted_at=inside, department=dept, area=area, deadline=datetime.date(2026, 7, 1)
        ),
        "overdue": IdeaFactory.create(
            submitted_at=inside,
            department=dept,
            area=area,
            status=IdeaStatus.ASSESSMENT,
            deadline=datetime.date(2026, 5, 1),
        ),
        "in_time": IdeaFactory.create(
            submitted_at=inside,
            department=other,
            area=other_area,
            status=IdeaStatus.REALISE,
            decided_at=at(datetime.date(2026, 4, 20)),
            decided_within_deadline=True,
        ),
        "late": IdeaFactory.create(
            submitted_at=inside,
            department=dept,
            area=other_area,
            status=IdeaStatus.DECLINED,
            decided_at=at(datetime.date(2026, 6, 9)),
            decided_within_deadline=False,
        ),
        # Outside the period: never counted.
        "old": IdeaFactory.create(
            submitted_at=at(datetime.date(2026, 3, 31)), department=dept, area=area
        ),
    }
    return made


def _experiments(dept: Department, area: Area) -> None:
    owner = UserFactory.create(role=Role.EMPLOYEE)
    ExperimentFactory.create(owner=owner, department=dept, area=area)
    running = ExperimentFactory.create(
        owner=owner, department=dept, area=area, status=ExperimentStatus.RUNNING
    )
    used = EvaluationFactory.create(experiment=running, follow_up_due=datetime.date(2026, 6, 1))
    FollowUp.objects.create(evaluation=used, was_used=FollowUp.Use.YES, what_changed="Udbredt.")
    EvaluationFactory.create(
        experiment=running, follow_up_due=datetime.date(2026, 5, 1), recommendation="stop"
    )
    EvaluationFactory.create(experiment=running, follow_up_due=datetime.date(2026, 12, 1))
    old = ExperimentFactory.create(owner=owner, department=dept, status=ExperimentStatus.DONE)
    Experiment.objects.filter(pk=old.pk).update(created_at=at(datetime.date(2025, 1, 5)))
    Evaluation.objects.filter(experiment__department=dept).exclude(experiment=old).update(
        created_at=at(datetime.date(2026, 5, 5))
    )
    Experiment.objects.filter(pk__in=[running.pk]).update(created_at=at(datetime.date(2026, 4, 2)))
    Experiment.objects.filter(department=dept, status=ExperimentStatus.PLANNED).update(
        created_at=at(datetime.date(2026, 4, 3))
    )


def _learning(dept: Department, other: Department) -> None:
    owner = UserFactory.create(role=Role.EMPLOYEE)
    inside = datetime.date(2026, 5, 2)
    first = ReportFactory.create(department=dept, submitted_on=inside, kind=Kind.ERROR)
    ReportFactory.create(
        department=dept,
        submitted_on=inside,
        is_confidential=True,
        title=CONFIDENTIAL_TITLE,
        what_happened="Borgeren Jens Hansen fik forkert medicin.",
    )
    ReportFactory.create(department=other, submitted_on=inside, is_anonymous=True, reporter=None)
    ReportFactory.create(department=dept, submitted_on=datetime.date(2026, 1, 5))
    Action.objects.create(report=first, title="Ny tjekliste", owner=owner, due_on=TODAY)
    Action.objects.create(
        report=first, title="Oplæring", owner=owner, due_on=datetime.date(2026, 5, 1)
    )
    Action.objects.create(
        report=first,
        title="Ny procedure",
        owner=owner,
        due_on=datetime.date(2026, 5, 1),
        done_on=datetime.date(2026, 5, 1),
    )


def _budget(area: Area) -> BudgetProcess:
    process = make_process(phase="results")
    winner = make_proposal(process, title="Shelter ved stranden", cost=300_000)
    loser = make_proposal(process, title="Ny bænk", cost=900_000)
    budget_area = process.areas.get()
    for number in range(7):
        ballot = Ballot.objects.create(
            process=process,
            budget_area=budget_area,
            voter_key=f"key-{number}",
            receipt_code=f"R{number:05d}",
            channel="online",
            age_band="30-39",
            cast_at=at(datetime.date(2026, 5, 10) if number < 5 else datetime.date(2026, 3, 1)),
        )
        BallotChoice.objects.create(ballot=ballot, proposal=winner if number % 3 else loser)
    services_results.results_publish(process=process)
    implementation = Implementation.objects.get(proposal=winner)
    implementation.status = ImplementationStatus.UNDER_WAY
    implementation.amount_spent = 120_000
    implementation.save(update_fields=["status", "amount_spent"])
    Milestone.objects.create(
        implementation=implementation, title="Tilladelse", due=TODAY, done_on=TODAY
    )
    Milestone.objects.create(
        implementation=implementation, title="Byggeri", due=datetime.date(2026, 9, 1)
    )
    return process


@pytest.fixture
def frozen() -> Iterator[None]:
    """Today is TODAY, in the middle of the period."""
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def world(db: Any, frozen: None) -> World:
    dept = Department.objects.get(slug="boern-og-unge")
    other = Department.objects.get(slug="sundhed-og-aeldre")
    area = Area.objects.get(slug="slagelse")
    other_area = Area.objects.get(slug="korsoer")
    _ideas(dept, other, area, other_area)
    author = UserFactory.create(email="idemager@test.samskab.dk")
    hidden = IdeaFactory.create(
        submitted_at=at(datetime.date(2026, 4, 11)), is_hidden=True, author=author
    )
    internal = IdeaFactory.create(
        submitted_at=at(datetime.date(2026, 4, 11)), is_internal=True, author=author
    )
    _experiments(dept, area)
    _learning(dept, other)
    process = _budget(area)
    assert LearningReport.objects.count() == 4
    return World(
        department=dept,
        other_department=other,
        area=area,
        other_area=other_area,
        process=process,
        hidden_idea=hidden,
        internal_idea=internal,
        author=author,
    )
