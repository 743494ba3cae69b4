"""Writes for results and implementation. One function, one transaction."""

from __future__ import annotations

import datetime
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.budgets import results, selectors
from samskab.budgets.models import (
    BudgetProcess,
    Implementation,
    ImplementationStatus,
    ImplementationUpdate,
    Milestone,
    Phase,
    Result,
)
from samskab.budgets.services import proposal_followers_notify
from samskab.core.audit import audit_record
from samskab.core.notifications import notify
from samskab.follows.services import followers_notify


@transaction.atomic
def results_publish(*, process: BudgetProcess, actor: User | None = None) -> list[Result]:
    """Compute every area's winners with the PB engine and publish them.

    Only after voting has closed. Computing again gives the same result (the ballots cannot
    change any more), so running the command twice is harmless. Winners get an
    implementation record; proposers and voters with an account are told.
    """
    process = BudgetProcess.objects.select_for_update().get(pk=process.pk)
    if not process.phase_reached(Phase.RESULTS):
        raise ValidationError(_("Results can only be computed after voting has closed."))
    from samskab.budgets.paper import (
        tally_ballots,
        tally_voters,
        unaccounted_sheets,
        unconfirmed_tallies,
        unfinished_sheets,
    )

    waiting = unfinished_sheets(process)
    if waiting:
        raise ValidationError(
            _(
                "Some ballot sheets (%(count)d) are entered only once or have two entries "
                "that differ. Finish them on the paper ballot page before the results are "
                "computed."
            )
            % {"count": len(waiting)}
        )
    for row in unaccounted_sheets(process):
        if row.voting_meeting.voters_admitted is None:
            raise ValidationError(
                _(
                    "The ballot account of %(meeting)s is missing: write how many voters "
                    "were let in on the paper ballot page before the results are computed."
                )
                % {"meeting": row.voting_meeting.meeting.title}
            )
        raise ValidationError(
            _(
                "%(meeting)s has %(sheets)d ballot sheets, but the staff let in %(admitted)d "
                "voters. Find out why before the results are computed: correct the number let "
                "in, or record the extra sheets as invalid with the reason."
            )
            % {
                "meeting": row.voting_meeting.meeting.title,
                "sheets": row.sheets,
                "admitted": row.voting_meeting.voters_admitted,
            }
        )
    unconfirmed = unconfirmed_tallies(process)
    if unconfirmed:
        raise ValidationError(
            _(
                "Some tallies (%(count)d) are entered by one person only. Another person must "
                "enter each of them again on the paper ballot page before the results are "
                "computed."
            )
            % {"count": len(unconfirmed)}
        )
    first_time = process.results_published_at is None
    stored = []
    for budget_area in selectors.budget_areas_of(process):
        proposals = selectors.ballot_proposals(budget_area)
        # Tallies count as one-project votes (the rule is then greedy, see paper.py).
        ballots = selectors.stored_ballots(budget_area)
        tallied = tally_ballots(budget_area)
        outcome = results.compute_area(process, budget_area, proposals, ballots + tallied)
        result, _created = Result.objects.update_or_create(
            budget_area=budget_area,
            defaults={
                "rule": process.result_rule,
                "selected_ids": outcome.selected,
                "total_cost": outcome.total_cost,
                "num_ballots": len(ballots) + (tally_voters(budget_area) if tallied else 0),
                "outcome": outcome.outcome,
                "pabulib": outcome.pabulib,
                "verified": outcome.verified,
                "computed_at": timezone.now(),
                "computed_by": actor,
            },
        )
        stored.append(result)
        for proposal in proposals:
            if proposal.pk in outcome.selected:
                Implementation.objects.get_or_create(
                    proposal=proposal, defaults={"amount_granted": proposal.ballot_cost}
                )
    process.results_published_at = timezone.now()
    process.save(update_fields=["results_published_at"])
    audit_record(actor=actor, action="publish_results", obj=process)
    if first_time:
        _notify_results(process)
    return stored


