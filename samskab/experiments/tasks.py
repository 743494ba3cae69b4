"""Background work for experiments, run daily through the tasks API."""

from __future__ import annotations

from django_tasks import task

from samskab.experiments.services import follow_up_reminders_send


@task()
def send_follow_up_reminders() -> int:
    """Remind the people responsible for evaluation follow-ups that have fallen due.

    Safe to run any number of times a day: each evaluation is reminded once."""
    return follow_up_reminders_send()
