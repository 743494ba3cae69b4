from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.experiments.models import (
    Evaluation,
    Experiment,
    Indicator,
    Measurement,
    Recommendation,
    Status,
)


class ExperimentFactory(factory.django.DjangoModelFactory[Experiment]):
    class Meta:
        model = Experiment

    title = factory.Sequence(lambda n: f"Forsøg {n}")
    hypothesis = "Hvis vi ringer til ensomme ældre hver uge, falder ensomheden."
    target_group = "Ældre over 75 i eget hjem"
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2025, 12, 31)
    owner = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)
    status = Status.PLANNED


class IndicatorFactory(factory.django.DjangoModelFactory[Indicator]):
    class Meta:
        model = Indicator

    experiment = factory.SubFactory(ExperimentFactory)
    name = "Andel der føler sig ensomme"
    unit = "%"
    baseline = Decimal("40")
    target = Decimal("25")


class MeasurementFactory(factory.django.DjangoModelFactory[Measurement]):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2025, 3, 1)
    value = Decimal("35")


class EvaluationFactory(factory.django.DjangoModelFactory[Evaluation]):
    class Meta:
        model = Evaluation

    experiment = factory.SubFactory(ExperimentFactory, status=Status.EVALUATING)
    intended_users = "Ledelsen i Center for Sundhed og Ældre"
    decision = "Om ordningen skal udbredes til hele kommunen i budget 2026"
    learning_questions = "Hvem har gavn af opkaldene?"
    method = "Spørgeskema før og efter, interview med 10 borgere"
    findings = "Ensomheden faldt mest blandt enlige mænd."
    what_worked = "Faste opkaldstider virkede for borgere uden pårørende."
    recommendation = Recommendation.SCALE_UP
    follow_up_months = 6
    follow_up_due = datetime.date(2025, 7, 1)
    follow_up_responsible = factory.SelfAttribute("experiment.owner")
