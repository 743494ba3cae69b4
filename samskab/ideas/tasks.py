"""Background work for ideas, run daily through the tasks API (see send_idea_reminders)."""

from __future__ import annotations

from django_tasks import task

from samskab.ideas.services import idea_reminders_send, ideas_unpark_due
from samskab.ideas.services_realisations import realisation_reminders_send


@task()
def send_idea_reminders() -> dict[str, int]:
    """Return parked ideas whose date has come, then send due deadline reminders, then
    remind about realisations due soon or overdue (each realisation on its own).

    Safe to run any number of times a day: each reminder is recorded and sent once."""
    returned = ideas_unpark_due()
    reminders = idea_reminders_send()
    realisation_reminders = realisation_reminders_send()
    return {
        "returned": returned,
        "reminders": reminders,
        "realisation_reminders": realisation_reminders,
    }
