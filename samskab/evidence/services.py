"""Every write to the evidence registry. One transaction each; ``ValidationError`` on bad input.

The rule that matters most: an intervention is marked for rollout only when an evidence
request about it has been answered and the answer approved (``intervention_status_set``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.accounts.permissions import is_employee, is_manager
from samskab.core.audit import audit_record
from samskab.core.models import Area, Department
from samskab.core.notifications import notify
from samskab.evidence.models import (
    GRADE_RANK,
    DeclarationGrade,
    DeclarationItem,
    Dimension,
    EvidenceRequest,
    Grade,
    Intervention,
    ResearchSource,
    Status,
)
from samskab.experiments.models import Experiment


@dataclass(frozen=True)
class InterventionData:
    title: str
    summary: str
    target_group: str
    area: Area | None = None
    department: Department | None = None
    research_grade: str = Grade.NONE
    research_summary: str = ""
    local_experience: str = ""
    local_data: str = ""
    experiments: Sequence[Experiment] = field(default_factory=tuple)


def _clean(data: InterventionData, intervention: Intervention | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": data.title.strip(),
        "summary": data.summary.strip(),
        "target_group": data.target_group.strip(),
        "area": data.area,
        "department": data.department,
        "research_grade": data.research_grade,
        "research_summary": data.research_summary.strip(),
        "local_experience": data.local_experience.strip(),
        "local_data": data.local_data.strip(),
    }
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Give the intervention a title.")
    if not values["summary"]:
        errors["summary"] = _("Describe the intervention.")
    if not values["target_group"]:
        errors["target_group"] = _("Describe the target group.")
    if data.research_grade not in Grade.values:
        errors["research_grade"] = _("Choose a grade on the scale.")
    elif data.research_grade != Grade.NONE:
        strongest = _strongest_source(intervention)
        if strongest is None or strongest > GRADE_RANK[data.research_grade]:
            errors["research_grade"] = _(
                "The grade cannot be stronger than the strongest source. Add a source with "
                "this study design first."
            )
    if errors:
        raise ValidationError(errors)
    return values


def _strongest_source(intervention: Intervention | None) -> int | None:
    if intervention is None:
        return None
    ranks = [GRADE_RANK[design] for design in intervention.sources.values_list("design", flat=True)]
    return min(ranks, default=None)


@transaction.atomic
def intervention_create(*, actor: User, data: InterventionData) -> Intervention:
    """Register an intervention. Its research grade starts at "none" until sources are added."""
    values = _clean(data, None)
    intervention = Intervention.objects.create(created_by=actor, **values)
    intervention.experiments.set(data.experiments)
    audit_record(actor=actor, action="intervention_create", obj=intervention)
    return intervention


@transaction.atomic
def intervention_update(
    *, intervention: Intervention, actor: User, data: InterventionData
) -> Intervention:
    """Change the description, the graded research evidence and the practice evidence."""
    values = _clean(data, intervention)
    for name, value in values.items():
        setattr(intervention, name, value)
    intervention.save(update_fields=list(values))
    intervention.experiments.set(data.experiments)
    audit_record(
        actor=actor,
        action="intervention_update",
        obj=intervention,
        detail={"research_grade": intervention.research_grade},
    )
    return intervention


@transaction.atomic
def source_add(
    *,
    intervention: Intervention,
    actor: User,
    citation: str,
    design: str,
    conclusion: str,
    url: str = "",
) -> ResearchSource:
    """Add a research source with its study design (the scale's grades, except "none")."""
    errors: dict[str, str] = {}
    if not citation.strip():
        errors["citation"] = _("Give the source: authors, title and year.")
    if design not in GRADE_RANK or design == Grade.NONE:
        errors["design"] = _("Choose the study design.")
    if not conclusion.strip():
        errors["conclusion"] = _("Write what the source concludes.")
    if errors:
        raise ValidationError(errors)
    source = ResearchSource.objects.create(
        intervention=intervention,
        citation=citation.strip(),
        design=design,
        conclusion=conclusion.strip(),
        url=url.strip(),
        added_by=actor,
    )
    audit_record(actor=actor, action="intervention_source_add", obj=intervention)
    return source


@transaction.atomic
def request_create(
    *,
    intervention: Intervention,
    actor: User,
    question: str,
    department: Department | None = None,
) -> EvidenceRequest:
    """Ask for the evidence about an intervention before implementing it."""
    if not question.strip():
        raise ValidationError({"question": _("Write what you need to know.")})
    if intervention.status == Status.ROLLOUT:
        raise ValidationError(_("The intervention is already marked for rollout."))
    request = EvidenceRequest.objects.create(
        intervention=intervention,
        question=question.strip(),
        department=department or actor.department,
        requested_by=actor,
    )
    if intervention.status == Status.REGISTERED:
        intervention.status = Status.ASSESSING
        intervention.save(update_fields=["status"])
    audit_record(actor=actor, action="evidence_request_create", obj=request)
    return request


@transaction.atomic
def request_for_scale_up(
    *, experiment: Experiment, actor: User, reason: str = ""
) -> EvidenceRequest | None:
    """An evaluation recommends scaling the experiment up: ask for the evidence at once.

    The request is about the experiment's intervention in the registry, registered now
    from the experiment if it has none. Nothing new is asked while a request about it is
    open or awaiting approval, or once it is marked for rollout. Rollout still waits for
    an approved answer, as for any request."""
    intervention = experiment.interventions.order_by("pk").first()
    if intervention is None:
        intervention = Intervention.objects.create(
            title=experiment.title[:150],
            summary=experiment.description or experiment.hypothesis or experiment.title,
            target_group=experiment.target_group or "–",
            area=experiment.area,
            department=experiment.department,
            created_by=actor,
        )
        intervention.experiments.add(experiment)
        audit_record(actor=actor, action="intervention_create", obj=intervention)
    if intervention.status == Status.ROLLOUT:
        return None
    pending = (EvidenceRequest.State.OPEN, EvidenceRequest.State.ANSWERED)
    if intervention.requests.filter(state__in=pending).exists():
        return None
    with translation.override(settings.LANGUAGE_CODE):
        question = _(
            "The evaluation of the experiment “%(title)s” recommends scaling it up. What does "
            "the evidence say, and does it hold for the target group when rolled out?"
        ) % {"title": experiment.title}
        if reason.strip():
            question += "\n\n" + _("Reason for the recommendation: %(reason)s") % {
                "reason": reason.strip()
            }
    return request_create(
        intervention=intervention,
        actor=actor,
        question=question,
        department=experiment.department,
    )


@transaction.atomic
def declaration_save(
    *, intervention: Intervention, actor: User, items: dict[str, tuple[str, str]]
) -> list[DeclarationItem]:
    """Save the intervention's knowledge declaration (Socialstyrelsen's Vidensdeklaration):
    every one of the five dimensions needs a grade from A to D and the reasoning behind it.
    ``items`` maps a dimension to (grade, reasoning)."""
    errors: dict[str, str] = {}
    for dimension in Dimension:
        grade, reasoning = items.get(dimension.value, ("", ""))
        if grade not in DeclarationGrade.values:
            errors[f"{dimension.value}_grade"] = _("Choose a grade from A to D.")
        if not reasoning.strip():
            errors[f"{dimension.value}_reasoning"] = _("Explain the grade.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    saved = []
    for dimension in Dimension:
        grade, reasoning = items[dimension.value]
        item, _created = DeclarationItem.objects.update_or_create(
            intervention=intervention,
            dimension=dimension.value,
            defaults={
                "grade": grade,
                "reasoning": reasoning.strip(),
                "updated_by": actor,
                "updated_at": now,
            },
        )
        saved.append(item)
    audit_record(actor=actor, action="evidence_declaration_save", obj=intervention)
    return saved


def _tell_requester(request: EvidenceRequest, message: Any) -> None:
    if request.requested_by is None:
        return
    notify(
        recipient=request.requested_by,
        subject=cast(  # a lazy text: notify renders it in the site's language
            str,
            format_lazy(
                gettext_lazy("Your evidence request about “{title}”"),
                title=request.intervention.title,
            ),
        ),
        template="core/email/message.txt",
        context={"message": message},
    )


@transaction.atomic
def request_answer(*, request: EvidenceRequest, actor: User, answer: str) -> EvidenceRequest:
    """Answer an open request. The one who asked cannot answer it."""
    if request.state != EvidenceRequest.State.OPEN:
        raise ValidationError(_("The request has already been answered."))
    if not is_employee(actor) or request.requested_by_id == actor.pk:
        raise ValidationError(_("Another employee than the one who asked must answer."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    request.answer = answer.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.state = EvidenceRequest.State.ANSWERED
    request.save(update_fields=["answer", "answered_by", "answered_at", "state"])
    audit_record(actor=actor, action="evidence_request_answer", obj=request)
    _tell_requester(
        request,
        format_lazy(
            gettext_lazy("Your request has been answered and awaits a manager's approval. {url}"),
            url=f"{settings.SITE_URL}{request.intervention.get_absolute_url()}",
        ),
    )
    return request


@transaction.atomic
def request_approve(*, request: EvidenceRequest, actor: User) -> EvidenceRequest:
    """Approve an answer. Only a manager, and not the one who answered."""
    if request.state != EvidenceRequest.State.ANSWERED:
        raise ValidationError(_("Only an answered request can be approved."))
    if not is_manager(actor) or request.answered_by_id == actor.pk:
        raise ValidationError(_("A manager other than the one who answered must approve."))
    request.approved_by = actor
    request.approved_at = timezone.now()
    request.state = EvidenceRequest.State.APPROVED
    request.save(update_fields=["approved_by", "approved_at", "state"])
    audit_record(actor=actor, action="evidence_request_approve", obj=request)
    _tell_requester(
        request,
        format_lazy(
            gettext_lazy("The answer to your request has been approved. {url}"),
            url=f"{settings.SITE_URL}{request.intervention.get_absolute_url()}",
        ),
    )
    return request


def rollout_blocked(intervention: Intervention) -> bool:
    """True until an evidence request about the intervention is answered and approved."""
    return not intervention.requests.filter(state=EvidenceRequest.State.APPROVED).exists()


@transaction.atomic
def intervention_status_set(
    *, intervention: Intervention, actor: User, status: str
) -> Intervention:
    """Change an intervention's status (managers only).

    Marking it for rollout needs an evidence request that has been answered and approved."""
    if not is_manager(actor):
        raise ValidationError(_("Only a manager can change the status."))
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == Status.ROLLOUT and rollout_blocked(intervention):
        raise ValidationError(
            {
                "status": _(
                    "An intervention can be marked for rollout only when an evidence request "
                    "about it has been answered and the answer approved."
                )
            }
        )
    previous = intervention.status
    intervention.status = status
    intervention.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="intervention_status_set",
        obj=intervention,
        detail={"from": previous, "to": status},
    )
    return intervention
