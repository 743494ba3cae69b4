"""The citizen budgets' part of data export, erasure and retention (samskab.accounts.privacy).

A ballot is linked to its voter only through ``voter_key`` (the keyed hash of the CPR
number). The link is needed while voting is open (one ballot per person, changing one's
ballot) and to tell voters that the results are out; after that it is cut: the key is
replaced by a token that identifies nobody, and the ballot stays counted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat

from samskab.accounts.models import User
from samskab.budgets.models import Ballot, ImplementationUpdate, Proposal, VettingMessage

UNLINKED_PREFIX = "unlinked-"


def _unlink(ballots: QuerySet[Ballot]) -> int:
    # The ballot's own id keeps the (process, voter_key) constraint satisfied.
    return ballots.update(
        voter_key=Concat(Value(UNLINKED_PREFIX), Cast("pk", output_field=CharField()))
    )


def _linked_after_results() -> QuerySet[Ballot]:
    return Ballot.objects.filter(process__results_published_at__isnull=False).exclude(
        voter_key__startswith=UNLINKED_PREFIX
    )


def budgets_export(user: User) -> dict[str, Any]:
    """The person's proposals, messages, implementation updates and ballots."""
    proposals = Proposal.objects.filter(author=user).select_related("process", "budget_area")
    ballots = (
        Ballot.objects.filter(voter_key=user.person_key).select_related("process")
        if user.person_key
        else Ballot.objects.none()
    ).prefetch_related("choices__proposal")
    return {
        "proposals": [
            {
                "process": proposal.process.title,
                "title": proposal.title,
                "description": proposal.description,
                "estimated_cost": proposal.estimated_cost,
                "status": proposal.status,
            }
            for proposal in proposals
        ],
        "messages": [
            {
                "proposal": message.proposal.title,
                "at": message.created_at.isoformat(),
                "body": message.body,
            }
            for message in VettingMessage.objects.filter(author=user).select_related("proposal")
        ],
        "implementation_updates": [
            {"at": update.created_at.isoformat(), "body": update.body}
            for update in ImplementationUpdate.objects.filter(author=user)
        ],
        "ballots": [
            {
                "process": ballot.process.title,
                "cast_at": ballot.cast_at.isoformat(),
                "receipt_code": ballot.receipt_code,
                "choices": [
                    {"project": choice.proposal.title, "value": choice.value}
                    for choice in ballot.choices.all()
                ],
            }
            for ballot in ballots
        ],
    }


def budgets_erase(user: User) -> None:
    """Cut the link between the person and their ballots where results are out.

    Ballots in processes still voting keep the key until the results are published (the
    retention job then cuts it): otherwise the same person could log in again with MitID
    and vote twice. Proposals and updates stay, shown as by a deleted user.
    """
    if user.person_key:
        _unlink(_linked_after_results().filter(voter_key=user.person_key))


def budgets_retention(now: Any) -> int:
    """Cut the voter link of every ballot in a process whose results are published."""
    return _unlink(_linked_after_results())
