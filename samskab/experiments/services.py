"""Every write to experiments, their measurements, evaluations and follow-ups.

Each function is one transaction and raises ``ValidationError`` (with field names where a
form can show them) when the input or the experiment's state does not allow the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import User
from samskab.accounts.permissions import is_employee
from samskab.core.audit import audit_record
from samskab.core.jobs import each_item
from samskab.core.models import Area, Department
from samskab.core.notifications import notify
from samskab.experiments.models import (
    TRANSITIONS,
    Evaluation,
    Experiment,
    FollowUp,
    Indicator,
    Measurement,
    Participant,
    Recommendation,
    Status,
    StatusChange,
    add_months,
)
from samskab.experiments.permissions import may_approve_zero_error
from samskab.follows.services import follow_add, followers_notify

MAX_FOLLOW_UP_MONTHS = 36


@dataclass(frozen=True)
class ExperimentData:
    """What a person fills in about an experiment (the form's cleaned data)."""

    title: str
    hypothesis: str = ""
    target_group: str = ""
    description: str = ""
    risks: str = ""
    budget: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    owner: User | None = None
    department: Department | None = None
    area: Area | None = None
    is_zero_error_area: bool = False
    zero_error_safeguards: str = ""


def _clean_experiment(data: ExperimentData) -> dict[str, Any]:
    values = {
        "title": data.title.strip(),
        "hypothesis": data.hypothesis.strip(),
        "target_group": data.target_group.strip(),
        "description": data.description.strip(),
        "risks": data.risks.strip(),
        "budget": data.budget,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "owner": data.owner,
        "department": data.department,
        "area": data.area,
        "is_zero_error_area": data.is_zero_error_area,
        "zero_error_safeguards": data.zero_error_safeguards.strip(),
    }
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Give the experiment a title.")
    if data.budget is not None and data.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = _("The end date must be on or after the start date.")
    if data.owner is not None and not is_employee(data.owner):
        errors["owner"] = _("The owner must be an employee of the municipality.")
    if data.is_zero_error_area and data.department is None:
        errors["department"] = _(
            "Choose the department: a manager of the department approves an experiment "
            "in a zero-error area."
        )
    if data.is_zero_error_area and not values["zero_error_safeguards"]:
        errors["zero_error_safeguards"] = _(
            "Describe the zero-error area and how the experiment keeps errors from happening."
        )
    if errors:
        raise ValidationError(errors)
    return values


def _change(
    experiment: Experiment, actor: User | None, to_status: str, note: str = ""
) -> StatusChange:
    change = StatusChange.objects.create(
        experiment=experiment,
        from_status=experiment.status,
        to_status=to_status,
        note=note,
        changed_by=actor,
    )
    experiment.status = to_status
    experiment.save(update_fields=["status"])
    return change


@transaction.atomic
def experiment_create(*, actor: User, data: ExperimentData) -> Experiment:
    """Create a planned experiment. The owner defaults to the person who creates it."""
    values = _clean_experiment(data)
    values["owner"] = values["owner"] or actor
    experiment = Experiment.objects.create(created_by=actor, **values)
    audit_record(actor=actor, action="experiment_create", obj=experiment)
    for person in {actor, experiment.owner}:  # the people behind it follow it
        if person is not None:
            follow_add(user=person, target=experiment)
    return experiment


# Changing these after a zero-error approval needs the approval to be given again (the
# department too: its managers are the ones who approve).
APPROVAL_FIELDS = (
    "hypothesis",
    "risks",
    "is_zero_error_area",
    "zero_error_safeguards",
    "department",
)


@transaction.atomic
def experiment_update(*, experiment: Experiment, actor: User, data: ExperimentData) -> Experiment:
    """Change an experiment that is not done.

    When what the zero-error approval was based on changes (hypothesis, risks, safeguards)
    before the experiment starts, the approval is withdrawn and must be given again."""
    if experiment.status == Status.DONE:
        raise ValidationError(_("A finished experiment cannot be changed."))
    values = _clean_experiment(data)
    values["owner"] = values["owner"] or experiment.owner
    approval_basis_changed = any(
        getattr(experiment, name) != values[name] for name in APPROVAL_FIELDS
    )
    for name, value in values.items():
        setattr(experiment, name, value)
    fields = list(values)
    if (
        experiment.status == Status.PLANNED
        and experiment.zero_error_approved_at is not None
        and (approval_basis_changed or not experiment.is_zero_error_area)
    ):
        experiment.zero_error_approved_at = None
        experiment.zero_error_approved_by = None
        experiment.zero_error_approval_note = ""
        fields += ["zero_error_approved_at", "zero_error_approved_by", "zero_error_approval_note"]
    experiment.save(update_fields=fields)
    audit_record(actor=actor, action="experiment_update", obj=experiment)
    return experiment


@transaction.atomic
def experiment_draft_create(
    *,
    title: str,
    hypothesis: str = "",
    owner: User | None = None,
    department: Department | None = None,
    area: Area | None = None,
    origin: models.Model | None = None,
    target_group: str = "",
) -> Experiment:
    """A planned experiment to be completed by its owner, e.g. from an idea decision.

    ``origin`` is the object the experiment came from (an idea); the experiment page links
    back to it when it has ``get_absolute_url``. Calling this again for the same origin
    returns the experiment already made, so a repeated decision makes no duplicate.
    The owner (when given) is told by e-mail."""
    if origin is not None:
        content_type = ContentType.objects.get_for_model(origin)
        existing = Experiment.objects.filter(
            origin_content_type=content_type, origin_object_id=origin.pk
        ).first()
        if existing is not None:
            return existing
    if owner is not None and not is_employee(owner):
        owner = None
    experiment = Experiment(
        title=(title.strip() or _("Untitled experiment"))[:150],
        hypothesis=hypothesis.strip(),
        target_group=target_group.strip(),
        owner=owner,
        department=department,
        area=area,
        origin=origin,
    )
    experiment.save()
    audit_record(actor=None, action="experiment_draft_create", obj=experiment)
    if owner is not None:
        notify(
            recipient=owner,
            subject=_lazy(gettext_lazy("A new experiment awaits you")),
            template="experiments/email/draft_created.txt",
            context={"experiment": experiment, "url": _absolute(experiment.get_absolute_url())},
        )
    return experiment


def experiment_draft_from_idea(*, idea: Any, decision: Any = None) -> Experiment:
    """The hook the idea app calls when a manager decides to test an idea as an experiment.

    Reads the idea duck-typed (title, beneficiaries, responsible, department, area) so that
    this app does not import the idea app."""
    owner = getattr(idea, "responsible", None) or getattr(decision, "decided_by", None)
    return experiment_draft_create(
        title=idea.title,
        owner=owner,
        department=getattr(idea, "department", None),
        area=getattr(idea, "area", None),
        origin=idea,
        target_group=getattr(idea, "beneficiaries", "") or "",
    )


def _lazy(text: Any) -> str:
    """A lazy translation for ``notify``, which renders it in the site's language."""
    return cast(str, text)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def participant_add(
    *,
    experiment: Experiment,
    actor: User,
    kind: str,
    user: User | None = None,
    name: str = "",
    number: int = 1,
    role: str = "",
) -> Participant:
    """Add employees (with or without a login) or citizens taking part in the experiment.

    Citizens are described by name or group only: they are not linked to user accounts, so
    that the participant list shows no more about a citizen than the owner wrote."""
    if experiment.status == Status.DONE:
        raise ValidationError(_("A finished experiment cannot be changed."))
    errors: dict[str, str] = {}
    if kind not in Participant.Kind.values:
        errors["kind"] = _("Choose employee or citizen.")
    elif kind == Participant.Kind.CITIZEN and user is not None:
        errors["user"] = _("Citizens are described by name or group, not by their login.")
    elif user is not None and not is_employee(user):
        errors["user"] = _("Choose an employee of the municipality.")
    if user is None and not name.strip():
        errors["name"] = _("Write a name or a group, or choose an employee.")
    if number < 1:
        errors["number"] = _("At least one person.")
    if user is not None and experiment.participants.filter(user=user).exists():
        errors["user"] = _("This person already takes part.")
    if errors:
        raise ValidationError(errors)
    participant = Participant.objects.create(
        experiment=experiment,
        kind=kind,
        user=user,
        name=name.strip(),
        number=number,
        role=role.strip(),
    )
    audit_record(actor=actor, action="experiment_participant_add", obj=experiment)
    return participant


@transaction.atomic
def indicator_add(
    *,
    experiment: Experiment,
    actor: User,
    name: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    description: str = "",
) -> Indicator:
    """Add an indicator with its baseline (before the experiment) and target."""
    if experiment.status == Status.DONE:
        raise ValidationError(_("A finished experiment cannot be changed."))
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Name the indicator.")
    if not unit.strip():
        errors["unit"] = _("Give the unit, for example “%” or “minutes”.")
    if baseline == target:
        errors["target"] = _("The target must differ from the baseline.")
    if errors:
        raise ValidationError(errors)
    indicator = Indicator.objects.create(
        experiment=experiment,
        name=name.strip(),
        unit=unit.strip(),
        baseline=baseline,
        target=target,
        description=description.strip(),
    )
    audit_record(actor=actor, action="experiment_indicator_add", obj=experiment)
    return indicator


@transaction.atomic
def measurement_record(
    *, indicator: Indicator, actor: User, measured_on: date, value: Decimal, note: str = ""
) -> Measurement:
    """Record a measurement of an indicator while the experiment runs or is evaluated."""
    if indicator.experiment.status not in (Status.RUNNING, Status.EVALUATING):
        raise ValidationError(_("Measurements are recorded while the experiment runs."))
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("The date cannot be in the future.")})
    if Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        raise ValidationError(
            {"measured_on": _("This indicator already has a measurement on that date.")}
        )
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=value,
                note=note.strip(),
                recorded_by=actor,
            )
    except IntegrityError as error:  # two people recording the same day at once
        raise ValidationError(
            {"measured_on": _("This indicator already has a measurement on that date.")}
        ) from error
    audit_record(actor=actor, action="experiment_measurement_record", obj=indicator.experiment)
    return measurement


