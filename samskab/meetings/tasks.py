"""Background work for meetings, run daily through the tasks API."""

from __future__ import annotations

from django_tasks import task

from samskab.meetings.services import meeting_reminders_send


@task()
def send_meeting_reminders() -> int:
    """E-mail everyone with a place at a meeting that starts tomorrow.

    Safe to run any number of times a day: each registration is reminded once."""
    return meeting_reminders_send()
