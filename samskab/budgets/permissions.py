"""Who may do what in citizen budgets: the role table combined with the process phase.

Views answer 404 when a ``view_*`` permission fails and 403 when another one fails.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import (
    has_role,
    is_citizen_service,
    is_employee,
    is_logged_in,
    is_secretariat,
)
from samskab.budgets.models import BudgetProcess, Phase, Proposal, ProposalStatus
from samskab.organisations import selectors as organisation_selectors


@rules.predicate
def process_is_published(user: Any, process: BudgetProcess) -> bool:
    return bool(process.is_published)


@rules.predicate
def accepts_proposals(user: Any, process: BudgetProcess) -> bool:
    return process.is_published and process.is_accepting_proposals


@rules.predicate
def voting_is_open(user: Any, process: BudgetProcess) -> bool:
    return process.is_published and process.is_voting_open


@rules.predicate
def assisted_voting_is_on(user: Any, process: BudgetProcess) -> bool:
    return bool(process.assisted_voting)


@rules.predicate
def voting_has_closed(user: Any, process: BudgetProcess) -> bool:
    return process.phase_reached(Phase.RESULTS)


@rules.predicate
def results_are_published(user: Any, process: BudgetProcess) -> bool:
    return process.is_published and process.has_results


@rules.predicate
def paper_entry_is_open(user: Any, process: BudgetProcess) -> bool:
    """Ballot sheets are entered from the day voting opens until the results are out."""
    return process.phase_reached(Phase.VOTING) and not process.has_results


@rules.predicate
def is_proposer(user: Any, proposal: Proposal) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and proposal.author_id == user.pk


@rules.predicate
def proposal_is_public(user: Any, proposal: Proposal) -> bool:
    return proposal.process.is_published and not proposal.is_hidden


@rules.predicate
def proposal_is_adjustable(user: Any, proposal: Proposal) -> bool:
    """Editable until the proposal phase closes; adjustable while it is being vetted; never
    once the municipality has accepted it for the ballot."""
    phase = proposal.process.current_phase
    if proposal.status in (
        ProposalStatus.MERGED,
        ProposalStatus.REJECTED,
        ProposalStatus.ACCEPTED,
    ):
        return False
    if phase == Phase.PROPOSALS:
        return True
    return phase == Phase.VETTING and proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.IN_VETTING,
    )


@rules.predicate
def in_vetting_phase(user: Any, proposal: Proposal) -> bool:
    return proposal.process.current_phase in (Phase.PROPOSALS, Phase.VETTING)


@rules.predicate
def works_in_routed_department(user: Any, proposal: Proposal) -> bool:
    vetting = getattr(proposal, "vetting", None)
    return (
        has_role(user, "employee")
        and vetting is not None
        and vetting.department_id is not None
        and vetting.department_id == user.department_id
    )


@rules.predicate
def is_implementation_contact(user: Any, proposal: Proposal) -> bool:
    implementation = getattr(proposal, "implementation", None)
    return (
        bool(getattr(user, "is_authenticated", False))
        and implementation is not None
        and implementation.contact_id == user.pk
    )


@rules.predicate
def has_implementation(user: Any, proposal: Proposal) -> bool:
    return getattr(proposal, "implementation", None) is not None


@rules.predicate
def is_project_group_member(user: Any, proposal: Proposal) -> bool:
    """A member of the citizen group that runs the project (samskab.projects)."""
    project = getattr(getattr(proposal, "implementation", None), "project", None)
    return project is not None and organisation_selectors.is_member(
        organisation=project.group, user=user
    )


can_vet = is_secretariat | works_in_routed_department

# Processes
rules.add_perm("budgets.view_process", process_is_published | is_employee)
rules.add_perm("budgets.manage_process", is_secretariat)
rules.add_perm("budgets.create_proposal", is_logged_in & accepts_proposals)
rules.add_perm("budgets.vote", is_logged_in & voting_is_open)
rules.add_perm("budgets.assist_vote", is_citizen_service & assisted_voting_is_on & voting_is_open)
rules.add_perm("budgets.view_assisted_ballots", is_secretariat)
rules.add_perm("budgets.manage_voting_meetings", is_secretariat)
rules.add_perm(
    "budgets.enter_paper_ballots", (is_secretariat | is_citizen_service) & paper_entry_is_open
)
rules.add_perm("budgets.resolve_paper_ballots", is_secretariat & paper_entry_is_open)
rules.add_perm("budgets.view_vetting_queue", is_employee)
rules.add_perm("budgets.view_results", results_are_published | is_secretariat)
# The ballots themselves: for nobody, staff included, before the results are published
# (and published results close voting for good).
rules.add_perm("budgets.download_ballots", results_are_published)
rules.add_perm("budgets.compute_results", is_secretariat & voting_has_closed)

# Proposals
rules.add_perm("budgets.see_proposal", proposal_is_public | is_proposer | is_employee)
rules.add_perm("budgets.edit_proposal", is_proposer & proposal_is_adjustable)
rules.add_perm("budgets.route_proposal", is_secretariat & in_vetting_phase)
rules.add_perm("budgets.vet_proposal", can_vet & in_vetting_phase)
rules.add_perm("budgets.request_merge", can_vet & in_vetting_phase)
rules.add_perm("budgets.answer_vetting", (is_proposer | can_vet) & in_vetting_phase)
rules.add_perm(
    "budgets.manage_implementation",
    has_implementation & (is_secretariat | is_implementation_contact),
)
rules.add_perm(
    "budgets.manage_milestones",
    has_implementation & (is_secretariat | is_implementation_contact | is_project_group_member),
)
rules.add_perm(
    "budgets.post_implementation_update",
    has_implementation
    & (is_secretariat | is_implementation_contact | is_proposer | is_project_group_member),
)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    """The rule itself. Unlike ``user.has_perm`` it does not wave superusers through, so
    phases bind administrators too (nobody votes after voting closes)."""
    return bool(rules.has_perm(permission, user, obj))
