"""The citizen budgets' part of data export, erasure and retention (samskab.accounts.privacy).

A ballot is linked to its voter only through ``voter_key`` (the keyed hash of the CPR
number). The link is needed while voting is open (one ballot per person, changing one's
ballot) and to tell voters that the results are out; after that it is cut: the key is
replaced by a token that identifies nobody, and the ballot stays counted. A person's two
ballots in a process (municipality-wide and local) get the same token, the id of the
first of them, so that turnout still counts that person once.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat

from samskab.accounts.models import User
from samskab.budgets.models import Ballot, ImplementationUpdate, Proposal, VettingMessage

UNLINKED_PREFIX = "unlinked-"


def _unlink(ballots: QuerySet[Ballot]) -> int:
    """Replace the person key of ``ballots`` with a token: the id of the person's first
    ballot in the process. First the second ballots take their first ballot's id (read
    while that one is still keyed, and left alone by this statement), then every ballot
    left takes its own; each statement is correct whatever order the rows are updated in.
    The (process, scope, voter_key) constraint holds: the two ballots differ in scope."""
    earlier = Ballot.objects.filter(
        process=OuterRef("process"), voter_key=OuterRef("voter_key"), pk__lt=OuterRef("pk")
    ).order_by("pk")
    # Paper ballots have no person key (""), so they are never a person's second ballot.
    seconds = (
        ballots.exclude(voter_key="")
        .filter(Exists(earlier))
        .update(
            voter_key=Concat(
                Value(UNLINKED_PREFIX),
                Cast(Subquery(earlier.values("pk")[:1]), output_field=CharField()),
            )
        )
    )
    firsts = ballots.exclude(voter_key__startswith=UNLINKED_PREFIX).update(
        voter_key=Concat(Value(UNLINKED_PREFIX), Cast("pk", output_field=CharField()))
    )
    return seconds + firsts


def _linked_after_results() -> QuerySet[Ballot]:
    return Ballot.objects.filter(process__results_published_at__isnull=False).exclude(
        voter_key__startswith=UNLINKED_PREFIX
    )


def budgets_export(user: User) -> dict[str, Any]:
    """The person's proposals, messages, implementation updates and ballots."""
    proposals = Proposal.objects.filter(author=user).select_related("process", "budget_area")
    ballots = (
        Ballot.objects.filter(voter_key=user.person_key).select_related(
            "process", "budget_area__area"
        )
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
                "budget": ballot.budget_area.area.name,
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