def start_problems(experiment: Experiment) -> list[str]:
    """What must be in place before a planned experiment may start (empty when ready)."""
    problems = []
    if not experiment.hypothesis:
        problems.append(_("Write the hypothesis."))
    if not experiment.target_group:
        problems.append(_("Describe the target group."))
    if not experiment.start_date or not experiment.end_date:
        problems.append(_("Set the period (start and end date)."))
    if not experiment.indicators.exists():
        problems.append(_("Add at least one indicator with a baseline and a target."))
    if experiment.needs_zero_error_approval:
        problems.append(
            _("The experiment is in a zero-error area and needs the approval of a manager.")
        )
    return problems


@transaction.atomic
def experiment_status_change(
    *, experiment: Experiment, actor: User, to_status: str, note: str = ""
) -> StatusChange:
    """Move an experiment along planned -> running -> being evaluated -> done.

    An experiment starts only when it is ready (``start_problems``) and is done only when
    it has an evaluation."""
    if to_status not in TRANSITIONS[experiment.status]:
        raise ValidationError(
            {"to_status": _("This change of status is not allowed.")}, code="transition"
        )
    if to_status == Status.RUNNING and experiment.status == Status.PLANNED:
        problems = start_problems(experiment)
        if problems:
            raise ValidationError({"to_status": problems})
    if to_status == Status.DONE and not experiment.evaluations.exists():
        raise ValidationError(
            {"to_status": _("Write the evaluation before the experiment is marked as done.")}
        )
    change = _change(experiment, actor, to_status, note.strip())
    audit_record(
        actor=actor,
        action="experiment_status_change",
        obj=experiment,
        detail={"from": change.from_status, "to": to_status},
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The experiment is now: %(status)s") % {"status": experiment.get_status_display()}
    followers_notify(
        target=experiment,
        subject=_lazy(
            format_lazy(gettext_lazy("News about the experiment “{title}”"), title=experiment.title)
        ),
        text=f"{text}\n\n{change.note}" if change.note else text,
        exclude=(actor.pk,),
    )
    return change


@transaction.atomic
def experiment_zero_error_approve(*, experiment: Experiment, actor: User, note: str) -> Experiment:
    """The extra approval a zero-error experiment needs before it may start.

    Given by a manager of the experiment's department who is not its owner, with a note on
    what was assessed."""
    if not experiment.is_zero_error_area:
        raise ValidationError(_("Only experiments in a zero-error area need this approval."))
    if experiment.status != Status.PLANNED or experiment.zero_error_approved_at is not None:
        raise ValidationError(_("The experiment is not waiting for this approval."))
    if not may_approve_zero_error(actor, experiment):
        raise ValidationError(
            _(
                "Only a manager of the experiment's department who is not its owner may "
                "give this approval."
            )
        )
    if not note.strip():
        raise ValidationError({"note": _("Write what you assessed before approving.")})
    experiment.zero_error_approved_at = timezone.now()
    experiment.zero_error_approved_by = actor
    experiment.zero_error_approval_note = note.strip()
    experiment.save(
        update_fields=[
            "zero_error_approved_at",
            "zero_error_approved_by",
            "zero_error_approval_note",
        ]
    )
    audit_record(actor=actor, action="experiment_zero_error_approve", obj=experiment)
    if experiment.owner is not None:
        notify(
            recipient=experiment.owner,
            subject=_lazy(
                format_lazy(
                    gettext_lazy("Zero-error approval of “{title}”"), title=experiment.title
                )
            ),
            template="core/email/message.txt",
            context={
                "message": format_lazy(
                    gettext_lazy("{name} approved the experiment “{title}” to start. {url}"),
                    name=actor.name,
                    title=experiment.title,
                    url=_absolute(experiment.get_absolute_url()),
                )
            },
        )
    return experiment


@dataclass(frozen=True)
class EvaluationData:
    intended_users: str
    decision: str
    learning_questions: str
    method: str
    findings: str
    what_worked: str
    recommendation: str
    follow_up_months: int
    recommendation_reason: str = ""
    follow_up_responsible: User | None = None


def _clean_evaluation(data: EvaluationData) -> dict[str, Any]:
    values: dict[str, Any] = {
        "intended_users": data.intended_users.strip(),
        "decision": data.decision.strip(),
        "learning_questions": data.learning_questions.strip(),
        "method": data.method.strip(),
        "findings": data.findings.strip(),
        "what_worked": data.what_worked.strip(),
        "recommendation": data.recommendation,
        "recommendation_reason": data.recommendation_reason.strip(),
        "follow_up_months": data.follow_up_months,
        "follow_up_responsible": data.follow_up_responsible,
    }
    errors: dict[str, str] = {}
    if not values["intended_users"]:
        errors["intended_users"] = _(
            "Say who will use the evaluation. An evaluation nobody uses is not made."
        )
    if not values["decision"]:
        errors["decision"] = _("Say which decision the evaluation informs.")
    required = {
        "learning_questions": _("Write the learning questions."),
        "method": _("Describe the method."),
        "findings": _("Write the findings."),
        "what_worked": _("Describe what worked, for whom and in which context."),
    }
    for name, message in required.items():
        if not values[name]:
            errors[name] = message
    if data.recommendation not in Recommendation.values:
        errors["recommendation"] = _("Recommend to scale up, adjust or stop.")
    if not 1 <= data.follow_up_months <= MAX_FOLLOW_UP_MONTHS:
        errors["follow_up_months"] = _("Choose between 1 and %(max)d months.") % {
            "max": MAX_FOLLOW_UP_MONTHS
        }
    if data.follow_up_responsible is not None and not is_employee(data.follow_up_responsible):
        errors["follow_up_responsible"] = _("Choose an employee of the municipality.")
    if errors:
        raise ValidationError(errors)
    return values


def _evidence_for_scale_up(evaluation: Evaluation, actor: User) -> None:
    """A recommendation to scale up opens an evidence request (see the evidence registry)."""
    if evaluation.recommendation != Recommendation.SCALE_UP:
        return
    # Imported here: the evidence registry builds on the experiments' models.
    from samskab.evidence.services import request_for_scale_up

    request_for_scale_up(
        experiment=evaluation.experiment, actor=actor, reason=evaluation.recommendation_reason
    )


@transaction.atomic
def evaluation_create(
    *, experiment: Experiment, actor: User, data: EvaluationData, today: date | None = None
) -> Evaluation:
    """Evaluate a running experiment or one being evaluated.

    It cannot be created without naming who will use it and for which decision. The
    follow-up falls due the chosen number of months from today; the person responsible
    for it (by default the experiment's owner) is reminded then."""
    if experiment.status not in (Status.RUNNING, Status.EVALUATING):
        raise ValidationError(_("Only a running experiment or one being evaluated is evaluated."))
    values = _clean_evaluation(data)
    values["follow_up_responsible"] = values["follow_up_responsible"] or experiment.owner
    today = today or timezone.localdate()
    evaluation = Evaluation.objects.create(
        experiment=experiment,
        created_by=actor,
        follow_up_due=add_months(today, values["follow_up_months"]),
        **values,
    )
    audit_record(actor=actor, action="evaluation_create", obj=evaluation)
    _evidence_for_scale_up(evaluation, actor)
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The experiment has been evaluated. Recommendation: %(recommendation)s.") % {
            "recommendation": evaluation.get_recommendation_display().lower()
        }
    followers_notify(
        target=experiment,
        subject=_lazy(
            format_lazy(gettext_lazy("News about the experiment “{title}”"), title=experiment.title)
        ),
        text=f"{text}\n\n{evaluation.findings}",
        exclude=(actor.pk,),
    )
    return evaluation


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, actor: User, data: EvaluationData) -> Evaluation:
    """Change an evaluation until its follow-up is recorded."""
    if FollowUp.objects.filter(evaluation=evaluation).exists():
        raise ValidationError(_("The evaluation has been followed up and can no longer change."))
    values = _clean_evaluation(data)
    values["follow_up_responsible"] = (
        values["follow_up_responsible"] or evaluation.follow_up_responsible
    )
    months_changed = values["follow_up_months"] != evaluation.follow_up_months
    newly_scale_up = evaluation.recommendation != Recommendation.SCALE_UP
    for name, value in values.items():
        setattr(evaluation, name, value)
    fields = list(values)
    if months_changed:
        created = timezone.localdate(evaluation.created_at)
        evaluation.follow_up_due = add_months(created, evaluation.follow_up_months)
        evaluation.follow_up_reminded_at = None
        fields += ["follow_up_due", "follow_up_reminded_at"]
    evaluation.save(update_fields=fields)
    audit_record(actor=actor, action="evaluation_update", obj=evaluation)
    if newly_scale_up:
        _evidence_for_scale_up(evaluation, actor)
    return evaluation


