"""The ideas' part of data export (samskab.accounts.privacy).

Ideas are contributions: when an account is erased they stay, shown as by a deleted user,
so ideas have no eraser of their own.
"""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.ideas.models import Idea


def ideas_export(user: User) -> dict[str, Any]:
    """The ideas the person submitted, with the answer they got."""
    ideas = Idea.objects.filter(author=user).select_related("area", "theme").order_by("pk")
    return {
        "ideas": [
            {
                "title": idea.title,
                "problem": idea.problem,
                "idea": idea.description,
                "who_benefits": idea.beneficiaries,
                "area": idea.area.name,
                "theme": idea.theme.name,
                "status": idea.status,
                "submitted_at": idea.submitted_at.isoformat(),
                "answer": idea.answer,
            }
            for idea in ideas
        ]
    }
