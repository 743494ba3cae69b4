"""Slagelse Kommune's areas and departments, loaded by a data migration.

The municipality edits them afterwards in the Django admin; this list only seeds an empty
database. Coordinates are the approximate town centres (WGS84), for maps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

MUNICIPALITY = ("Slagelse Kommune", "slagelse-kommune", "55.402", "11.354")

TOWNS = [
    ("Slagelse", "slagelse", "55.4028", "11.3546"),
    ("Korsør", "korsoer", "55.3303", "11.1390"),
    ("Skælskør", "skaelskoer", "55.2506", "11.2939"),
    ("Dalmose", "dalmose", "55.2880", "11.4290"),
    ("Vemmelev", "vemmelev", "55.3650", "11.2510"),
    ("Boeslunde", "boeslunde", "55.2970", "11.2680"),
    ("Rude", "rude", "55.2320", "11.4370"),
]

VILLAGES = [
    ("Agersø", "agersoe", "55.2110", "11.1970"),
    ("Omø", "omoe", "55.1620", "11.1400"),
    ("Bisserup", "bisserup", "55.1960", "11.5050"),
    ("Eggeslevmagle", "eggeslevmagle", "55.2800", "11.3280"),
    ("Flakkebjerg", "flakkebjerg", "55.3230", "11.3930"),
    ("Forlev", "forlev", "55.3690", "11.2840"),
    ("Havrebjerg", "havrebjerg", "55.4510", "11.3000"),
    ("Hejninge", "hejninge", "55.4270", "11.3330"),
    ("Kirke Stillinge", "kirke-stillinge", "55.4180", "11.2080"),
    ("Ørslev", "oerslev", "55.3760", "11.3310"),
    ("Sørbymagle", "soerbymagle", "55.3230", "11.3050"),
]

DEPARTMENTS = [
    ("Center for Børn og Unge", "boern-og-unge"),
    ("Center for Dagtilbud", "dagtilbud"),
    ("Center for Skole og Uddannelse", "skole-og-uddannelse"),
    ("Center for Sundhed og Ældre", "sundhed-og-aeldre"),
    ("Center for Social og Psykiatri", "social-og-psykiatri"),
    ("Center for Miljø, Plan og Teknik", "miljoe-plan-og-teknik"),
    ("Center for Kultur, Fritid og Borgerservice", "kultur-fritid-og-borgerservice"),
    ("Center for Erhverv og Beskæftigelse", "erhverv-og-beskaeftigelse"),
    ("Center for Økonomi og Digitalisering", "oekonomi-og-digitalisering"),
    ("Sekretariatet for Samskabelse", "sekretariatet-for-samskabelse"),
]


def load(area_model: Any, department_model: Any) -> None:
    """Create the areas and departments that are missing (idempotent).

    Takes the model classes so that the data migration can pass its historical models.
    """
    name, slug, lat, lon = MUNICIPALITY
    municipality, _ = area_model.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": "municipality",
            "latitude": Decimal(lat),
            "longitude": Decimal(lon),
        },
    )
    for kind, rows in (("town", TOWNS), ("village", VILLAGES)):
        for name, slug, lat, lon in rows:
            area_model.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "parent": municipality,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                },
            )
    for name, slug in DEPARTMENTS:
        department_model.objects.get_or_create(slug=slug, defaults={"name": name})