def _notify_results(process: BudgetProcess) -> None:
    # Paper ballots have no person key.
    keys = process.ballots.exclude(voter_key="").values_list("voter_key", flat=True)
    proposers = User.objects.filter(budget_proposals__process=process)
    voters = User.objects.filter(person_key__in=keys)
    for user in (proposers | voters).distinct():
        notify(
            recipient=user,
            subject=cast(str, gettext_lazy("The results of the citizen budget are out")),
            template="budgets/email/results.txt",
            context={"process": process},
        )


@transaction.atomic
def implementation_save(
    *,
    actor: User,
    implementation: Implementation,
    citizen_group: str,
    contact: User | None,
    amount_granted: int,
    amount_spent: int,
    status: str,
    cancel_reason: str,
) -> Implementation:
    if status == ImplementationStatus.CANCELLED and not cancel_reason.strip():
        raise ValidationError({"cancel_reason": _("Explain why the project was cancelled.")})
    before = implementation.status
    implementation.citizen_group = citizen_group.strip()
    implementation.contact = contact
    implementation.amount_granted = amount_granted
    implementation.amount_spent = amount_spent
    implementation.status = status
    implementation.cancel_reason = (
        cancel_reason.strip() if status == ImplementationStatus.CANCELLED else ""
    )
    implementation.save()
    if before != status:
        proposal = implementation.proposal
        notify(
            recipient=proposal.author,
            subject=cast(str, gettext_lazy("News about your project")),
            template="budgets/email/proposal.txt",
            context={
                "proposal": proposal,
                "message": _("The project's status is now: %(status)s.")
                % {"status": implementation.get_status_display()},
            },
        )
        with translation.override(settings.LANGUAGE_CODE):
            status_text = _("The project's status is now: %(status)s.") % {
                "status": implementation.get_status_display()
            }
        proposal_followers_notify(proposal, actor_id=actor.pk, status_text=status_text)
        project_followers_notify(implementation, actor_id=actor.pk, text=status_text)
    audit_record(actor=actor, action="change", obj=implementation, detail={"status": status})
    return implementation


@transaction.atomic
def milestone_add(
    *, actor: User, implementation: Implementation, title: str, due: datetime.date
) -> Milestone:
    if not title.strip():
        raise ValidationError({"title": _("Name the milestone.")})
    milestone = Milestone.objects.create(
        implementation=implementation, title=title.strip(), due=due
    )
    audit_record(actor=actor, action="add_milestone", obj=implementation)
    return milestone


@transaction.atomic
def milestone_mark_done(*, actor: User, milestone: Milestone, done_on: datetime.date) -> Milestone:
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_record(actor=actor, action="milestone_done", obj=milestone.implementation)
    return milestone


@transaction.atomic
def implementation_post_update(
    *,
    author: User,
    implementation: Implementation,
    body: str,
    image: UploadedFile | None = None,
    image_description: str = "",
) -> ImplementationUpdate:
    if not body.strip():
        raise ValidationError({"body": _("Write the update first.")})
    if image and not image_description.strip():
        raise ValidationError({"image_description": _("Describe what the photo shows.")})
    update = ImplementationUpdate(
        implementation=implementation,
        author=author,
        body=body.strip(),
        image_description=image_description.strip() if image else "",
    )
    if image:
        update.image = image
    update.save()
    project_followers_notify(implementation, actor_id=author.pk, text=update.body)
    return update


def project_followers_notify(
    implementation: Implementation, *, actor_id: int | None, text: str
) -> int:
    """Tell the followers of a project's public page about news (a new status or a public
    update), after the commit; not the person who wrote it."""
    proposal = implementation.proposal
    if proposal.is_hidden:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(
            format_lazy(gettext_lazy("News about the project “{title}”"), title=proposal.title)
        )
    return followers_notify(target=implementation, subject=subject, text=text, exclude=(actor_id,))
