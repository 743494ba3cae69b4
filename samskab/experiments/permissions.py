"""Who may see and work on experiments: the role table combined with the experiment's state.

- Planned experiments are internal work: employees, managers, the secretariat and the
  committee see them; once an experiment runs, everyone may follow it.
- The *stewards* of an experiment are its owner, the managers of its department and the
  secretariat. They edit it, change its status and write its evaluations.
- Employees who take part in an experiment (with a login) may record measurements.
- An experiment in a zero-error area needs the approval of a manager of its department who
  is not its owner before it may start (four eyes on the risk, by someone who answers for
  that area). Neither the secretariat nor an administrator can give it.
- The follow-up of an evaluation is recorded by a steward or the person responsible for it.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.models import Role
from samskab.accounts.permissions import (
    is_committee,
    is_employee,
    is_manager,
    is_secretariat,
)
from samskab.experiments.models import Evaluation, Experiment, Participant, Status


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


@rules.predicate
def is_owner(user: Any, experiment: Experiment | None) -> bool:
    return experiment is not None and _logged_in(user) and experiment.owner_id == user.pk


@rules.predicate
def is_steward(user: Any, experiment: Experiment | None) -> bool:
    if experiment is None or not _logged_in(user):
        return False
    if experiment.owner_id == user.pk or is_secretariat(user):
        return True
    return (
        bool(is_manager(user))
        and experiment.department_id is not None
        and user.department_id == experiment.department_id
    )


@rules.predicate
def is_employee_participant(user: Any, experiment: Experiment | None) -> bool:
    if experiment is None or not _logged_in(user) or not is_employee(user):
        return False
    return any(
        participant.user_id == user.pk and participant.kind == Participant.Kind.EMPLOYEE
        for participant in experiment.participants.all()
    )


@rules.predicate
def can_view_experiment(user: Any, experiment: Experiment | None) -> bool:
    if experiment is None:
        return False
    if experiment.status != Status.PLANNED:
        return True
    return bool(is_employee(user) or is_committee(user) or is_owner(user, experiment))


@rules.predicate
def is_open(user: Any, experiment: Experiment | None) -> bool:
    return experiment is not None and experiment.status != Status.DONE


@rules.predicate
def is_measuring(user: Any, experiment: Experiment | None) -> bool:
    return experiment is not None and experiment.status in (Status.RUNNING, Status.EVALUATING)


@rules.predicate
def awaits_zero_error_approval(user: Any, experiment: Experiment | None) -> bool:
    return (
        experiment is not None
        and experiment.status == Status.PLANNED
        and experiment.needs_zero_error_approval
    )


@rules.predicate
def is_department_manager(user: Any, experiment: Experiment | None) -> bool:
    """A manager (the role itself, not a role above it) of the experiment's department."""
    return (
        experiment is not None
        and _logged_in(user)
        and user.role == Role.MANAGER
        and experiment.department_id is not None
        and user.department_id == experiment.department_id
    )


def may_approve_zero_error(user: Any, experiment: Experiment) -> bool:
    """Who may give the zero-error approval: the service checks this too, because Django
    lets a superuser pass every ``has_perm``."""
    return bool(is_department_manager(user, experiment)) and not is_owner(user, experiment)


@rules.predicate
def can_be_evaluated(user: Any, experiment: Experiment | None) -> bool:
    return experiment is not None and experiment.status in (Status.RUNNING, Status.EVALUATING)


@rules.predicate
def can_view_evaluation(user: Any, evaluation: Evaluation | None) -> bool:
    return evaluation is not None and bool(can_view_experiment(user, evaluation.experiment))


@rules.predicate
def can_change_evaluation(user: Any, evaluation: Evaluation | None) -> bool:
    if evaluation is None or has_follow_up(evaluation):
        return False
    return bool(is_steward(user, evaluation.experiment))


@rules.predicate
def can_follow_up(user: Any, evaluation: Evaluation | None) -> bool:
    if evaluation is None or not _logged_in(user) or has_follow_up(evaluation):
        return False
    return evaluation.follow_up_responsible_id == user.pk or bool(
        is_steward(user, evaluation.experiment)
    )


def has_follow_up(evaluation: Evaluation) -> bool:
    """Whether the follow-up is recorded (without an exception for the missing one-to-one)."""
    try:
        return evaluation.follow_up is not None
    except Evaluation.follow_up.RelatedObjectDoesNotExist:
        return False


rules.add_perm("experiments.see_experiment", can_view_experiment)
rules.add_perm("experiments.create_experiment", is_employee)
rules.add_perm("experiments.edit_experiment", is_steward & is_open)
rules.add_perm("experiments.change_status", is_steward & is_open)
rules.add_perm(
    "experiments.record_measurement", (is_steward | is_employee_participant) & is_measuring
)
rules.add_perm(
    "experiments.approve_zero_error",
    is_department_manager & ~is_owner & awaits_zero_error_approval,
)
rules.add_perm("experiments.create_evaluation", is_steward & can_be_evaluated)
rules.add_perm("experiments.see_evaluation", can_view_evaluation)
rules.add_perm("experiments.edit_evaluation", can_change_evaluation)
rules.add_perm("experiments.follow_up_evaluation", can_follow_up)
rules.add_perm("experiments.view_follow_up_overview", is_secretariat)
