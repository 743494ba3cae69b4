"""Run daily (e.g. from cron): queue the idea reminders task. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskab.ideas.tasks import send_idea_reminders


class Command(BaseCommand):
    help = (
        "Return parked ideas whose date has come and remind responsible people before and "
        "after deadlines and realisations' due dates. Each reminder is sent once, however "
        "often this runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run in this process instead of queueing a background task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            outcome = send_idea_reminders.call()
            self.stdout.write(
                f"{outcome['returned']} parked ideas returned, "
                f"{outcome['reminders']} reminders sent, "
                f"{outcome['realisation_reminders']} realisation reminders sent."
            )
            return
        result = send_idea_reminders.enqueue()
        self.stdout.write(f"Queued the idea reminders task ({result.id}, {result.status}).")
