from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role
from samskab.accounts.tests.factories import UserFactory
from samskab.organisations.demo import seed_demo_organisations
from samskab.organisations.models import Kind, Organisation
from samskab.projects.demo import SLUG, seed_demo_projects
from samskab.projects.models import Project

pytestmark = pytest.mark.django_db


def test_it_seeds_a_local_council_and_a_project_run_by_its_group_once(client: Client) -> None:
    resident = UserFactory.create(email="borger@demo.samskab.dk", role=Role.RESIDENT)
    UserFactory.create(email="medarbejder@demo.samskab.dk", role=Role.EMPLOYEE)
    for _ in range(2):
        seed_demo_organisations()
        seed_demo_projects()
    assert Organisation.objects.filter(kind=Kind.LOCAL_COUNCIL).count() == 1
    project = Project.objects.get()
    proposal = project.implementation.proposal
    assert proposal.organisation == project.group
    public = client.get(reverse("projects:detail", args=[SLUG, proposal.pk]))
    assert public.status_code == 200
    client.force_login(resident)
    workspace = client.get(reverse("projects:workspace", args=[SLUG, proposal.pk]))
    assert workspace.status_code == 200
    assert "Tagpap og skruer" in workspace.content.decode()
    assert "Aftale med kommunen om grunden" in workspace.content.decode()
    client.logout()
    page = client.get(reverse("projects:detail", args=[SLUG, proposal.pk])).content.decode()
    assert "Tegning af shelteret" in page and "Aftale med kommunen" not in page