@transaction.atomic
def follow_up_record(
    *, evaluation: Evaluation, actor: User, was_used: str, what_changed: str
) -> FollowUp:
    """Record, once, whether the learning from the evaluation was used and what changed."""
    errors: dict[str, str] = {}
    if was_used not in FollowUp.Use.values:
        errors["was_used"] = _("Say whether the learning was used.")
    if not what_changed.strip():
        errors["what_changed"] = _("Describe what changed, or why the learning was not used.")
    if errors:
        raise ValidationError(errors)
    if FollowUp.objects.filter(evaluation=evaluation).exists():
        raise ValidationError(_("The follow-up has already been recorded."))
    follow_up = FollowUp.objects.create(
        evaluation=evaluation,
        was_used=was_used,
        what_changed=what_changed.strip(),
        recorded_by=actor,
    )
    audit_record(actor=actor, action="evaluation_follow_up", obj=evaluation)
    return follow_up


def follow_up_reminders_send(*, today: date | None = None) -> int:
    """Remind the person responsible for each follow-up that has fallen due, once.

    Safe to run any number of times a day: an evaluation is reminded only once. Each
    evaluation in its own transaction: one that fails is logged and the rest carry on."""
    today = today or timezone.localdate()
    due = Evaluation.objects.filter(
        follow_up_due__lte=today, follow_up__isnull=True, follow_up_reminded_at__isnull=True
    )
    now = timezone.now()

    def remind(pk: int) -> bool:
        evaluation = (
            Evaluation.objects.select_for_update(of=("self",))
            .filter(pk=pk, follow_up__isnull=True, follow_up_reminded_at__isnull=True)
            .select_related("experiment", "experiment__owner", "follow_up_responsible")
            .first()
        )
        if evaluation is None:
            return False
        recipient = evaluation.follow_up_responsible or evaluation.experiment.owner
        notify(
            recipient=recipient,
            subject=_lazy(
                format_lazy(
                    gettext_lazy("Follow up on the evaluation of “{title}”"),
                    title=evaluation.experiment.title,
                )
            ),
            template="experiments/email/follow_up_reminder.txt",
            context={
                "evaluation": evaluation,
                "url": _absolute(reverse("experiments:follow_up", args=[evaluation.pk])),
            },
        )
        evaluation.follow_up_reminded_at = now
        evaluation.save(update_fields=["follow_up_reminded_at"])
        return True

    return each_item(
        "follow_up_reminders_send", list(due.values_list("pk", flat=True)), remind
    ).done
