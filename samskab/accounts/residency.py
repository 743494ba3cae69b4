"""Where does the person live? Decided at each MitID login: in the municipality, and in
which of its local areas.

An adapter, chosen with ``IDENTITY_RESIDENCY_ADAPTER`` (a dotted path to a class with the
``residence`` method below), answers from what it knows:

- ``AddressTableResidency`` (the default): the local area from the broker's address claim
  (``MITID_OIDC_ADDRESS_CLAIM``, OpenID Connect's ``address``), looked up in the
  municipality's address-to-area table (addresses.py); living in the municipality from that
  area or from the residency claim (``MITID_OIDC_RESIDENCY_CLAIM``).
- ``ClaimResidency``: the residency claim only, no local area.
- ``LocalRegister``: the register for tests and the demo. It knows the fictitious test
  identities and their addresses, and nobody else. An adapter to the CPR register has the
  same shape: it looks the person up by CPR number and returns the area of their address.

Only the answer is kept on the account (``is_municipal_resident`` and ``area``): never the
address. The CPR number and the address are passed to the adapter in memory, because that
is what a register is searched by; an adapter must not store or log them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from samskab.accounts.addresses import area_for_address, parse_address
from samskab.accounts.identity import person_key_from_cpr
from samskab.core.models import Area

TRUE_VALUES = {"1", "true", "yes", "ja"}


@dataclass(frozen=True)
class Residence:
    """What an adapter says about where a person lives. There is no address field."""

    lives_in_municipality: bool
    area: Area | None = None


class ResidencyAdapter(Protocol):
    def residence(self, *, cpr: str, claims: Mapping[str, Any]) -> Residence: ...


def _claimed_resident(claims: Mapping[str, Any]) -> bool:
    name = settings.MITID_OIDC_RESIDENCY_CLAIM
    value = claims.get(name) if name else None
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_VALUES


class ClaimResidency:
    """Residency from a claim: true, "true", "1", "yes" or "ja" mean a resident."""

    def residence(self, *, cpr: str, claims: Mapping[str, Any]) -> Residence:
        return Residence(lives_in_municipality=_claimed_resident(claims))


class AddressTableResidency:
    """The local area of the address claim, by the municipality's address-to-area table.

    An address that the table places in an area is in the municipality; one it does not
    know gives no area, and residency then rests on the residency claim alone.
    """

    def residence(self, *, cpr: str, claims: Mapping[str, Any]) -> Residence:
        name = settings.MITID_OIDC_ADDRESS_CLAIM
        area = area_for_address(parse_address(claims.get(name))) if name else None
        return Residence(
            lives_in_municipality=area is not None or _claimed_resident(claims), area=area
        )


# Fictitious test identities registered as living in the municipality (the demo's
# residents; see samskab/core/management/commands/seed_demo.py), with made-up addresses
# that the sample address table (data/slagelse_address_areas.csv) places in an area.
LOCAL_REGISTER: dict[str, dict[str, str]] = {
    "0107491234": {
        "street_address": "Nørregade 12A",
        "postal_code": "4200",
        "locality": "Slagelse",
    },
    "1503124321": {
        "street_address": "Eggeslevmagle Bygade 9",
        "postal_code": "4230",
        "locality": "Skælskør",
    },
    "2208801357": {
        "street_address": "Algade 30, 1. tv.",
        "postal_code": "4220",
        "locality": "Korsør",
    },
}
LOCAL_REGISTER_CPRS = tuple(LOCAL_REGISTER)


def demo_address(cpr: str) -> dict[str, str] | None:
    """The made-up address of a test identity, as a broker's address claim would give it."""
    key = person_key_from_cpr(cpr)
    return next(
        (address for known, address in LOCAL_REGISTER.items() if person_key_from_cpr(known) == key),
        None,
    )


class LocalRegister:
    """The municipality's register for tests and the demo: the test identities above."""

    def residence(self, *, cpr: str, claims: Mapping[str, Any]) -> Residence:
        address = demo_address(cpr)
        if address is None:
            return Residence(lives_in_municipality=False)
        return Residence(lives_in_municipality=True, area=area_for_address(parse_address(address)))


def residency_adapter() -> ResidencyAdapter:
    adapter: ResidencyAdapter = import_string(settings.IDENTITY_RESIDENCY_ADAPTER)()
    return adapter
