"""Is the person a resident of the municipality? Decided at each MitID login.

The answer comes either from a claim that the identity broker adds (``ClaimResidency``,
configured with ``MITID_OIDC_RESIDENCY_CLAIM``) or from an adapter to the municipality's
register, chosen with ``IDENTITY_RESIDENCY_ADAPTER`` (a dotted path to a class with the
method below). ``LocalRegister`` is the adapter for tests and the demo: it knows the
fictitious test identities and nobody else.

The CPR number is passed to the adapter in memory, because that is what a register is
searched by; an adapter must not store or log it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from samskab.accounts.identity import person_key_from_cpr

TRUE_VALUES = {"1", "true", "yes", "ja"}


class ResidencyAdapter(Protocol):
    def is_resident(self, *, cpr: str, claims: Mapping[str, Any]) -> bool: ...


class ClaimResidency:
    """Residency from a claim: true, "true", "1", "yes" or "ja" mean a resident."""

    def is_resident(self, *, cpr: str, claims: Mapping[str, Any]) -> bool:
        name = settings.MITID_OIDC_RESIDENCY_CLAIM
        value = claims.get(name) if name else None
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in TRUE_VALUES


# Fictitious test identities registered as living in the municipality (the demo's
# residents; see samskab/core/management/commands/seed_demo.py).
LOCAL_REGISTER_CPRS = ("0107491234", "1503124321", "2208801357")


class LocalRegister:
    """The municipality's register for tests and the demo: the test identities above."""

    def is_resident(self, *, cpr: str, claims: Mapping[str, Any]) -> bool:
        key = person_key_from_cpr(cpr)
        return any(person_key_from_cpr(known) == key for known in LOCAL_REGISTER_CPRS)


def residency_adapter() -> ResidencyAdapter:
    adapter: ResidencyAdapter = import_string(settings.IDENTITY_RESIDENCY_ADAPTER)()
    return adapter
