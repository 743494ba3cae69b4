"""Reads that bring the apps together: "My overview" after login, and what is happening now
on the home page. Everything comes from the apps' own selectors, so each app's visibility
rules apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samskab.accounts.permissions import has_role
from samskab.budgets import selectors as budgets
from samskab.budgets.models import BudgetProcess, Proposal
from samskab.ideas import selectors as ideas
from samskab.ideas.models import Decision, Idea
from samskab.learning import selectors as learning
from samskab.learning.models import Action, LearningReport
from samskab.learning.models import Status as ReportStatus
from samskab.meetings import selectors as meetings
from samskab.meetings.models import Meeting, Registration

UPCOMING_MEETINGS = 5
QUEUE_ITEMS = 20


@dataclass
class MyOverview:
    """What one person has going on: their own contributions, and for staff their work."""

    ideas: list[Idea]
    proposals: list[Proposal]
    voted_in: list[BudgetProcess]
    meetings: list[Registration]
    # Staff only; empty for residents.
    idea_queue: list[Idea] = field(default_factory=list)
    screening: list[Idea] = field(default_factory=list)
    overdue_ideas: list[Idea] = field(default_factory=list)
    learning_inbox: list[LearningReport] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def is_staff_view(self) -> bool:
        return bool(
            self.idea_queue
            or self.screening
            or self.overdue_ideas
            or self.learning_inbox
            or self.actions
        )


def my_overview(user: Any) -> MyOverview:
    overview = MyOverview(
        ideas=list(ideas.ideas_by_author(user)),
        proposals=budgets.proposals_by_author(user),
        voted_in=budgets.processes_voted_in(user),
        meetings=meetings.my_meetings(user),
    )
    if has_role(user, "manager"):
        overview.idea_queue = list(ideas.manager_queue(user)[:QUEUE_ITEMS])
    if has_role(user, "secretariat"):
        overview.screening = list(ideas.screening_queue()[:QUEUE_ITEMS])
        overview.overdue_ideas = list(ideas.overdue_ideas()[:QUEUE_ITEMS])
    if has_role(user, "employee"):
        overview.learning_inbox = [
            report for report in learning.inbox(user=user) if report.status == ReportStatus.RECEIVED
        ][:QUEUE_ITEMS]
        overview.actions = [
            action for action in learning.actions_owned(user=user) if action.done_on is None
        ][:QUEUE_ITEMS]
    return overview


@dataclass(frozen=True)
class HappeningNow:
    open_votes: list[BudgetProcess]
    upcoming_meetings: list[Meeting]
    latest_answers: list[Decision]


def happening_now(user: Any) -> HappeningNow:
    """Open votes, the next meetings and the newest answers to ideas that ``user`` may see."""
    return HappeningNow(
        open_votes=budgets.open_votes(),
        upcoming_meetings=list(meetings.meeting_list(user=user)[:UPCOMING_MEETINGS]),
        latest_answers=ideas.latest_answers(user),
    )
