"""Who may see and do what with learning reports.

The raw report is seen only by the department's learning coordinators, its own named
reporter and, unless it is confidential, the department's managers and the responsible
person of its zero-error area. Everyone in the administration (employee and above) reports
and reads the shared, de-identified learning; the secretariat sees aggregated figures.

Views test these rules with ``rules.has_perm`` and never with ``user.has_perm``: Django
lets a superuser pass every ``has_perm``, and a confidential report must stay hidden from
administrators too unless they are made coordinators (in the admin site, which is logged).
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_employee, is_manager, is_secretariat
from samskab.learning.models import Action, LearningCoordinator, LearningReport, Status


def coordinator_department_ids(user: Any) -> frozenset[int]:
    """The departments ``user`` coordinates learning for (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_learning_department_ids", None)
    if cached is None:
        cached = frozenset(
            LearningCoordinator.objects.filter(user=user).values_list("department_id", flat=True)
        )
        user._learning_department_ids = cached
    return cached


def _report_of(obj: Any) -> LearningReport | None:
    if isinstance(obj, Action):
        return obj.report
    return obj if isinstance(obj, LearningReport) else None


@rules.predicate
def is_coordinator(user: Any) -> bool:
    return bool(is_employee(user)) and bool(coordinator_department_ids(user))


@rules.predicate
def is_coordinator_for(user: Any, obj: Any) -> bool:
    report = _report_of(obj)
    return (
        report is not None
        and bool(is_employee(user))
        and report.department_id in coordinator_department_ids(user)
    )


@rules.predicate
def is_reporter(user: Any, report: Any) -> bool:
    return (
        report is not None
        and getattr(user, "is_authenticated", False)
        and not report.is_anonymous
        and report.reporter_id == user.pk
    )


@rules.predicate
def is_responsible(user: Any, report: Any) -> bool:
    return (
        report is not None
        and getattr(user, "is_authenticated", False)
        and report.responsible_id == user.pk
    )


@rules.predicate
def is_department_manager(user: Any, report: Any) -> bool:
    return (
        report is not None
        and bool(is_manager(user))
        and user.department_id is not None
        and user.department_id == report.department_id
    )


@rules.predicate
def is_confidential(user: Any, report: Any) -> bool:
    return report is not None and report.is_confidential


@rules.predicate
def is_received(user: Any, report: Any) -> bool:
    return report is not None and report.status == Status.RECEIVED


@rules.predicate
def is_action_owner(user: Any, action: Any) -> bool:
    return (
        action is not None
        and getattr(user, "is_authenticated", False)
        and action.owner_id == user.pk
    )


can_view_report = is_employee & (
    is_coordinator_for | is_reporter | (~is_confidential & (is_responsible | is_department_manager))
)

rules.add_perm("learning.report_error", is_employee)
rules.add_perm("learning.view_shared", is_employee)
rules.add_perm("learning.view_report", can_view_report)
rules.add_perm(
    "learning.handle_report",
    is_employee & is_received & (is_coordinator_for | (~is_confidential & is_responsible)),
)
rules.add_perm("learning.share_report", is_coordinator_for)
rules.add_perm("learning.create_action", is_coordinator_for)
rules.add_perm("learning.update_action", is_employee & (is_action_owner | is_coordinator_for))
rules.add_perm("learning.view_inbox", is_coordinator)
rules.add_perm("learning.view_audit_log", is_coordinator_for)
rules.add_perm("learning.view_trends", is_employee & (is_secretariat | is_coordinator))
