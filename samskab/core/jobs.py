"""Daily jobs handle each item on its own.

A reminder job that stops at the first broken item leaves every later item without its
reminder, day after day. ``each_item`` runs one item per transaction: an item that fails is
rolled back (so the next run tries it again), logged at ERROR with the job's name and the
item, and the job carries on with the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import transaction

logger = logging.getLogger("samskab.jobs")

T = TypeVar("T")


@dataclass
class JobRun:
    """What a job did: items handled, and the items that failed (as text, for the log)."""

    done: int = 0
    failed: list[str] = field(default_factory=list)


def each_item(job: str, items: Iterable[T], handle: Callable[[T], bool]) -> JobRun:
    """Call ``handle(item)`` for each item in its own transaction.

    ``handle`` returns whether it did something (counted in ``done``). An exception rolls
    back that item only; it is logged and counted in ``failed``.
    """
    run = JobRun()
    for item in items:
        try:
            with transaction.atomic():
                if handle(item):
                    run.done += 1
        except Exception:
            logger.exception("%s: %r failed; carrying on with the other items", job, item)
            run.failed.append(repr(item))
    if run.failed:
        logger.error("%s: %d item(s) failed: %s", job, len(run.failed), ", ".join(run.failed))
    return run
