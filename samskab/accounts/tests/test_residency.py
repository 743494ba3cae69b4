"""Residency per local area: the adapters, and a real MitID login that puts the person in
their local area (and keeps no address), so that they can vote in a local budget."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from samskab.accounts.addresses import address_areas_import
from samskab.accounts.demo import SAMPLE_ADDRESS_TABLE, seed_demo_address_table
from samskab.accounts.models import User
from samskab.accounts.residency import (
    AddressTableResidency,
    ClaimResidency,
    LocalRegister,
    residency_adapter,
)
from samskab.accounts.tests.test_oidc import log_in, logged_in_user
from samskab.budgets.models import Ballot, Proposal
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.budgets.tests.test_proposals import _form
from samskab.core.models import Area, AuditEvent
from tests.oidc_provider.harness import Provider

pytestmark = pytest.mark.django_db

SLAGELSE_ADDRESS = {"street_address": "Nørregade 12A", "postal_code": "4200", "locality": "X"}
# Every part of the test users' addresses that must never be stored.
ADDRESS_PARTS = ["Nørregade", "rregade", "2. th", "Algade", "Ny Vej", "Et sted"]


@pytest.fixture
def address_table(settings) -> None:
    settings.IDENTITY_RESIDENCY_ADAPTER = "samskab.accounts.residency.AddressTableResidency"
    address_areas_import(actor=None, data=SAMPLE_ADDRESS_TABLE.read_bytes())


def test_the_address_table_adapter_is_the_default(settings) -> None:
    from config import settings as project_settings

    assert project_settings.IDENTITY_RESIDENCY_ADAPTER.endswith(".AddressTableResidency")
    assert project_settings.MITID_OIDC_ADDRESS_CLAIM == "address"
    settings.IDENTITY_RESIDENCY_ADAPTER = project_settings.IDENTITY_RESIDENCY_ADAPTER
    assert isinstance(residency_adapter(), AddressTableResidency)


def test_the_address_table_adapter_gives_the_area_of_the_address(address_table) -> None:
    residence = AddressTableResidency().residence(
        cpr="0107491234", claims={"address": SLAGELSE_ADDRESS}
    )
    assert residence.lives_in_municipality
    assert residence.area == Area.objects.get(slug="slagelse")


def test_an_unknown_address_gives_no_area_and_residency_rests_on_the_claim(
    address_table,
) -> None:
    unknown = {"street_address": "Ny Vej 1", "postal_code": "4299"}
    adapter = AddressTableResidency()
    resident = adapter.residence(
        cpr="0107491234", claims={"address": unknown, "municipal_resident": True}
    )
    assert resident.lives_in_municipality and resident.area is None
    visitor = adapter.residence(cpr="0107491234", claims={"address": unknown})
    assert not visitor.lives_in_municipality and visitor.area is None
    no_claim = adapter.residence(cpr="0107491234", claims={})
    assert not no_claim.lives_in_municipality and no_claim.area is None


def test_the_address_claim_name_is_a_setting(address_table, settings) -> None:
    settings.MITID_OIDC_ADDRESS_CLAIM = "bopael"
    claims = {"bopael": {"street_address": "Algade 30", "postal_code": "4220"}}
    area = AddressTableResidency().residence(cpr="0107491234", claims=claims).area
    assert area is not None and area.slug == "korsoer"
    settings.MITID_OIDC_ADDRESS_CLAIM = ""
    assert AddressTableResidency().residence(cpr="0107491234", claims=claims).area is None


def test_the_claim_adapter_knows_residency_but_no_area(address_table) -> None:
    residence = ClaimResidency().residence(
        cpr="0107491234", claims={"address": SLAGELSE_ADDRESS, "municipal_resident": "ja"}
    )
    assert residence.lives_in_municipality and residence.area is None


def test_the_local_register_places_the_test_identities_by_their_cpr_number(
    address_table,
) -> None:
    register = LocalRegister()
    young = register.residence(cpr="150312-4321", claims={})
    assert young.lives_in_municipality and young.area == Area.objects.get(slug="eggeslevmagle")
    stranger = register.residence(cpr="0505601234", claims={"address": SLAGELSE_ADDRESS})
    assert not stranger.lives_in_municipality and stranger.area is None


# A real MitID login (the test provider over HTTP) ------------------------------------------


def local_vote_process():
    korsoer, slagelse = Area.objects.get(slug="korsoer"), Area.objects.get(slug="slagelse")
    process = make_process(residency="area", areas=[(korsoer, 100_000), (slagelse, 200_000)])
    project = make_proposal(process, cost=50_000, budget_area=process.areas.get(area=slagelse))
    return process, project


def test_a_resident_logged_in_with_mitid_can_vote_in_the_local_budget_of_their_address(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    process, project = local_vote_process()
    log_in(client, oidc_settings, "bente")
    user = logged_in_user(client)
    assert user is not None and user.area == Area.objects.get(slug="slagelse")
    response = client.post(
        reverse("budgets:ballot", args=[process.slug]),
        {"omraade": "slagelse", "project": [project.pk]},
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.voter_key == user.person_key and ballot.budget_area.area.slug == "slagelse"


def test_a_resident_of_another_area_is_refused_in_danish(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    korsoer = Area.objects.get(slug="korsoer")
    slagelse = Area.objects.get(slug="slagelse")
    process = make_process(residency="area", areas=[(slagelse, 200_000)])
    project = make_proposal(process, cost=50_000)
    log_in(client, oidc_settings, "kaj")
    assert logged_in_user(client).area == korsoer  # type: ignore[union-attr]
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    assert "Kun personer, der bor i disse områder, kan stemme: Slagelse." in page
    client.post(
        reverse("budgets:ballot", args=[process.slug]),
        {"omraade": "slagelse", "project": [project.pk]},
    )
    assert not Ballot.objects.exists()


def test_a_resident_whose_address_is_not_in_the_table_is_told_so(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    process, _project = local_vote_process()
    log_in(client, oidc_settings, "ukendt-adresse")
    user = logged_in_user(client)
    assert user is not None and user.is_municipal_resident and user.area is None
    page = client.get(reverse("budgets:ballot", args=[process.slug])).content.decode()
    assert "Vi kunne ikke finde lokalområdet for din adresse" in page


def test_proposers_are_placed_by_their_address_too(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    process = make_process(
        phase="proposals",
        proposer_min_age=18,
        proposer_residency="area",
        areas=[(Area.objects.get(slug="slagelse"), 100_000)],
    )
    url = reverse("budgets:proposal_create", args=[process.slug])
    log_in(client, oidc_settings, "kaj")
    refused = client.get(url).content.decode()
    assert "Kun personer, der bor i disse områder, kan stille forslag til dem: Slagelse." in refused
    client.post(reverse("accounts:logout"))
    log_in(client, oidc_settings, "bente")
    response = client.post(url, _form(process))
    assert response.status_code == 302
    assert Proposal.objects.get().author == logged_in_user(client)


def test_the_area_follows_the_address_at_every_login(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    log_in(client, oidc_settings, "bente")
    user = logged_in_user(client)
    assert user is not None
    User.objects.filter(pk=user.pk).update(area=Area.objects.get(slug="omoe"))
    client.post(reverse("accounts:logout"))
    log_in(client, oidc_settings, "bente")
    user.refresh_from_db()
    assert user.area is not None and user.area.slug == "slagelse"


def test_no_address_is_stored_anywhere(
    client: Client, oidc_settings: Provider, address_table
) -> None:
    for username in ("bente", "kaj", "ukendt-adresse"):
        log_in(client, oidc_settings, username)
        client.post(reverse("accounts:logout"))
    log_in(client, oidc_settings, "bente")
    session = json.dumps(dict(client.session), default=str)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_user")
        users = " ".join(str(value) for row in cursor.fetchall() for value in row)
    audit = json.dumps(
        list(AuditEvent.objects.values("action", "object_type", "object_id", "detail")),
        default=str,
    )
    assert User.objects.filter(person_key__isnull=False).count() == 3
    for part in ADDRESS_PARTS:
        assert part not in users, part
        assert part not in audit, part
        assert part not in session, part


def test_the_demo_login_puts_the_test_identities_in_their_local_areas(
    client: Client, settings
) -> None:
    settings.DEBUG = settings.DEMO_IDENTITIES = True
    settings.IDENTITY_RESIDENCY_ADAPTER = "samskab.accounts.residency.AddressTableResidency"
    seed_demo_address_table()
    page = client.get(reverse("accounts:demo_login")).content.decode()
    assert "Ulla Ung" in page
    from samskab.accounts.selectors import demo_identities

    young = next(identity for identity in demo_identities() if identity.name == "Ulla Ung")
    client.post(reverse("accounts:demo_login"), {"identity": young.number})
    user = logged_in_user(client)
    assert user is not None and user.area is not None and user.area.slug == "eggeslevmagle"
