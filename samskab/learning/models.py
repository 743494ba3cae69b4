"""Learning reports: blameless reports of errors, near misses and surprises.

A report is never tied to the person who wrote it when it is anonymous: ``reporter`` is
empty (a database constraint makes sure), nothing else records who sent it, and only the
date (not the time) of submission is stored, so that it cannot be matched with a login.
A confidential report is seen only by its department's learning coordinators (and its own
named reporter). What the organisation sees is a separate, de-identified
``SharedLearning`` written by a coordinator, never the report itself.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_single_line


class Kind(models.TextChoices):
    ERROR = "error", _("Error")
    NEAR_MISS = "near_miss", _("Near miss")
    SURPRISE = "surprise", _("Surprise")


class Severity(models.TextChoices):
    # In rising order; the trend view and the chart keep this order.
    NONE = "none", _("No consequences")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    SERIOUS = "serious", _("Serious")
    CRITICAL = "critical", _("Critical")


class Category(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    PROCEDURE = "procedure", _("Procedures and routines")
    IT = "it", _("IT systems")
    DOCUMENTATION = "documentation", _("Documentation and records")
    HANDOVER = "handover", _("Handover and coordination")
    WORKLOAD = "workload", _("Workload and staffing")
    CASEWORK = "casework", _("Case processing and decisions")
    PAYMENT = "payment", _("Payments and finances")
    PHYSICAL = "physical", _("Physical environment and equipment")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    HANDLED = "handled", _("Handled")
    PUBLISHED = "published", _("Learning shared")


class LearningCoordinator(models.Model):
    """A person who receives, de-identifies and shares the learning reports of a department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="learning_coordinations",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="learning_coordinators",
    )

    class Meta:
        ordering = ["department__name", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="learning_coordinator_once_per_department"
            )
        ]
        verbose_name = _("learning coordinator")
        verbose_name_plural = _("learning coordinators")

    def __str__(self) -> str:
        return f"{self.user} ({self.department})"


class ZeroErrorArea(models.Model):
    """A task where zero errors are truly required (payments, child-protection decisions).

    Reports about it follow a stricter route: handled within ``handling_days`` by the named
    responsible person. Everything else is learning-first.
    """

    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="zero_error_areas",
    )
    name = models.CharField(_("task"), max_length=150)
    description = models.TextField(
        _("why zero errors are required"),
        blank=True,
    )
    handling_days = models.PositiveSmallIntegerField(
        _("handling within (days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"], name="learning_zero_error_area_unique_name"
            )
        ]
        verbose_name = _("zero-error area")
        verbose_name_plural = _("zero-error areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"


TEXT_FIELDS = (
    "title",
    "what_happened",
    "context",
    "what_helped",
    "what_hindered",
    "consequences",
    "learning_points",
    "suggested_changes",
)


class LearningReport(models.Model):
    kind = models.CharField(_("what kind of event"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("short title"), max_length=150, validators=[validate_single_line])
    what_happened = models.TextField(_("what happened?"))
    context = models.TextField(_("context"), blank=True)
    what_helped = models.TextField(_("what helped?"), blank=True)
    what_hindered = models.TextField(_("what hindered?"), blank=True)
    consequences = models.TextField(_("consequences"), blank=True)
    learning_points = models.TextField(_("learning points"), blank=True)
    suggested_changes = models.TextField(_("suggested changes"), blank=True)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="learning_reports",
    )
    zero_error_area = models.ForeignKey(
        ZeroErrorArea,
        verbose_name=_("zero-error area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_confidential = models.BooleanField(_("confidential"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_reports",
    )
    # Only the date: an exact time could be matched with a login and undo anonymity.
    submitted_on = models.DateField(_("submitted"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    # The stricter route of a zero-error area.
    handle_by = models.DateField(_("to be handled by"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_on = models.DateField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handling_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(reporter__isnull=True),
                name="learning_anonymous_report_has_no_reporter",
            )
        ]
        verbose_name = _("learning report")
        verbose_name_plural = _("learning reports")

    def __str__(self) -> str:
        return f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("learning:report", args=[self.pk])

    @property
    def is_zero_error(self) -> bool:
        return self.zero_error_area_id is not None

    def is_overdue(self, today: dt.date) -> bool:
        return self.handle_by is not None and self.handled_on is None and today > self.handle_by


class SharedLearning(models.Model):
    """The de-identified version of a report that a coordinator shares with everyone."""

    report = models.OneToOneField(
        LearningReport,
        verbose_name=_("learning report"),
        on_delete=models.CASCADE,
        related_name="shared",
    )
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    summary = models.TextField(_("what happened"))
    learning_points = models.TextField(_("learning points"))
    suggested_changes = models.TextField(_("changes we make"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("shared learning")
        verbose_name_plural = _("shared learnings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:shared", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RelevanceMark(models.Model):
    """A colleague marks a shared learning as relevant for their own workplace."""

    shared = models.ForeignKey(
        SharedLearning, on_delete=models.CASCADE, related_name="relevance_marks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "core.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shared", "user"], name="learning_relevance_once")
        ]
        verbose_name = _("relevance mark")
        verbose_name_plural = _("relevance marks")

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.shared_id}"


class Comment(models.Model):
    shared = models.ForeignKey(SharedLearning, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]


class Action(models.Model):
    """Something to change after a report, with an owner and a due date, followed up."""

    report = models.ForeignKey(
        LearningReport,
        verbose_name=_("learning report"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    title = models.CharField(_("action"), max_length=200, validators=[validate_single_line])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="learning_actions",
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and today > self.due_on


class Reminder(models.Model):
    """A reminder that has been sent, so the daily job sends each one only once.

    ``key`` names what it was about and the date it concerned, e.g. ``action:7:due:2026-12-01``;
    a new due date makes a new reminder.
    """

    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return self.key
