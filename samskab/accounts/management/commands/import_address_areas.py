"""Replace the address-to-area table with a CSV file (see samskab/accounts/addresses.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samskab.accounts.addresses import AddressTableError, address_areas_import


class Command(BaseCommand):
    help = (
        "Replace the address-to-area table with a CSV file: columns postnr, vejnavn, "
        "husnr_fra, husnr_til, side (alle/ulige/lige) and omraade, separated by ; or ,. "
        "A file with any bad line imports nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("csv", type=Path, help="The CSV file (UTF-8).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            summary = address_areas_import(actor=None, data=data)
        except AddressTableError as error:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(str(m) for m in error.messages)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {summary.imported} lines (replacing {summary.replaced}).")
        )
