"""The privacy registry: how each app takes part in data export, erasure and retention.

A resident may download everything Samskab holds about them and delete their account
(GDPR articles 15, 17 and 20). Accounts does not know what other apps store, so each app
registers a handler in its ``AppConfig.ready()``::

    from samskab.accounts import privacy

    privacy.register(
        "ideas",
        export=ideas_export_for_user,      # (user) -> JSON-serialisable data
        erase=ideas_anonymise_for_user,    # (user) -> None, inside the erasure transaction
        retention=ideas_delete_expired,    # (now) -> number of rows deleted
    )

Erasure keeps the user row, anonymised (no name, e-mail, person key or birth date), so that
contributions (ideas, proposals, comments) stay where they are and show "Deleted user".
An app's ``erase`` removes what is personal in its own rows (free-text contact details,
votes' link to the person) but keeps what must stay counted: a ballot stays in the tally,
only without anything that identifies the voter. ``erase`` runs inside the same transaction
as the account's erasure, so a failure leaves everything as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samskab.accounts.models import User

Exporter = Callable[["User"], Any]
Eraser = Callable[["User"], None]
RetentionJob = Callable[[datetime.datetime], int]


@dataclass(frozen=True)
class PrivacyHandler:
    name: str
    export: Exporter | None = None
    erase: Eraser | None = None
    retention: RetentionJob | None = None


_handlers: dict[str, PrivacyHandler] = {}


def register(
    name: str,
    *,
    export: Exporter | None = None,
    erase: Eraser | None = None,
    retention: RetentionJob | None = None,
) -> PrivacyHandler:
    """Register (or replace) the privacy handler called ``name`` (normally the app label)."""
    handler = PrivacyHandler(name=name, export=export, erase=erase, retention=retention)
    _handlers[name] = handler
    return handler


def unregister(name: str) -> None:
    _handlers.pop(name, None)


def handlers() -> list[PrivacyHandler]:
    """Every registered handler, in the order they were registered."""
    return list(_handlers.values())
