"""Who may do what in a citizen project.

| Action                         | anonymous | non-member | group | contact | secretariat |
|--------------------------------|-----------|------------|-------|---------|-------------|
| see the public project page    | yes       | yes        | yes   | yes     | yes         |
| open the workspace (start)     | no        | proposer   | -     | yes     | yes         |
| see the workspace and receipts | no        | no         | yes   | yes     | yes         |
| add expenses, request payouts  | no        | no         | yes   | no      | no          |
| approve or return a payout     | no        | no         | no    | yes     | yes         |
| record the handover            | no        | no         | yes   | yes     | yes         |
| mark done (handover required)  | no        | no         | no    | yes     | yes         |
| the list of overdue projects   | no        | no         | no    | no      | yes         |
| add tasks with owners, close   | no        | no         | yes   | no      | no          |
| sign up as a volunteer         | no        | yes        | yes   | yes     | yes         |
| see tasks and volunteers       | no        | no         | yes   | yes     | yes         |
| add, publish, delete documents | no        | no         | yes   | no      | no          |
| a public document              | yes       | yes        | yes   | yes     | yes         |
| a group-only document          | no        | no         | yes   | yes     | yes         |

The group is an organisation: its administrators invite members on its page.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_secretariat
from samskab.budgets.models import Proposal
from samskab.organisations import selectors as organisation_selectors
from samskab.projects.models import Project


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


@rules.predicate
def is_group_member(user: Any, project: Project | None) -> bool:
    return project is not None and organisation_selectors.is_member(
        organisation=project.group, user=user
    )


@rules.predicate
def is_project_contact(user: Any, project: Project | None) -> bool:
    return project is not None and _logged_in(user) and project.implementation.contact_id == user.pk


@rules.predicate
def may_start(user: Any, proposal: Proposal | None) -> bool:
    if proposal is None or not _logged_in(user):
        return False
    implementation = getattr(proposal, "implementation", None)
    if implementation is None:
        return False
    return user.pk in (proposal.author_id, implementation.contact_id)


rules.add_perm("projects.start", may_start | is_secretariat)
rules.add_perm("projects.see_workspace", is_group_member | is_project_contact | is_secretariat)
rules.add_perm("projects.record_expense", is_group_member)
rules.add_perm("projects.decide_payout", is_project_contact | is_secretariat)
rules.add_perm("projects.record_handover", is_group_member | is_project_contact | is_secretariat)
rules.add_perm("projects.complete_project", is_project_contact | is_secretariat)
rules.add_perm("projects.see_overdue", is_secretariat)
rules.add_perm("projects.manage_tasks", is_group_member)
rules.add_perm("projects.volunteer", rules.is_authenticated)
rules.add_perm("projects.manage_documents", is_group_member)
