"""An idea decided "develop further in a workshop" gets a workshop here (an existing one
or a new one), and the workshop's outcome goes back to the idea, which then awaits a new
decision. Each function is one transaction; bad input raises ValidationError."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.core.notifications import notify
from samskab.ideas.models import Idea
from samskab.ideas.models import Status as IdeaStatus
from samskab.ideas.services import _subject
from samskab.ideas.services_realisations import idea_workshop_outcome_record
from samskab.meetings.models import IdeaWorkshop, Kind, Meeting
from samskab.meetings.services import MeetingData, meeting_create

WORKSHOP_KINDS = (Kind.WORKSHOP, Kind.IDEA_MEETING)


@transaction.atomic
def idea_workshop_link(*, idea: Idea, actor: User, meeting: Meeting) -> IdeaWorkshop:
    """Link an idea awaiting a workshop to a published, upcoming workshop (or idea meeting)
    and invite the idea's submitter to it. Until the outcome is recorded, the link can be
    moved to another workshop."""
    if idea.status != IdeaStatus.WORKSHOP:
        raise ValidationError(_("The idea is not waiting for a workshop."))
    if meeting.kind not in WORKSHOP_KINDS:
        raise ValidationError({"meeting": _("Choose a workshop or an idea meeting.")})
    if not meeting.is_published or meeting.starts_at <= timezone.now():
        raise ValidationError({"meeting": _("Choose a published meeting that has not started.")})
    workshop, created = IdeaWorkshop.objects.select_for_update().get_or_create(
        idea=idea,
        defaults={"meeting": meeting, "linked_by": actor, "linked_at": timezone.now()},
    )
    if not created:
        if workshop.outcome_recorded_at is not None:
            raise ValidationError(_("The outcome of the workshop has been recorded."))
        workshop.meeting = meeting
        workshop.linked_by = actor
        workshop.linked_at = timezone.now()
        workshop.save(update_fields=["meeting", "linked_by", "linked_at"])
    audit_record(actor=actor, action="idea_workshop_link", obj=idea, detail={"meeting": meeting.pk})
    notify(
        recipient=idea.author,
        subject=_subject(
            gettext_lazy("Your idea “{title}” will be developed at a workshop"), title=idea.title
        ),
        template="meetings/email/idea_workshop.txt",
        context={"idea": idea, "meeting": meeting},
    )
    return workshop


@transaction.atomic
def idea_workshop_create(*, idea: Idea, actor: User, data: MeetingData) -> IdeaWorkshop:
    """Create a new workshop for the idea (organised by ``actor``) and link it."""
    if idea.status != IdeaStatus.WORKSHOP:
        raise ValidationError(_("The idea is not waiting for a workshop."))
    if data.kind not in WORKSHOP_KINDS:
        raise ValidationError({"kind": _("Choose a workshop or an idea meeting.")})
    meeting = meeting_create(actor=actor, data=data)
    return idea_workshop_link(idea=idea, actor=actor, meeting=meeting)


@transaction.atomic
def idea_workshop_outcome(*, workshop: IdeaWorkshop, actor: User, outcome: str) -> IdeaWorkshop:
    """Record what the workshop came to. The idea then awaits a new decision."""
    if workshop.outcome_recorded_at is not None:
        raise ValidationError(_("The outcome of the workshop has been recorded."))
    idea_workshop_outcome_record(idea=workshop.idea, actor=actor, outcome=outcome)
    workshop.outcome = outcome.strip()
    workshop.outcome_recorded_at = timezone.now()
    workshop.save(update_fields=["outcome", "outcome_recorded_at"])
    return workshop
