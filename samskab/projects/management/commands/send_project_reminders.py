"""Run daily (e.g. from cron): remind citizen groups and contacts before their project's
limits. Idempotent: each reminder is sent once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskab.projects.services import project_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the citizen group's administrators and the municipal contact before a "
        "project's limit to start or to finish. Each reminder is sent once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = project_reminders_send()
        self.stdout.write(f"{sent} projects reminded.")
