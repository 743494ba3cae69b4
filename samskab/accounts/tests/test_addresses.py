"""The municipality's address-to-area table: matching addresses and importing the CSV."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samskab.accounts.addresses import (
    AddressTableError,
    PostalAddress,
    address_areas_import,
    area_for_address,
    parse_address,
)
from samskab.accounts.demo import SAMPLE_ADDRESS_TABLE
from samskab.accounts.models import AddressArea
from samskab.accounts.tests.factories import UserFactory
from samskab.accounts.tests.helpers import log_in_with_second_factor
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "postnr;vejnavn;husnr_fra;husnr_til;side;omraade\n"


def table(*lines: str) -> None:
    address_areas_import(actor=None, data=HEADER + "\n".join(lines) + "\n")


def area_of(street: str, postcode: str = "4200") -> str | None:
    area = area_for_address(parse_address({"street_address": street, "postal_code": postcode}))
    return area.name if area else None


# Reading the broker's address claim ------------------------------------------------------


def test_it_reads_the_structured_address_claim() -> None:
    claim = {"street_address": "Nørregade 12A, 2. th.", "postal_code": "4200", "locality": "X"}
    assert parse_address(claim) == PostalAddress(road="Nørregade", number=12, postcode="4200")


@pytest.mark.parametrize(
    ("street", "road", "number"),
    [
        ("Nørregade 12", "Nørregade", 12),
        ("Nørregade 12A", "Nørregade", 12),
        ("Nørregade 12 A, st. tv.", "Nørregade", 12),
        ("  Nørregade   12a  ", "Nørregade", 12),
        ("Kirke Stillinge Bygade 3\nc/o Hansen", "Kirke Stillinge Bygade", 3),
        ("Nørregade", "Nørregade", None),
    ],
)
def test_it_splits_the_road_from_the_house_number(street: str, road: str, number: int) -> None:
    address = parse_address({"street_address": street, "postal_code": "4200"})
    assert address is not None
    assert (address.road.strip(), address.number) == (road, number)


def test_it_reads_an_address_claim_sent_as_a_json_string_or_formatted_lines() -> None:
    as_json = '{"street_address": "Algade 30", "postal_code": "4220"}'
    assert parse_address(as_json) == PostalAddress(road="Algade", number=30, postcode="4220")
    korsoer = PostalAddress(road="Algade", number=30, postcode="4220")
    assert parse_address({"formatted": "Algade 30\n4220 Korsør\nDanmark"}) == korsoer
    assert parse_address("Algade 30, 1. tv., 4220 Korsør") == korsoer


@pytest.mark.parametrize(
    "claim",
    [
        None,
        "",
        {},
        {"street_address": "Algade 30"},
        {"postal_code": "42"},
        ["Algade 30"],
        {"street_address": "Storgata 1", "postal_code": "0155", "country": "NO"},
        "Algade 3012",
    ],
)
def test_it_gives_no_address_without_a_danish_postcode(claim: object) -> None:
    assert parse_address(claim) is None


# Matching -----------------------------------------------------------------------------


def test_it_matches_house_number_ranges_by_side() -> None:
    table(
        "4200;Hejningevej;1;41;ulige;Slagelse",
        "4200;Hejningevej;2;40;lige;Slagelse",
        "4200;Hejningevej;43;;ulige;Hejninge",
        "4200;Hejningevej;42;;lige;Hejninge",
    )
    assert area_of("Hejningevej 41") == "Slagelse"
    assert area_of("Hejningevej 40") == "Slagelse"
    assert area_of("Hejningevej 43") == "Hejninge"
    assert area_of("Hejningevej 42") == "Hejninge"
    assert area_of("Hejningevej 1") == "Slagelse"
    assert area_of("Hejningevej 999") == "Hejninge"


def test_it_ignores_the_letter_case_and_spaces_of_the_address() -> None:
    table("4200;Kirke Stillinge Bygade;;;alle;Kirke Stillinge", "4200;Ørslevvej;1;9;alle;Ørslev")
    assert area_of("kirke  stillinge BYGADE 12B") == "Kirke Stillinge"
    assert area_of("ØRSLEVVEJ 9A, 1. tv.") == "Ørslev"
    assert area_of("Ørslevvej 10") is None


def test_it_falls_back_to_the_postcode_when_no_road_line_covers_the_address() -> None:
    table(
        "4230;;;;alle;Skælskør",
        "4230;Skovsøvej;61;;ulige;Eggeslevmagle",
        "4230;Eggeslevmagle Bygade;;;alle;Eggeslevmagle",
    )
    assert area_of("Eggeslevmagle Bygade 9", "4230") == "Eggeslevmagle"
    assert area_of("Skovsøvej 61", "4230") == "Eggeslevmagle"
    assert area_of("Skovsøvej 60", "4230") == "Skælskør"  # the road line covers odd only
    assert area_of("Strandvejen 4", "4230") == "Skælskør"
    assert area_of("Skovsøvej", "4230") == "Skælskør"  # no house number: no range fits


def test_it_prefers_the_most_specific_line() -> None:
    table("4200;Ørslevvej;;;alle;Slagelse", "4200;Ørslevvej;100;120;lige;Ørslev")
    assert area_of("Ørslevvej 110") == "Ørslev"
    assert area_of("Ørslevvej 111") == "Slagelse"


def test_it_tells_roads_of_the_same_name_apart_by_postcode() -> None:
    table("4220;Algade;;;alle;Korsør", "4230;Algade;;;alle;Skælskør")
    assert area_of("Algade 1", "4220") == "Korsør"
    assert area_of("Algade 1", "4230") == "Skælskør"


def test_it_gives_no_area_for_an_address_the_table_does_not_know() -> None:
    table("4200;Nørregade;;;alle;Slagelse")
    assert area_of("Nørregade 1", "4220") is None
    assert area_of("Vestergade 1", "4200") is None
    assert area_for_address(None) is None


def test_it_places_the_sample_table_s_addresses_in_the_reference_areas() -> None:
    address_areas_import(actor=None, data=SAMPLE_ADDRESS_TABLE.read_bytes())
    assert area_of("Nørregade 12A") == "Slagelse"
    assert area_of("Algade 30", "4220") == "Korsør"
    assert area_of("Eggeslevmagle Bygade 9", "4230") == "Eggeslevmagle"
    assert area_of("Bisserup Havnevej 2", "4243") == "Bisserup"
    assert area_of("Hovedgaden 5", "4261") == "Dalmose"
    lines = SAMPLE_ADDRESS_TABLE.read_text(encoding="utf-8").strip().splitlines()
    assert AddressArea.objects.count() == len(lines) - 1


# Importing ----------------------------------------------------------------------------


def import_errors(text: str | bytes) -> list[str]:
    with pytest.raises(AddressTableError) as caught:
        address_areas_import(actor=None, data=text)
    return list(caught.value.messages)


def test_it_names_every_bad_line_by_its_number() -> None:
    errors = import_errors(
        HEADER
        + "4200;Nørregade;1;9;alle;Slagelse\n"  # line 2: fine
        + "42;Vestergade;;;alle;Slagelse\n"  # 3: postcode
        + "4200;Ahornvej;1;x;alle;Slagelse\n"  # 4: house number
        + "4200;Bøgevej;9;3;alle;Slagelse\n"  # 5: from > to
        + "4200;Egevej;;;begge;Slagelse\n"  # 6: side
        + "4200;Granvej;;;alle;Atlantis\n"  # 7: area
        + "4200;;1;9;alle;Slagelse\n"  # 8: numbers without road
        + "4200;NØRREGADE;5;17;alle;Ørslev\n"  # 9: overlaps line 2
        + "4200;Nørregade;3;3;ulige;Ørslev\n"  # 10: fine, a part of line 2
        + "4200;;;;alle;Slagelse\n"  # 11: fine, the whole postcode
        + "4200;;;;alle;Ørslev\n"  # 12: the same postcode twice
    )
    assert errors == [
        "Linje 3: postnummeret skal være 4 cifre.",
        "Linje 4: husnummeret »x« skal være et helt tal.",
        "Linje 5: det første husnummer er større end det sidste.",
        "Linje 6: side skal være »alle«, »ulige« eller »lige«.",
        "Linje 7: ukendt område »Atlantis«. Brug navnet eller adressenavnet på et lokalområde.",
        "Linje 8: husnumre kræver et vejnavn.",
        "Linje 9: overlapper linje 2 (de samme adresser to gange).",
        "Linje 12: overlapper linje 11 (de samme adresser to gange).",
    ]


def test_it_imports_nothing_from_a_file_with_a_bad_line() -> None:
    table("4200;Nørregade;;;alle;Slagelse")
    before = list(AddressArea.objects.values_list("pk", "road", "area__name"))
    import_errors(HEADER + "4220;Algade;;;alle;Korsør\n4230;Algade;;;alle;Nowhere\n")
    assert list(AddressArea.objects.values_list("pk", "road", "area__name")) == before


def test_it_replaces_the_whole_table_and_records_who_imported_it() -> None:
    table("4200;Nørregade;;;alle;Slagelse", "4220;;;;alle;Korsør")
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    summary = address_areas_import(
        actor=admin, data="postcode,road,from,to,side,area\n4230,,,,all,skaelskoer\n"
    )
    assert (summary.imported, summary.replaced) == (1, 2)
    assert list(AddressArea.objects.values_list("postcode", "area__name")) == [("4230", "Skælskør")]
    event = AuditEvent.objects.filter(action="import").first()  # the newest
    assert event is not None and event.object_type == "accounts.AddressArea"
    assert event.actor == admin and event.detail == {"imported": 1, "replaced": 2}


def test_it_reads_a_byte_order_mark_and_refuses_files_that_are_not_utf8() -> None:
    address_areas_import(actor=None, data=("\ufeff" + HEADER + "4200;;;;;Slagelse\n").encode())
    assert AddressArea.objects.get().area.name == "Slagelse"
    errors = import_errors((HEADER + "4200;Ørslevvej;;;alle;Ørslev\n").encode("cp1252"))
    assert errors == ["Filen er ikke UTF-8. Gem den som »CSV UTF-8«, og prøv igen."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Filen er tom."),
        (HEADER, "Filen har ingen adresser."),
        ("vej;nummer\nNørregade;1\n", "Linje 1 skal navngive kolonnerne"),
    ],
)
def test_it_refuses_a_file_without_addresses(text: str, message: str) -> None:
    assert import_errors(text)[0].startswith(message)


def test_the_command_imports_a_file_and_reports_bad_lines(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_address_areas", str(SAMPLE_ADDRESS_TABLE), stdout=out)
    assert "Imported" in out.getvalue()
    imported = AddressArea.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "4200;Nørregade;;;alle;Slagelse\n4200;;;;alle;Nowhere\n")
    with pytest.raises(CommandError, match="Linje 3"):
        call_command("import_address_areas", str(bad))
    assert AddressArea.objects.count() == imported
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_address_areas", str(tmp_path / "missing.csv"))


# The admin ----------------------------------------------------------------------------


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("adresser.csv", text.encode(), content_type="text/csv")


def test_an_administrator_imports_the_table_in_the_admin(client: Client) -> None:
    admin = UserFactory.create(is_staff=True, is_superuser=True, role="administrator")
    log_in_with_second_factor(client, admin)
    url = reverse("admin:accounts_addressarea_import")
    listing = client.get(reverse("admin:accounts_addressarea_changelist"))
    assert url in listing.content.decode()
    response = client.post(url, {"file": upload(HEADER + "4220;;;;alle;Korsør\n")})
    assert response.status_code == 302
    assert AddressArea.objects.get().area.name == "Korsør"
    bad = client.post(url, {"file": upload(HEADER + "4220;;;;alle;Korsør\n4230;;;;;Intet\n")})
    assert bad.status_code == 200
    assert "Linje 3: ukendt område »Intet«" in bad.content.decode()
    assert AddressArea.objects.count() == 1
    # Lines are not added or edited one by one (the import checks them against each other).
    assert client.get(reverse("admin:accounts_addressarea_add")).status_code == 403
    line = AddressArea.objects.get()
    change = reverse("admin:accounts_addressarea_change", args=[line.pk])
    client.post(change, {"postcode": "4220", "road": "Algade", "side": "all", "area": line.area_id})
    assert AddressArea.objects.get().road == ""


def test_staff_without_the_table_s_permissions_cannot_import(client: Client) -> None:
    employee = UserFactory.create(is_staff=True, role="employee")
    log_in_with_second_factor(client, employee)
    url = reverse("admin:accounts_addressarea_import")
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload(HEADER + "4220;;;;alle;Korsør\n")}).status_code == 403
    assert not AddressArea.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client: Client) -> None:
    response = client.get(reverse("admin:accounts_addressarea_import"))
    assert response.status_code == 302 and "/login/" in response["Location"]
