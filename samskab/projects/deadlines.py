"""A project's limits: start within N months and finish within M of the implementation phase."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from samskab.budgets.models import BudgetProcess, Implementation, ImplementationStatus

DEFAULT_START_MONTHS = 12
DEFAULT_FINISH_MONTHS = 24
DEFAULT_REMIND_DAYS = 30


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Limits:
    start_by: datetime.date
    finish_by: datetime.date
    remind_days: int


def limits_for(process: BudgetProcess) -> Limits:
    rules = getattr(process, "project_rules", None)
    start = rules.start_within_months if rules else DEFAULT_START_MONTHS
    finish = rules.finish_within_months if rules else DEFAULT_FINISH_MONTHS
    remind = rules.remind_days_before if rules else DEFAULT_REMIND_DAYS
    begins = process.implementation_start
    return Limits(add_months(begins, start), add_months(begins, finish), remind)


def is_started(implementation: Implementation) -> bool:
    return implementation.status != ImplementationStatus.PLANNED


def is_finished(implementation: Implementation) -> bool:
    return implementation.status in (ImplementationStatus.DONE, ImplementationStatus.CANCELLED)


def overdue(implementation: Implementation, today: datetime.date) -> list[str]:
    """``start`` and/or ``finish`` when that limit has passed unmet."""
    limits = limits_for(implementation.proposal.process)
    late = []
    if not is_started(implementation) and today > limits.start_by:
        late.append("start")
    if not is_finished(implementation) and today > limits.finish_by:
        late.append("finish")
    return late
