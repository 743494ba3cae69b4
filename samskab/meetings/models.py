"""Co-creation meetings, networks and local development plans.

A *meeting* (workshop, idea meeting, network meeting or citizens' meeting) has a capacity;
people register, and when it is full they join a waiting list that moves up when someone
cancels. Ideas submitted at a meeting are linked to it, and its decisions are recorded.
A *network* gathers employees and citizens around a theme. A *local plan* describes what
one local area wants to achieve, with its actions. Every write goes through ``services.py``.

These meetings are not the secretariat's decision meetings in ``samskab.ideas``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import (
    count_limits,
    latitude_limits,
    longitude_limits,
    validate_single_line,
)


class Network(models.Model):
    name = models.CharField(_("name"), max_length=150, validators=[validate_single_line])
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(_("published"), default=True)
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("ideas"), blank=True, related_name="+"
    )
    experiments = models.ManyToManyField(
        "experiments.Experiment", verbose_name=_("experiments"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:network", args=[self.pk])


class Membership(models.Model):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="meetings_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.network_id}: {self.user_id}"


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    IDEA_MEETING = "idea_meeting", _("Idea meeting")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    CITIZENS_MEETING = "citizens_meeting", _("Citizens' meeting")


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Address and room.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, interpreting, toilets, parking …"),
    )
    capacity = models.PositiveIntegerField(_("number of places"), validators=count_limits())
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished meetings are drafts.")
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Registration cancelled")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    needs = models.CharField(
        _("needs"),
        max_length=300,
        blank=True,
        help_text=_("Anything we should know to make the meeting work for you."),
    )
    # The waiting list is ordered by this time; it is reset when someone registers again.
    registered_at = models.DateTimeField(_("registered"))
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meetings_register_once")
        ]
        indexes = [models.Index(fields=["meeting", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id} ({self.status})"


class MeetingIdea(models.Model):
    """An idea submitted at a meeting (through the idea bank's own submission)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="meeting_ideas"
    )
    idea = models.OneToOneField(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("idea from a meeting")
        verbose_name_plural = _("ideas from meetings")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.idea_id}"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    idea = models.ForeignKey(
        "ideas.Idea",
        verbose_name=_("about the idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class IdeaWorkshop(models.Model):
    """An idea decided "develop further in a workshop", linked to the workshop that does it.

    Its outcome is recorded here and on the idea's timeline, and the idea returns to its
    responsible manager for a new decision."""

    idea = models.OneToOneField(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="workshop"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="idea_workshops",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked"))
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("Markdown."))
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    class Meta:
        ordering = ["linked_at", "id"]
        verbose_name = _("workshop for an idea")
        verbose_name_plural = _("workshops for ideas")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.meeting_id}"


class LocalPlan(models.Model):
    """The local development plan of one area, made in dialogue with the area."""

    area = models.OneToOneField(
        "core.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("local council"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_plans",
        help_text=_("Its members co-edit the plan's goals and actions."),
    )
    # The council's name as text: kept for plans whose council has no organisation here.
    local_council = models.CharField(_("local council (name)"), max_length=200, blank=True)
    local_council_contact = models.CharField(
        _("how to reach the local council"), max_length=200, blank=True
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("municipal contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("local development plan")
        verbose_name_plural = _("local development plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("areas:detail", args=[self.area.slug])


class Goal(models.Model):
    plan = models.ForeignKey(
        LocalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    text = models.CharField(_("goal"), max_length=300)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(_("why it was closed"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")

    plan = models.ForeignKey(
        LocalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    responsible = models.CharField(_("who is responsible"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=latitude_limits(),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=longitude_limits(),
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(_("why it was closed"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class PlanChange(models.Model):
    """A change to a plan's goals or actions, proposed by the local council.

    Goals and actions always hold the published text: a change is applied to them only when
    the municipal contact (or the secretariat) publishes it, so the public never sees text
    nobody approved. Changes made by the contact themselves are published at once and kept
    here too, so the plan's history says who changed what, and when.
    """

    class Subject(models.TextChoices):
        GOAL = "goal", _("Goal")
        ACTION = "action", _("Action")

    class Operation(models.TextChoices):
        ADD = "add", _("New")
        EDIT = "edit", _("Changed")
        CLOSE = "close", _("Closed")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting approval")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Sent back")

    plan = models.ForeignKey(
        LocalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="changes"
    )
    subject = models.CharField(_("what"), max_length=10, choices=Subject.choices)
    operation = models.CharField(_("change"), max_length=10, choices=Operation.choices)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
    )
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
    )
    # The proposed fields (goal: text; action: title, description, status, responsible,
    # place, latitude, longitude; closing: reason), validated by the service.
    data = models.JSONField(_("proposed text"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("proposed"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("why it was sent back"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("change to a plan")
        verbose_name_plural = _("changes to plans")
        indexes = [models.Index(fields=["plan", "status"], name="meetings_planchange_status")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.subject} {self.operation} ({self.status})"

    @property
    def title(self) -> str:
        """The goal's or action's text as proposed (or, for closing, as published)."""
        if self.operation == self.Operation.CLOSE:
            target = self.goal if self.subject == self.Subject.GOAL else self.action
            return str(target) if target is not None else ""
        return str(self.data.get("text") or self.data.get("title") or "")
