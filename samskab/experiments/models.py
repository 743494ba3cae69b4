"""Experiments (pilots with a hypothesis and indicators) and the evaluations that follow them.

An experiment may come from an idea; the idea is stored as a generic ``origin`` so that this
app does not depend on the idea app. Every write goes through ``services.py``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import (
    MAX_MONTHS,
    count_limits,
    indicator_limits,
    kroner_limits,
    validate_single_line,
)


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Being evaluated")
    DONE = "done", _("Done")


# The allowed status changes. Going back from "being evaluated" to "running" lets an
# experiment be extended when the evaluation shows it needs more time.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.RUNNING,),
    Status.RUNNING: (Status.EVALUATING,),
    Status.EVALUATING: (Status.RUNNING, Status.DONE),
    Status.DONE: (),
}


class Experiment(models.Model):
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    hypothesis = models.TextField(
        _("hypothesis"),
        blank=True,
        help_text=_("If we do …, then … will happen for …, because …"),
    )
    target_group = models.TextField(_("target group"), blank=True)
    description = models.TextField(_("what we will do"), blank=True)
    risks = models.TextField(_("risks and how we handle them"), blank=True)
    budget = models.DecimalField(
        _("budget (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=kroner_limits(),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_experiments",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiments",
    )
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_zero_error_area = models.BooleanField(
        _("zero-error area"),
        default=False,
        help_text=_(
            "The experiment touches an area where errors must not happen (for example "
            "medicine handling or child protection). It then needs an extra approval "
            "before it may start."
        ),
    )
    zero_error_safeguards = models.TextField(
        _("safeguards in the zero-error area"),
        blank=True,
        help_text=_("Which zero-error area, and how the experiment keeps errors from happening."),
    )
    zero_error_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zero-error approval by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    zero_error_approved_at = models.DateTimeField(_("zero-error approval"), null=True, blank=True)
    zero_error_approval_note = models.TextField(_("approval note"), blank=True)
    origin_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("origin type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_object_id = models.PositiveBigIntegerField(_("origin id"), null=True, blank=True)
    origin = GenericForeignKey("origin_content_type", "origin_object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["origin_content_type", "origin_object_id"])]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experiments:detail", args=[self.pk])

    @property
    def needs_zero_error_approval(self) -> bool:
        return self.is_zero_error_area and self.zero_error_approved_at is None

    @property
    def allowed_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class Participant(models.Model):
    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        CITIZEN = "citizen", _("Citizen")

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee with a login"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="experiment_participations",
        help_text=_("Employees with a login may record measurements."),
    )
    name = models.CharField(
        _("name or group"),
        max_length=150,
        blank=True,
        validators=[validate_single_line],
        help_text=_("For example “Parents at Vestskolen” or a person's name."),
    )
    number = models.PositiveIntegerField(
        _("number of people"), default=1, validators=count_limits()
    )
    role = models.CharField(_("role in the experiment"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.name or self.user.email
        return self.name


class Indicator(models.Model):
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("indicator"), max_length=150, validators=[validate_single_line])
    unit = models.CharField(
        _("unit"), max_length=40, help_text=_("For example %, minutes, visits.")
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, validators=indicator_limits()
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=indicator_limits()
    )
    description = models.TextField(_("how it is measured"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def higher_is_better(self) -> bool:
        return self.target >= self.baseline


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=indicator_limits()
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="experiments_one_measurement_per_day"
            )
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class StatusChange(models.Model):
    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.experiment_id}: {self.from_status} -> {self.to_status}"


class Recommendation(models.TextChoices):
    SCALE_UP = "scale_up", _("Scale up")
    ADJUST = "adjust", _("Adjust")
    STOP = "stop", _("Stop")


class Evaluation(models.Model):
    """An evaluation made to be used: it names its users and the decision it informs."""

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    intended_users = models.TextField(
        _("who will use the evaluation"),
        help_text=_("The people or bodies who will use it, e.g. the leadership of the centre."),
    )
    decision = models.TextField(
        _("for which decision"),
        help_text=_("The decision the evaluation informs, and when it is taken."),
    )
    learning_questions = models.TextField(_("learning questions"))
    method = models.TextField(_("method"))
    findings = models.TextField(_("findings"))
    what_worked = models.TextField(
        _("what worked, for whom and in which context"),
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    recommendation_reason = models.TextField(_("reason for the recommendation"), blank=True)
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow up after (months)"),
        validators=count_limits(MAX_MONTHS),
        help_text=_("When to ask whether the learning was used and what changed."),
    )
    follow_up_due = models.DateField(_("follow-up due"), db_index=True)
    follow_up_responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible for the follow-up"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_follow_ups",
    )
    follow_up_reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return str(_("Evaluation of %(title)s") % {"title": self.experiment.title})

    def get_absolute_url(self) -> str:
        return reverse("experiments:evaluation", args=[self.pk])


class FollowUp(models.Model):
    class Use(models.TextChoices):
        YES = "yes", _("Yes, the learning was used")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No, the learning was not used")

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="follow_up",
    )
    was_used = models.CharField(_("was the learning used?"), max_length=10, choices=Use.choices)
    what_changed = models.TextField(_("what changed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_was_used_display()}"


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the end of a shorter month (31 Jan + 1 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
