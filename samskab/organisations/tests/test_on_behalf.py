"""A proposal on behalf of an organisation: only by its members, shown as the proposer, and
kept when the proposer leaves (the organisation's history)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from samskab.budgets.models import Proposal
from samskab.budgets.tests.factories import make_process
from samskab.budgets.tests.test_proposals import _form
from samskab.organisations import services
from samskab.organisations.models import Membership

from .factories import OrganisationFactory, add_member

pytestmark = pytest.mark.django_db


def test_it_lets_a_member_propose_on_behalf_of_the_organisation(
    client: Client, resident: User
) -> None:
    organisation = OrganisationFactory.create(name="Boeslunde Landsbyråd")
    add_member(organisation, resident)
    process = make_process(phase="proposals")
    client.force_login(resident)
    url = reverse("budgets:proposal_create", args=[process.slug])
    assert "Boeslunde Landsbyråd" in client.get(url).content.decode()
    response = client.post(url, _form(process, organisation=organisation.pk))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.organisation == organisation
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert organisation.get_absolute_url() in page


def test_it_refuses_an_organisation_the_proposer_is_not_a_member_of(
    client: Client, resident: User
) -> None:
    mine = OrganisationFactory.create()
    add_member(mine, resident)
    other = OrganisationFactory.create()
    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        _form(process, organisation=other.pk),
    )
    assert response.status_code == 200  # the form again, with an error and the input kept
    assert "Bålplads ved søen" in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_hides_the_choice_from_people_without_organisations(
    client: Client, resident: User
) -> None:
    process = make_process(phase="proposals")
    client.force_login(resident)
    page = client.get(reverse("budgets:proposal_create", args=[process.slug])).content.decode()
    assert 'name="organisation"' not in page


def test_it_keeps_the_organisation_on_the_proposal_after_the_proposer_leaves(
    client: Client, resident: User
) -> None:
    organisation = OrganisationFactory.create()
    add_member(organisation, resident)
    process = make_process(phase="proposals")
    client.force_login(resident)
    url = reverse("budgets:proposal_create", args=[process.slug])
    client.post(url, _form(process, organisation=organisation.pk))
    proposal = Proposal.objects.get()
    services.membership_end(membership=Membership.objects.get(user=resident), actor=resident)
    response = client.post(
        reverse("budgets:proposal_edit", args=[proposal.pk]),
        _form(process, organisation=organisation.pk, title="Bålplads ved åen"),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.organisation == organisation
    assert proposal.title == "Bålplads ved åen"
