"""Run daily (e.g. from cron): remind participants of tomorrow's meetings. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from samskab.meetings.tasks import send_meeting_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a place at a meeting that starts tomorrow. "
        "Each registration is reminded once, however often this runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run in this process instead of queueing a background task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = send_meeting_reminders.call()
            self.stdout.write(f"{sent} meeting reminders sent.")
            return
        result = send_meeting_reminders.enqueue()
        self.stdout.write(f"Queued the meeting reminders task ({result.id}, {result.status}).")
