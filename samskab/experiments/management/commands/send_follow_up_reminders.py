"""Run daily (e.g. from cron): queue the evaluation follow-up reminders. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskab.experiments.tasks import send_follow_up_reminders


class Command(BaseCommand):
    help = (
        "Remind the person responsible when an evaluation's follow-up has fallen due. "
        "Each evaluation is reminded once, however often this runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run in this process instead of queueing a background task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = send_follow_up_reminders.call()
            self.stdout.write(f"{sent} follow-up reminders sent.")
            return
        result = send_follow_up_reminders.enqueue()
        self.stdout.write(f"Queued the follow-up reminders task ({result.id}, {result.status}).")
