"""While a vote runs, nobody moves voters between budgets by editing the reference data.

Who may vote on which budget follows from the areas' kind and parent and from the
address-to-area table (``samskab.core.locks``). From the moment voting opens until the
results are published, the admin and the address import refuse to change them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.addresses import AddressTableError, address_areas_import
from samskab.accounts.models import AddressArea
from samskab.accounts.tests.factories import UserFactory
from samskab.accounts.tests.helpers import log_in_with_second_factor
from samskab.budgets.models import BudgetProcess
from samskab.budgets.tests.factories import make_process, municipality
from samskab.core.models import Area

pytestmark = pytest.mark.django_db

TABLE = "postnr;vejnavn;husnr_fra;husnr_til;side;omraade\n4220;;;;alle;Korsør\n"
LOCKED = "ikke ændres, fordi de afgør, hvem der må stemme om hvilken pulje"


@pytest.fixture
def admin_client(client: Client) -> Client:
    admin = UserFactory.create(is_staff=True, is_superuser=True, role="administrator")
    log_in_with_second_factor(client, admin)
    return client


def _area_form(area: Area, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": area.name,
        "slug": area.slug,
        "kind": area.kind,
        "parent": area.parent_id or "",
        "latitude": area.latitude or "",
        "longitude": area.longitude or "",
    }
    values.update(changes)
    return values


def _change_kind(admin_client: Client, area: Area, kind: str) -> str:
    url = reverse("admin:core_area_change", args=[area.pk])
    response = admin_client.post(url, _area_form(area, kind=kind))
    return response.content.decode() if response.status_code == 200 else ""


def test_it_refuses_to_turn_the_municipality_into_a_local_area_during_a_vote(
    admin_client: Client,
) -> None:
    process = make_process(phase="voting", title="Borgerbudget 2027")
    page = _change_kind(admin_client, municipality(), Area.Kind.TOWN)
    assert LOCKED in page
    assert "«Borgerbudget 2027»" in page
    assert municipality().kind == Area.Kind.MUNICIPALITY
    assert process.pk


def test_it_refuses_to_move_a_local_area_under_another_during_a_vote(
    admin_client: Client,
) -> None:
    make_process(phase="voting")
    village = Area.objects.get(name="Korsør")
    other = Area.objects.exclude(pk=village.pk).exclude(kind=Area.Kind.MUNICIPALITY).first()
    assert other is not None
    url = reverse("admin:core_area_change", args=[village.pk])
    response = admin_client.post(url, _area_form(village, parent=other.pk))
    assert LOCKED in response.content.decode()
    assert Area.objects.get(pk=village.pk).parent_id == village.parent_id


def test_it_lets_the_area_s_name_change_during_a_vote(admin_client: Client) -> None:
    make_process(phase="voting")
    village = Area.objects.get(name="Korsør")
    url = reverse("admin:core_area_change", args=[village.pk])
    response = admin_client.post(url, _area_form(village, name="Korsør by"))
    assert response.status_code == 302
    assert Area.objects.get(pk=village.pk).name == "Korsør by"


@pytest.mark.parametrize("phase", ["vetting", "published"])
def test_it_lets_the_areas_change_before_a_vote_and_after_its_results(
    admin_client: Client, phase: str
) -> None:
    if phase == "published":
        process = make_process(phase="results")
        BudgetProcess.objects.filter(pk=process.pk).update(results_published_at=timezone.now())
    else:
        make_process(phase="vetting")
    village = Area.objects.get(name="Korsør")
    url = reverse("admin:core_area_change", args=[village.pk])
    response = admin_client.post(url, _area_form(village, kind=Area.Kind.VILLAGE))
    assert response.status_code == 302
    assert Area.objects.get(pk=village.pk).kind == Area.Kind.VILLAGE


def test_it_refuses_a_new_address_table_while_votes_wait_for_their_results() -> None:
    address_areas_import(actor=None, data=TABLE)
    make_process(phase="results")  # closed, not published: the vote may still be reopened
    with pytest.raises(AddressTableError) as error:
        address_areas_import(actor=None, data=TABLE.replace("Korsør", "Slagelse"))
    assert LOCKED in " ".join(error.value.messages)
    assert AddressArea.objects.get().area.name == "Korsør"


def test_the_import_command_and_the_admin_refuse_it_too(
    admin_client: Client, tmp_path: Path
) -> None:
    address_areas_import(actor=None, data=TABLE)
    make_process(phase="voting")
    csv = tmp_path / "adresser.csv"
    csv.write_text(TABLE.replace("Korsør", "Slagelse"), encoding="utf-8")
    with pytest.raises(CommandError, match="Borgerbudget 2026"):
        call_command("import_address_areas", str(csv))
    line = AddressArea.objects.get()
    delete = reverse("admin:accounts_addressarea_delete", args=[line.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AddressArea.objects.get().area.name == "Korsør"
