"""Who may see and handle ideas: the role table combined with the idea's state.

Internal ideas are for employees only; an idea hidden by moderation is seen only by its
author and the secretariat. The secretariat screens new ideas; the responsible manager (or
the secretariat) assesses and decides while the idea is being handled.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import (
    is_committee,
    is_employee,
    is_logged_in,
    is_manager,
    is_secretariat,
)
from samskab.ideas.models import HANDLING_STATUSES, Status


@rules.predicate
def is_author(user: Any, idea: Any) -> bool:
    return (
        idea is not None and getattr(user, "is_authenticated", False) and idea.author_id == user.pk
    )


@rules.predicate
def is_responsible(user: Any, idea: Any) -> bool:
    return (
        idea is not None
        and getattr(user, "is_authenticated", False)
        and idea.responsible_id == user.pk
    )


@rules.predicate
def is_awaiting_screening(user: Any, idea: Any) -> bool:
    return idea is not None and idea.status == Status.SUBMITTED


@rules.predicate
def is_being_handled(user: Any, idea: Any) -> bool:
    return idea is not None and idea.status in HANDLING_STATUSES


@rules.predicate
def can_view_idea(user: Any, idea: Any) -> bool:
    if idea is None:
        return False
    if is_secretariat(user) or is_author(user, idea):
        return True
    if idea.is_hidden:
        return False
    if idea.is_internal:
        return bool(is_employee(user))
    return True


@rules.predicate
def can_engage_with_idea(user: Any, idea: Any) -> bool:
    return (
        bool(is_logged_in(user))
        and bool(can_view_idea(user, idea))
        and not idea.is_hidden
        and idea.status != Status.MERGED
    )


@rules.predicate
def is_realisation_responsible(user: Any, idea: Any) -> bool:
    realisation = getattr(idea, "realisation", None) if idea is not None else None
    return (
        realisation is not None
        and getattr(user, "is_authenticated", False)
        and realisation.responsible_id == user.pk
    )


@rules.predicate
def is_being_realised(user: Any, idea: Any) -> bool:
    return idea is not None and idea.status == Status.REALISE


@rules.predicate
def is_awaiting_workshop(user: Any, idea: Any) -> bool:
    return idea is not None and idea.status == Status.WORKSHOP


rules.add_perm("ideas.see_idea", can_view_idea)
rules.add_perm("ideas.create_idea", is_logged_in)
rules.add_perm("ideas.submit_internal", is_employee)
rules.add_perm("ideas.view_handling", is_employee)
rules.add_perm("ideas.screen_idea", is_secretariat & is_awaiting_screening)
rules.add_perm(
    "ideas.assess_idea", (is_secretariat | (is_manager & is_responsible)) & is_being_handled
)
rules.add_perm(
    "ideas.decide_idea", (is_secretariat | (is_manager & is_responsible)) & is_being_handled
)
rules.add_perm("ideas.view_queue", is_manager)
rules.add_perm("ideas.view_screening", is_secretariat)
rules.add_perm("ideas.manage_meetings", is_secretariat)
rules.add_perm("ideas.view_figures", is_secretariat | is_committee)
# Following a decision through: the realisation is kept by its responsible employee, the
# idea's responsible manager or the secretariat; the workshop is linked and its outcome
# recorded by the responsible manager or the secretariat.
rules.add_perm(
    "ideas.manage_realisation",
    (is_secretariat | (is_manager & is_responsible) | (is_employee & is_realisation_responsible))
    & is_being_realised,
)
rules.add_perm(
    "ideas.manage_workshop",
    (is_secretariat | (is_manager & is_responsible)) & is_awaiting_workshop,
)
rules.add_perm("ideas.view_realisations", is_employee)
