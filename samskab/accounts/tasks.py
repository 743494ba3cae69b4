"""Background work for privacy, run daily through the tasks API (or the command)."""

from __future__ import annotations

from django_tasks import task

from samskab.accounts.services import privacy_retention_run


@task()
def privacy_retention() -> dict[str, int]:
    """Delete what has passed its retention period (see privacy_retention_run)."""
    return privacy_retention_run()
