"""Citizen projects' part of data export (see samskab.accounts.privacy).

Expenses and payout requests are the group's accounts and stay after an erasure (shown as
by a deleted user), as the municipality must keep its payment records. Documents belong to
the group and stay too.
"""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.projects.models import Document, Expense, Payout, Volunteer


def projects_export(user: User) -> dict[str, Any]:
    return {
        "expenses": [
            {
                "project": str(expense.project),
                "description": expense.description,
                "amount": expense.amount,
                "spent_on": expense.spent_on.isoformat(),
            }
            for expense in Expense.objects.filter(added_by=user).select_related(
                "project__implementation__proposal"
            )
        ],
        "payout_requests": [
            {
                "project": str(payout.project),
                "amount": payout.amount,
                "status": payout.status,
                "at": payout.requested_at.isoformat(),
            }
            for payout in Payout.objects.filter(requested_by=user).select_related(
                "project__implementation__proposal"
            )
        ],
        "documents": [
            {
                "project": str(document.project),
                "title": document.title,
                "file": document.name,
                "public": document.is_public,
                "at": document.created_at.isoformat(),
            }
            for document in Document.objects.filter(added_by=user).select_related(
                "project__implementation__proposal"
            )
        ],
        "volunteering": [
            {"project": str(volunteer.project), "note": volunteer.note}
            for volunteer in Volunteer.objects.filter(user=user).select_related(
                "project__implementation__proposal"
            )
        ],
    }


def projects_erase(user: User) -> None:
    """Sign-ups as a volunteer go; expenses and payouts stay (payment records)."""
    Volunteer.objects.filter(user=user).delete()
