"""Run daily (e.g. from cron): send each follower who chose a daily digest their news."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskab.follows.services import digests_send


class Command(BaseCommand):
    help = "Send the daily digest e-mails to followers who chose them. Each news item once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digests_send()
        self.stdout.write(f"{sent} digests sent.")
