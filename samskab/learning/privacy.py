"""Learning reports in the person's data export and erasure (samskab.accounts.privacy).

Anonymous reports are not linked to anyone (the database enforces it), so they are in no
one's export. A named report stays after erasure as a contribution, without the name; a
learning coordinator's appointment is removed with the account.
"""

from __future__ import annotations

from typing import Any

from samskab.accounts.models import User
from samskab.learning.models import Comment, LearningCoordinator, LearningReport, RelevanceMark


def learning_export(user: User) -> dict[str, Any]:
    return {
        "reports": [
            {
                "title": report.title,
                "what_happened": report.what_happened,
                "department": report.department.name,
                "submitted_on": report.submitted_on.isoformat(),
                "status": report.status,
            }
            for report in LearningReport.objects.filter(reporter=user).select_related("department")
        ],
        "comments": [
            {"at": comment.created_at.isoformat(), "comment": comment.body}
            for comment in Comment.objects.filter(author=user)
        ],
        "marked_relevant": RelevanceMark.objects.filter(user=user).count(),
        "learning_coordinator_for": [
            row.department.name
            for row in LearningCoordinator.objects.filter(user=user).select_related("department")
        ],
    }


def learning_erase(user: User) -> None:
    LearningCoordinator.objects.filter(user=user).delete()
