"""Who may do what with surveys: the role table combined with the survey's state.

- Published surveys and their results are public, as long as what they are about may be
  seen (a survey about a planned experiment is as internal as the experiment); drafts are
  seen only by their stewards.
- The *stewards* of a survey are the secretariat, the person who created it and the
  owner or contact of what it is about (the plan's contact, the meeting's organiser, the
  experiment's owner, the idea's responsible manager). They edit it and its questions and
  see the free-text answers.
- Employees create surveys (about something they own or look after; the secretariat about
  anything or nothing).
- Answering is decided by the survey's dates and audience (see ``selectors.answer_problems``),
  not by role, so that the reason can be shown.
"""

from __future__ import annotations

from typing import Any

import rules

from samskab.accounts.permissions import is_employee, is_secretariat
from samskab.engagement.registry import engageable, label_of
from samskab.surveys.models import Survey


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


def subject_steward_id(survey: Survey) -> int | None:
    """The user who looks after what the survey is about, if anyone."""
    if survey.plan_id is not None:
        return survey.plan.contact_id if survey.plan else None
    if survey.meeting_id is not None:
        return survey.meeting.organiser_id if survey.meeting else None
    if survey.experiment_id is not None:
        return survey.experiment.owner_id if survey.experiment else None
    if survey.idea_id is not None:
        return survey.idea.responsible_id if survey.idea else None
    return None


@rules.predicate
def is_steward(user: Any, survey: Survey | None) -> bool:
    if survey is None or not _logged_in(user):
        return False
    if is_secretariat(user):
        return True
    return user.pk in (survey.created_by_id, subject_steward_id(survey))


@rules.predicate
def is_published(user: Any, survey: Survey | None) -> bool:
    return survey is not None and survey.is_published


@rules.predicate
def can_see_subject(user: Any, survey: Survey | None) -> bool:
    """Whether ``user`` may see what the survey is about (by that app's own rule)."""
    if survey is None:
        return False
    subject = survey.subject
    if subject is None:
        return True
    registration = engageable(label_of(subject))
    return registration is None or bool(registration.can_view(user, subject))


rules.add_perm("surveys.see_survey", (is_published & can_see_subject) | is_steward)
rules.add_perm("surveys.create_survey", is_employee)
rules.add_perm("surveys.edit_survey", is_steward)
rules.add_perm("surveys.view_free_text", is_steward)
