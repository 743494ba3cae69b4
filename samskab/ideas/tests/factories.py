from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Area
from samskab.ideas.models import Idea, Status, Theme


class IdeaFactory(factory.django.DjangoModelFactory[Idea]):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idé nummer {n}")
    problem = "Der mangler noget i byen."
    description = "Vi kunne gøre noget ved det."
    beneficiaries = "Borgerne"
    area = factory.LazyFunction(lambda: Area.objects.get(slug="slagelse"))
    theme = factory.LazyFunction(lambda: Theme.objects.order_by("pk").first())
    author = factory.SubFactory(UserFactory)
    status = Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


def handled_idea(responsible: Any, **kwargs: Any) -> Idea:
    """An idea routed to ``responsible`` and being assessed."""
    defaults: dict[str, Any] = {
        "status": Status.ASSESSMENT,
        "responsible": responsible,
        "deadline": timezone.localdate() + timedelta(days=30),
    }
    defaults.update(kwargs)
    return IdeaFactory.create(**defaults)
