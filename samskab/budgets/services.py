"""Writes for processes, proposals and vetting. One function, one transaction.

Voting lives in ``voting.py``; results and implementation in ``services_results.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import Role, User
from samskab.budgets.ballots import proposer_problems, voter_from_user
from samskab.budgets.models import (
    PHASE_ORDER,
    BudgetArea,
    BudgetProcess,
    CostLine,
    Decision,
    MergeRequest,
    Phase,
    Proposal,
    ProposalStatus,
    Vetting,
    VettingMessage,
)
from samskab.core.audit import audit_record
from samskab.core.formatting import format_kroner
from samskab.core.models import Area, Department
from samskab.core.notifications import notify
from samskab.follows.services import follow_add, followers_notify
from samskab.meetings.goals import goal_error
from samskab.meetings.models import Goal
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.models import Organisation

PROCESS_FIELDS = (
    "title",
    "slug",
    "description",
    "is_published",
    "information_starts",
    "proposals_start",
    "vetting_start",
    "voting_start",
    "results_start",
    "implementation_start",
    "min_age",
    "residency",
    "proposer_min_age",
    "proposer_residency",
    "ballot_type",
    "min_projects",
    "max_projects",
    "points_total",
    "rank_count",
    "result_rule",
    "max_project_cost",
    "allow_ballot_change",
    "assisted_voting",
)


# The ballot's rules: frozen from the moment voting opens (with the budget per area).
FROZEN_PROCESS_FIELDS = (
    "min_age",
    "residency",
    "ballot_type",
    "min_projects",
    "max_projects",
    "points_total",
    "rank_count",
    "result_rule",
    "max_project_cost",
    "allow_ballot_change",
    # Switching the desk on during the vote would open a new way to cast ballots mid-vote;
    # switching it off would shut one. Either is decided before voting opens.
    "assisted_voting",
)


def rules_version_bump(process_id: int) -> None:
    """Count a change to the ballot's fixed parts (rules, areas, proposals on the ballot).

    Anything that caches those parts (per worker, at the voting peak) keys the cache by
    ``BudgetProcess.rules_version``.
    """
    BudgetProcess.objects.filter(pk=process_id).update(rules_version=F("rules_version") + 1)


def phase_index(phase: str | None) -> int:
    return -1 if phase is None else PHASE_ORDER.index(phase)


def _frozen_error() -> ValidationError:
    return ValidationError(
        _(
            "Voting has opened, so the ballot's rules, budgets and proposals can no longer "
            "be changed."
        )
    )


def _check_frozen_process(
    before: BudgetProcess, after: BudgetProcess, areas: Sequence[tuple[Area, int]]
) -> None:
    if not before.rules_frozen:
        return
    changed = [
        name for name in FROZEN_PROCESS_FIELDS if getattr(before, name) != getattr(after, name)
    ]
    current = {ba.area_id: ba.budget for ba in before.areas.all()}
    if changed or current != {area.pk: budget for area, budget in areas}:
        raise _frozen_error()


def _check_process(process: BudgetProcess, areas: Sequence[tuple[Area, int]]) -> None:
    errors: dict[str, list[str]] = {}
    dates = [
        process.information_starts,
        process.proposals_start,
        process.vetting_start,
        process.voting_start,
        process.results_start,
        process.implementation_start,
    ]
    if any(later < earlier for earlier, later in zip(dates, dates[1:], strict=False)):
        errors.setdefault("__all__", []).append(
            _("The phases must start in order, one after another.")
        )
    if process.voting_start >= process.results_start:
        errors.setdefault("results_start", []).append(
            _("Voting must be open for at least one day.")
        )
    if process.min_projects > process.max_projects:
        errors.setdefault("max_projects", []).append(
            _("The maximum cannot be smaller than the minimum.")
        )
    if process.min_projects < 1:
        errors.setdefault("min_projects", []).append(_("Voters must choose at least one project."))
    if process.points_total < 1:
        errors.setdefault("points_total", []).append(_("Give voters at least one point."))
    if process.rank_count < 1:
        errors.setdefault("rank_count", []).append(_("Voters must rank at least one project."))
    if not areas:
        errors.setdefault("__all__", []).append(_("Give at least one area a budget."))
    seen = [area.pk for area, _budget in areas]
    if len(seen) != len(set(seen)):
        errors.setdefault("__all__", []).append(_("Each area can only have one budget."))
    if any(budget <= 0 for _area, budget in areas):
        errors.setdefault("__all__", []).append(_("Every budget must be more than 0 kr."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def process_save(
    *,
    actor: User,
    process: BudgetProcess | None = None,
    areas: Sequence[tuple[Area, int]],
    **values: Any,
) -> BudgetProcess:
    """Create a process (``process=None``) or change one, with its budget per area."""
    unknown = set(values) - set(PROCESS_FIELDS)
    if unknown:
        raise TypeError(f"unknown process fields: {sorted(unknown)}")
    creating = process is None
    before = (
        None if process is None else BudgetProcess.objects.select_for_update().get(pk=process.pk)
    )
    target = process or BudgetProcess()
    for name, value in values.items():
        setattr(target, name, value)
    _check_process(target, areas)
    if before is not None:
        _check_frozen_process(before, target, areas)
        if phase_index(target.current_phase) < phase_index(before.current_phase):
            raise ValidationError(
                _(
                    "These dates would move the process back to an earlier phase. Phases can "
                    "only move forward."
                )
            )
    if before is not None:
        from samskab.budgets.paper import process_has_tally, tally_rule_problem

        problem = tally_rule_problem(target.ballot_type, target.result_rule)
        if problem and process_has_tally(target):
            raise ValidationError({"result_rule": problem})
    if BudgetProcess.objects.filter(slug=target.slug).exclude(pk=target.pk).exists():
        raise ValidationError({"slug": _("Another process already uses this address name.")})
    target.save()
    kept = []
    for area, budget in areas:
        budget_area, _created = BudgetArea.objects.update_or_create(
            process=target, area=area, defaults={"budget": budget}
        )
        kept.append(budget_area.pk)
    removed = target.areas.exclude(pk__in=kept)
    if removed.filter(proposals__isnull=False).exists():
        raise ValidationError(_("An area that already has proposals cannot be removed."))
    removed.delete()
    if not creating:
        rules_version_bump(target.pk)
        target.refresh_from_db(fields=["rules_version"])
    audit_record(actor=actor, action="create" if creating else "change", obj=target)
    return target


@transaction.atomic
def process_set_phase(
    *, actor: User, process: BudgetProcess, phase: str, reason: str = ""
) -> BudgetProcess:
    """Move the process to ``phase`` by hand, or let it follow the dates again (``""``).

    Phases only move forward. The one way back is reopening voting from the results phase
    before results are published: a recorded decision with a reason. Voter links are kept
    until results are published, so a reopened vote still allows one ballot per person.
    """
    if phase and phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase.")})
    locked = BudgetProcess.objects.select_for_update().get(pk=process.pk)
    before = locked.current_phase
    locked.phase_override = phase
    # What was asked for, before published results clamp it (``current_phase``).
    after = phase or locked.phase_on(timezone.localdate())
    reopening = False
    if phase_index(after) < phase_index(before):
        if locked.has_results:
            raise ValidationError(
                {"phase": _("The results are published, so voting cannot be reopened.")}
            )
        if before != Phase.RESULTS or after != Phase.VOTING:
            raise ValidationError(
                {"phase": _("Phases can only move forward, never back to an earlier phase.")}
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Give a reason for reopening voting.")})
        reopening = True
    locked.save(update_fields=["phase_override"])
    process.phase_override = phase
    detail: dict[str, Any] = {"phase": phase, "from": before or ""}
    if reopening:
        detail["reason"] = reason.strip()
    audit_record(
        actor=actor, action="reopen_voting" if reopening else "set_phase", obj=locked, detail=detail
    )
    process_notify_voting_opened(process=locked)
    return process


@transaction.atomic
def process_notify_voting_opened(*, process: BudgetProcess) -> int:
    """Tell residents once that voting has opened. Returns how many were told."""
    locked = BudgetProcess.objects.select_for_update().get(pk=process.pk)
    if not locked.is_voting_open or not locked.is_published or locked.voting_opened_notified_at:
        return 0
    locked.voting_opened_notified_at = timezone.now()
    locked.save(update_fields=["voting_opened_notified_at"])
    sent = 0
    residents = User.objects.filter(
        is_active=True, role=Role.RESIDENT, is_verified=True, email_notifications=True
    )
    for user in residents.iterator():
        sent += notify(
            recipient=user,
            subject=cast(str, gettext_lazy("Voting has opened in the citizen budget")),
            template="budgets/email/voting_opened.txt",
            context={"process": locked},
        )
    return sent


@dataclass(frozen=True)
class ProposalInput:
    budget_area: BudgetArea
    title: str
    description: str
    category: str
    carried_out_by: str
    carried_out_by_name: str
    cost_lines: Sequence[tuple[str, int]]
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    image: UploadedFile | None = None
    image_description: str = ""
    remove_image: bool = False
    organisation: Organisation | None = None
    plan_goal: Goal | None = None


def _check_plan_goal(proposal: Proposal, data: ProposalInput) -> None:
    """The goal must be open, in a published plan of the proposal's area (or any area's,
    for the municipality as a whole); a goal already chosen is kept if closed since."""
    problem = goal_error(data.plan_goal, data.budget_area.area, current_id=proposal.plan_goal_id)
    if problem:
        raise ValidationError({"plan_goal": problem})


def _check_proposal(process: BudgetProcess, data: ProposalInput) -> int:
    errors: dict[str, list[str]] = {}
    if data.budget_area.process_id != process.pk:
        errors["budget_area"] = [_("Choose one of the process's areas.")]
    if not data.cost_lines:
        errors["__all__"] = [_("Add at least one line to the cost breakdown.")]
    total = sum(amount for _what, amount in data.cost_lines)
    if total > process.max_project_cost:
        errors.setdefault("__all__", []).append(
            _(
                "The estimated cost is %(cost)s. That is more than the %(max)s a project "
                "may cost at most."
            )
            % {"cost": format_kroner(total), "max": format_kroner(process.max_project_cost)}
        )
    if (data.latitude is None) != (data.longitude is None):
        errors["longitude"] = [_("Give both latitude and longitude, or neither.")]
    if data.image and not data.image_description.strip():
        errors["image_description"] = [_("Describe what the image shows.")]
    if errors:
        raise ValidationError(errors)
    return total


def _check_proposer(process: BudgetProcess, author: User, budget_area: BudgetArea) -> None:
    """The process's rules for proposers (age, where they live), like a voter's."""
    problems = proposer_problems(
        process, voter_from_user(author), [budget_area], timezone.localdate()
    )
    if problems:
        raise ValidationError(problems)


def _check_on_behalf(proposal: Proposal, author: User, data: ProposalInput) -> None:
    """A proposal is made on behalf of an organisation only by one of its current members
    (a proposal that already names it keeps it, even if its author has left since)."""
    organisation = data.organisation
    if organisation is None or organisation.pk == proposal.organisation_id:
        return
    if not organisation_selectors.is_member(organisation=organisation, user=author):
        message = _("You can only propose on behalf of an organisation you are a member of.")
        raise ValidationError({"organisation": message})


def _apply(proposal: Proposal, data: ProposalInput, total: int) -> None:
    _check_plan_goal(proposal, data)
    proposal.plan_goal = data.plan_goal
    proposal.organisation = data.organisation
    proposal.budget_area = data.budget_area
    proposal.title = data.title.strip()
    proposal.description = data.description.strip()
    proposal.category = data.category
    proposal.carried_out_by = data.carried_out_by
    proposal.carried_out_by_name = data.carried_out_by_name.strip()
    proposal.latitude = data.latitude
    proposal.longitude = data.longitude
    proposal.estimated_cost = total
    if data.remove_image and proposal.image:
        proposal.image.delete(save=False)
        proposal.image_description = ""
    if data.image:
        proposal.image = data.image
    if proposal.image:
        proposal.image_description = data.image_description.strip()


@transaction.atomic
def proposal_submit(*, author: User, process: BudgetProcess, data: ProposalInput) -> Proposal:
    """A resident proposes a project during the proposal phase."""
    if not process.is_accepting_proposals:
        raise ValidationError(_("The proposal phase is closed."))
    _check_proposer(process, author, data.budget_area)
    total = _check_proposal(process, data)
    proposal = Proposal(process=process, author=author)
    _check_on_behalf(proposal, author, data)
    _apply(proposal, data, total)
    proposal.save()
    CostLine.objects.bulk_create(
        CostLine(proposal=proposal, description=what, amount=amount)
        for what, amount in data.cost_lines
    )
    audit_record(actor=author, action="create", obj=proposal)
    follow_add(user=author, target=proposal)  # the author follows their proposal
    return proposal


@transaction.atomic
def proposal_update(*, actor: User, proposal: Proposal, data: ProposalInput) -> Proposal:
    """The proposer (or staff) changes the proposal (permission checked by the view).

    Once voting has opened nobody changes it. Once the municipality has accepted it for the
    ballot its proposer cannot change it any more; a change by staff before voting opens
    sends it back to vetting, so that what goes on the ballot is always what was vetted.
    """
    process = proposal.process
    if process.rules_frozen:
        raise _frozen_error()
    was_accepted = proposal.status == ProposalStatus.ACCEPTED
    if was_accepted and actor.pk == proposal.author_id:
        raise ValidationError(
            _(
                "The municipality has accepted the proposal for the ballot, so it can no "
                "longer be changed. Write to the caseworker if something is wrong."
            )
        )
    if data.budget_area.pk != proposal.budget_area_id:
        _check_proposer(process, proposal.author, data.budget_area)
    total = _check_proposal(process, data)
    _check_on_behalf(proposal, proposal.author, data)
    _apply(proposal, data, total)
    if was_accepted:
        proposal.status = ProposalStatus.IN_VETTING
        Vetting.objects.filter(proposal=proposal).update(decision=Decision.PENDING, decided_at=None)
        rules_version_bump(process.pk)
    proposal.save()
    if was_accepted:
        proposal_followers_notify(proposal, actor_id=actor.pk)
    proposal.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(proposal=proposal, description=what, amount=amount)
        for what, amount in data.cost_lines
    )
    audit_record(actor=actor, action="change", obj=proposal)
    return proposal


def _notify_proposer(proposal: Proposal, subject: Any, message: str) -> None:
    notify(
        recipient=proposal.author,
        subject=subject,
        template="budgets/email/proposal.txt",
        context={"proposal": proposal, "message": message},
    )


def proposal_followers_notify(
    proposal: Proposal, *, actor_id: int | None, status_text: str = "", message: str = ""
) -> None:
    """Tell the proposal's followers about a change of its status (after the commit). Not
    its author, who gets their own e-mail, nor the person who made the change."""
    if proposal.is_hidden:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = status_text or _("The proposal is now: %(status)s") % {
            "status": proposal.get_status_display()
        }
        subject = str(
            format_lazy(gettext_lazy("News about the proposal “{title}”"), title=proposal.title)
        )
    followers_notify(
        target=proposal,
        subject=subject,
        text=f"{text}\n\n{message}" if message else text,
        exclude=(proposal.author_id, actor_id),
    )


def _vetting(proposal: Proposal) -> Vetting:
    vetting, _created = Vetting.objects.get_or_create(proposal=proposal)
    return vetting


@transaction.atomic
def proposal_route(*, actor: User, proposal: Proposal, department: Department) -> Vetting:
    """The secretariat sends a proposal to the department that will vet it."""
    vetting = _vetting(proposal)
    vetting.department = department
    vetting.save(update_fields=["department"])
    if proposal.status == ProposalStatus.SUBMITTED:
        proposal.status = ProposalStatus.IN_VETTING
        proposal.save(update_fields=["status", "updated_at"])
        _notify_proposer(
            proposal,
            cast(str, gettext_lazy("Your proposal is being vetted")),
            _("Your proposal has been sent to %(department)s, who will assess it.")
            % {"department": department},
        )
        proposal_followers_notify(proposal, actor_id=actor.pk)
    audit_record(actor=actor, action="route", obj=proposal, detail={"department": department.pk})
    return vetting


@transaction.atomic
def proposal_vet(
    *,
    actor: User,
    proposal: Proposal,
    legal_feasibility: str,
    technical_feasibility: str,
    assessment: str,
    investment_cost: int | None,
    running_cost: int | None,
    decision: str,
    public_reason: str,
) -> Vetting:
    """The caseworker records the assessment and, when ready, the decision with a reason."""
    if proposal.process.rules_frozen:
        raise _frozen_error()
    errors: dict[str, list[str]] = {}
    if decision != Decision.PENDING and not public_reason.strip():
        errors["public_reason"] = [_("Explain the decision for the public.")]
    if decision == Decision.ACCEPTED:
        if investment_cost is None:
            errors["investment_cost"] = [
                _("Re-estimate the cost before the proposal goes to the vote.")
            ]
        elif investment_cost > proposal.process.max_project_cost:
            errors["investment_cost"] = [
                _("The cost is more than the %(max)s a project may cost at most.")
                % {"max": format_kroner(proposal.process.max_project_cost)}
            ]
        elif investment_cost > proposal.budget_area.budget:
            errors["investment_cost"] = [_("The cost is above the area's whole budget.")]
    if errors:
        raise ValidationError(errors)
    vetting = _vetting(proposal)
    before = vetting.decision
    vetting.caseworker = actor
    vetting.legal_feasibility = legal_feasibility
    vetting.technical_feasibility = technical_feasibility
    vetting.assessment = assessment.strip()
    vetting.investment_cost = investment_cost
    vetting.running_cost = running_cost
    vetting.decision = decision
    vetting.public_reason = public_reason.strip()
    vetting.decided_at = timezone.now() if decision != Decision.PENDING else None
    vetting.save()
    status = {
        Decision.ACCEPTED: ProposalStatus.ACCEPTED,
        Decision.REJECTED: ProposalStatus.REJECTED,
        Decision.PENDING: ProposalStatus.IN_VETTING,
    }[Decision(decision)]
    if proposal.status != status:
        proposal.status = status
        proposal.save(update_fields=["status", "updated_at"])
    rules_version_bump(proposal.process_id)
    if decision != before and decision != Decision.PENDING:
        _notify_proposer(
            proposal,
            cast(str, gettext_lazy("Your proposal has been decided")),
            _("Decision: %(decision)s.\n\n%(reason)s")
            % {"decision": vetting.get_decision_display(), "reason": vetting.public_reason},
        )
        proposal_followers_notify(proposal, actor_id=actor.pk, message=vetting.public_reason)
    audit_record(actor=actor, action="vet", obj=proposal, detail={"decision": decision})
    return vetting


@transaction.atomic
def vetting_message_add(*, author: User, proposal: Proposal, body: str) -> VettingMessage:
    """The proposer answers the caseworker, or the caseworker asks the proposer."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message first.")})
    message = VettingMessage.objects.create(proposal=proposal, author=author, body=body)
    if author.pk == proposal.author_id:
        vetting = getattr(proposal, "vetting", None)
        if vetting is not None and vetting.caseworker is not None:
            notify(
                recipient=vetting.caseworker,
                subject=cast(str, gettext_lazy("The proposer has answered")),
                template="budgets/email/proposal.txt",
                context={"proposal": proposal, "message": body},
            )
    else:
        _notify_proposer(proposal, cast(str, gettext_lazy("A question about your proposal")), body)
    return message


