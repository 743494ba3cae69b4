"""The workspace where a citizen group carries out its winning project.

It builds on the citizen budget's ``Implementation`` (granted amount, municipal contact,
milestones, public updates): a ``Project`` adds the group that runs it (an organisation,
so members are invited and keep their history), the expenses with receipts and the payout
requests that the municipal contact approves or returns with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import kroner_limits


class Project(models.Model):
    implementation = models.OneToOneField(
        "budgets.Implementation",
        verbose_name=_("implementation"),
        on_delete=models.CASCADE,
        related_name="project",
    )
    group = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("citizen group"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(self.implementation)

    def spent(self) -> int:
        return int(self.expenses.aggregate(total=Sum("amount"))["total"] or 0)


class Payout(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the contact")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="payouts"
    )
    amount = models.PositiveIntegerField(_("amount (kr.)"), validators=kroner_limits())
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for returning it"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("payout request")
        verbose_name_plural = _("payout requests")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.amount}"


class Expense(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="expenses"
    )
    description = models.CharField(_("what it paid for"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr.)"), validators=kroner_limits())
    spent_on = models.DateField(_("date"))
    receipt = models.FileField(_("receipt"), upload_to="projects/receipts/")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payout = models.ForeignKey(
        Payout,
        verbose_name=_("payout request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "id"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self) -> str:
        return self.description


class ProjectRules(models.Model):
    """A process's deadlines for its winning projects, counted from the start of its
    implementation phase (Faaborg-Midtfyn: start within 1 year, finish within 2)."""

    process = models.OneToOneField(
        "budgets.BudgetProcess",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="project_rules",
    )
    start_within_months = models.PositiveSmallIntegerField(
        _("start within (months)"), default=12, validators=[MaxValueValidator(120)]
    )
    finish_within_months = models.PositiveSmallIntegerField(
        _("finish within (months)"), default=24, validators=[MaxValueValidator(240)]
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before each limit"),
        default=30,
        validators=[MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("rules for projects")
        verbose_name_plural = _("rules for projects")

    def __str__(self) -> str:
        return str(self.process)


class Handover(models.TextChoices):
    GROUP = "group", _("The citizen group")
    ASSOCIATION = "association", _("An association")
    MUNICIPALITY = "municipality", _("The municipality")


class ProjectHandover(models.Model):
    """Who runs and maintains the result afterwards, with the agreement recorded."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="handover"
    )
    taken_over_by = models.CharField(_("taken over by"), max_length=20, choices=Handover.choices)
    party = models.CharField(_("name of who takes over"), max_length=200, blank=True)
    agreement = models.TextField(_("the agreement"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.taken_over_by}"


class ProjectReminder(models.Model):
    """A reminder sent before a limit, so that each is sent once."""

    class Kind(models.TextChoices):
        START = "start", _("Start")
        FINISH = "finish", _("Finish")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="projects_remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.kind}"


class Task(models.Model):
    """A piece of work in the group's plan, with the member who owns it."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class Volunteer(models.Model):
    """Someone who signs up to help with the project (not a member of the group)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="volunteers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(_("how you can help"), max_length=300, blank=True)
    joined_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projects_volunteer_once")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.user_id}"


class Document(models.Model):
    """A document of the project (plans, agreements, drawings, photos). The group decides
    for each whether the public sees it; files are served only through a view that checks
    this, never from a public media address."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to="projects/documents/")
    # The name the file is downloaded with (the stored file has a random name).
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public project page.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title
