"""Reference data that a running vote depends on, locked while the vote runs.

Who may vote on which budget follows from the areas (their kind and which area each is
part of) and from the address-to-area table. Changing either while votes are being cast
would move voters between budgets mid-vote, so the apps that run votes register a guard
here, and the places that change that data (the admin, the address import) ask
``reference_data_lock`` first. Core knows nothing of budgets: the budgets app registers
its guard when it starts.
"""

from __future__ import annotations

from collections.abc import Callable

Guard = Callable[[], "str | None"]

_guards: list[Guard] = []


def register_reference_guard(guard: Guard) -> None:
    """Add ``guard``: it returns why reference data is locked now, or ``None``."""
    if guard not in _guards:
        _guards.append(guard)


def reference_data_lock() -> str | None:
    """Why the areas and the address table cannot change now (``None`` when they can)."""
    for guard in _guards:
        reason = guard()
        if reason:
            return reason
    return None
