from __future__ import annotations

import pytest

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.ideas.demo import DEMO_IDEAS, seed_demo_ideas
from samskab.ideas.models import Idea, Status

pytestmark = pytest.mark.django_db


def test_it_seeds_demo_ideas_once() -> None:
    for email, role in [
        ("borger@demo.samskab.dk", Role.RESIDENT),
        ("ung@demo.samskab.dk", Role.RESIDENT),
        ("medarbejder@demo.samskab.dk", Role.EMPLOYEE),
        ("leder@demo.samskab.dk", Role.MANAGER),
        ("sekretariat@demo.samskab.dk", Role.SECRETARIAT),
    ]:
        UserFactory.create(email=email, role=role)
    assert seed_demo_ideas() == len(DEMO_IDEAS)
    assert seed_demo_ideas() == 0
    assert Idea.objects.count() == len(DEMO_IDEAS)
    statuses = set(Idea.objects.values_list("status", flat=True))
    assert {Status.SUBMITTED, Status.ASSESSMENT, Status.EXPERIMENT} <= statuses
    assert Idea.objects.filter(is_internal=True).count() == 1
