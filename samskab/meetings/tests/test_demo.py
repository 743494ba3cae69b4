from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.meetings.demo import MEETINGS, PLANS, seed_demo_meetings
from samskab.meetings.models import Kind, LocalPlan, Meeting, Network, PlanChange, Registration

pytestmark = pytest.mark.django_db


def test_it_seeds_demo_meetings_networks_and_plans_once(client: Client) -> None:
    for email, role in [
        ("borger@demo.samskab.dk", Role.RESIDENT),
        ("medarbejder@demo.samskab.dk", Role.EMPLOYEE),
        ("leder@demo.samskab.dk", Role.MANAGER),
        ("sekretariat@demo.samskab.dk", Role.SECRETARIAT),
    ]:
        UserFactory.create(email=email, role=role)
    seed_demo_meetings()
    seed_demo_meetings()
    assert Meeting.objects.count() == len(MEETINGS)
    assert set(Meeting.objects.values_list("kind", flat=True)) == {
        Kind.WORKSHOP,
        Kind.IDEA_MEETING,
        Kind.CITIZENS_MEETING,
    }
    assert Network.objects.count() == 1
    assert LocalPlan.objects.count() == len(PLANS)
    assert Registration.objects.count() == len(MEETINGS)
    for slug in PLANS:
        assert client.get(reverse("areas:detail", args=[slug])).status_code == 200
    korsoer = LocalPlan.objects.get(area__slug="korsoer")
    assert korsoer.organisation is not None and korsoer.organisation.name == "Korsør Lokalråd"
    statuses = sorted(korsoer.changes.values_list("status", flat=True))
    assert statuses == [PlanChange.Status.PUBLISHED, PlanChange.Status.SUBMITTED]
