"""Run daily (e.g. from cron): remind about zero-error reports and actions. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskab.learning.reminders import learning_reminders_send


class Command(BaseCommand):
    help = (
        "Remind about zero-error learning reports that must be handled soon or are overdue, "
        "and about actions that are due soon or overdue. Each reminder is sent once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = learning_reminders_send()
        self.stdout.write(f"{sent} learning reminders sent.")
