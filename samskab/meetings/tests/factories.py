from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Area
from samskab.meetings.models import Action, Kind, LocalPlan, Meeting, Network


def _in_days(days: int, hour: int = 17) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class NetworkFactory(factory.django.DjangoModelFactory[Network]):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netværk {n}")
    theme = "Grønne fællesskaber"
    created_by = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Workshop {n}")
    kind = Kind.WORKSHOP
    starts_at = factory.LazyFunction(lambda: _in_days(7))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))
    place = "Korsør Bibliotek, Caspar Brands Plads 5"
    accessibility = "Niveaufri adgang og teleslynge."
    capacity = 10
    area = factory.LazyFunction(lambda: Area.objects.get(slug="korsoer"))
    organiser = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)


class LocalPlanFactory(factory.django.DjangoModelFactory[LocalPlan]):
    class Meta:
        model = LocalPlan

    area = factory.LazyFunction(lambda: Area.objects.get(slug="korsoer"))
    title = "Udviklingsplan for Korsør"
    summary = "En levende havneby."
    local_council = "Korsør Lokalråd"
    contact = factory.SubFactory(UserFactory, role=Role.EMPLOYEE)


class ActionFactory(factory.django.DjangoModelFactory[Action]):
    class Meta:
        model = Action

    plan = factory.SubFactory(LocalPlanFactory)
    title = "Havnebad"
    status = Action.Status.PLANNED
