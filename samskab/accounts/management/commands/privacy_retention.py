"""Delete personal data past its retention period. Run it daily (cron or a scheduler)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskab.accounts.services import privacy_retention_run
from samskab.accounts.tasks import privacy_retention


class Command(BaseCommand):
    help = (
        "Erase unverified accounts unused for PRIVACY_UNVERIFIED_ACCOUNT_DAYS, and delete "
        "audit events and login records older than their retention periods."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for a background worker instead of doing it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = privacy_retention.enqueue()
            self.stdout.write(f"Queued privacy retention as task {result.id}.")
            return
        done = privacy_retention_run()
        summary = ", ".join(f"{kind}: {count}" for kind, count in done.items())
        self.stdout.write(self.style.SUCCESS(f"Privacy retention done ({summary})."))