@transaction.atomic
def merge_request_create(
    *, actor: User, source: Proposal, target: Proposal, reason: str
) -> MergeRequest:
    """Suggest merging ``source`` into ``target``; both proposers are asked."""
    if source.pk == target.pk:
        raise ValidationError({"target": _("A proposal cannot be merged with itself.")})
    if source.budget_area_id != target.budget_area_id:
        raise ValidationError({"target": _("Only proposals in the same area can be merged.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why the proposals should be merged.")})
    if MergeRequest.objects.filter(source=source, status=MergeRequest.Status.PENDING).exists():
        raise ValidationError(_("This proposal already has a merge request waiting for an answer."))
    request = MergeRequest.objects.create(
        source=source, target=target, requested_by=actor, reason=reason.strip()
    )
    message = _("We suggest merging «%(source)s» into «%(target)s»: %(reason)s") % {
        "source": source.title,
        "target": target.title,
        "reason": request.reason,
    }
    for proposal in {source.author_id: source, target.author_id: target}.values():
        _notify_proposer(
            proposal, cast(str, gettext_lazy("Merge your proposal with a similar one?")), message
        )
    audit_record(actor=actor, action="merge_request", obj=source, detail={"target": target.pk})
    return request


@transaction.atomic
def merge_request_answer(*, user: User, request: MergeRequest, accept: bool) -> MergeRequest:
    """A proposer agrees or declines. Both agreeing merges ``source`` into ``target``."""
    request = MergeRequest.objects.select_for_update().get(pk=request.pk)
    if request.source.process.rules_frozen:
        raise _frozen_error()
    if request.status != MergeRequest.Status.PENDING:
        raise ValidationError(_("This merge request has already been answered."))
    answered = False
    if user.pk == request.source.author_id:
        request.source_consent = accept
        answered = True
    if user.pk == request.target.author_id:
        request.target_consent = accept
        answered = True
    if not answered:
        raise ValidationError(_("Only the proposers can answer a merge request."))
    if request.source_consent is False or request.target_consent is False:
        request.status = MergeRequest.Status.DECLINED
    elif request.source_consent and request.target_consent:
        request.status = MergeRequest.Status.ACCEPTED
        source = request.source
        source.status = ProposalStatus.MERGED
        source.merged_into = request.target
        source.save(update_fields=["status", "merged_into", "updated_at"])
        rules_version_bump(source.process_id)
        _notify_proposer(
            source,
            cast(str, gettext_lazy("Your proposal has been merged")),
            _("Your proposal is now part of «%(target)s».") % {"target": request.target.title},
        )
        proposal_followers_notify(source, actor_id=user.pk, message=request.target.title)
    request.save()
    audit_record(actor=user, action="merge_answer", obj=request.source, detail={"accept": accept})
    return request


def proposal_hide(proposal: Proposal, actor: Any) -> None:
    """Called by moderation when the secretariat upholds a report on a proposal.

    Hiding takes a proposal off the ballot, so once voting has opened a proposal on the
    ballot cannot be hidden: the list of proposals on the ballot is frozen.
    """
    if proposal.process.rules_frozen and proposal.status == ProposalStatus.ACCEPTED:
        raise ValidationError(
            _(
                "The proposal is on the ballot and voting has opened, so it cannot be hidden: "
                "the proposals on the ballot can no longer be changed."
            )
        )
    proposal.is_hidden = True
    proposal.save(update_fields=["is_hidden", "updated_at"])
    rules_version_bump(proposal.process_id)
    audit_record(actor=actor, action="hide", obj=proposal)
