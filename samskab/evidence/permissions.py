"""Who may do what in the evidence registry.

Everyone may read the registry. Employees register interventions, add research sources
and ask for evidence. An evidence request is answered by an employee other than the one
who asked, and the answer is approved by a manager other than the one who answered
(four eyes on both steps). Only managers change an intervention's status; marking it for
rollout also needs an approved answer, which the service enforces.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_committee, is_employee, is_manager
from samskab.evidence.models import EvidenceRequest


def _is(user: Any, user_id: int | None) -> bool:
    return getattr(user, "is_authenticated", False) and user_id is not None and user_id == user.pk


@rules.predicate
def is_requester(user: Any, request: EvidenceRequest | None) -> bool:
    return request is not None and _is(user, request.requested_by_id)


@rules.predicate
def is_answerer(user: Any, request: EvidenceRequest | None) -> bool:
    return request is not None and _is(user, request.answered_by_id)


@rules.predicate
def is_open(user: Any, request: EvidenceRequest | None) -> bool:
    return request is not None and request.state == EvidenceRequest.State.OPEN


@rules.predicate
def is_answered(user: Any, request: EvidenceRequest | None) -> bool:
    return request is not None and request.state == EvidenceRequest.State.ANSWERED


rules.add_perm("evidence.see_intervention", rules.always_allow)
rules.add_perm("evidence.create_intervention", is_employee)
rules.add_perm("evidence.edit_intervention", is_employee)
rules.add_perm("evidence.add_source", is_employee)
rules.add_perm("evidence.add_request", is_employee)
rules.add_perm("evidence.view_requests", is_employee | is_committee)
rules.add_perm("evidence.answer_request", is_employee & ~is_requester & is_open)
rules.add_perm("evidence.approve_request", is_manager & ~is_answerer & is_answered)
rules.add_perm("evidence.set_status", is_manager)
