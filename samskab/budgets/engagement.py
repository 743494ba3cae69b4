"""Support, comments and abuse reports on proposals, through the shared engagement app.

Used only when ``samskab.engagement`` is installed; without it the proposal page simply has
no panel.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps


def is_available() -> bool:
    return apps.is_installed("samskab.engagement")


def _can_view(user: Any, proposal: Any) -> bool:
    from samskab.budgets.permissions import can

    return can(user, "budgets.see_proposal", proposal)


def _can_engage(user: Any, proposal: Any) -> bool:
    # Supporters and comments are for proposals that are still in play.
    return (
        _can_view(user, proposal)
        and not proposal.is_hidden
        and proposal.status not in ("merged", "rejected")
        and not proposal.process.has_results
    )


def register_proposals() -> None:
    if not is_available():
        return
    from samskab.budgets.models import Proposal
    from samskab.budgets.services import proposal_hide
    from samskab.engagement.registry import register

    register(Proposal, can_view=_can_view, can_engage=_can_engage, hide=proposal_hide)


def panel_for(proposal: Any, user: Any, next_url: str) -> Any:
    """The engagement panel for the proposal page, or ``None`` without the engagement app."""
    if not is_available():
        return None
    from samskab.engagement.selectors import engagement_panel

    return engagement_panel(target=proposal, user=user, next_url=next_url)
