"""The idea bank and the management handling of ideas.

An idea moves through steps, each with a deadline: the secretariat screens it (routes it
to a department and a responsible manager, merges it into a duplicate, or answers it
directly), the manager assesses it with a structured form, and a decision with a public
reason closes it (or parks it until a date, when it returns to the manager's queue).
Every change is an event on the idea's timeline, which the submitter can follow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import kroner_limits, validate_single_line


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting screening")
    ASSESSMENT = "assessment", _("Being assessed")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    REALISE = "realise", _("Will be realised")
    EXPERIMENT = "experiment", _("Will be tested as an experiment")
    WORKSHOP = "workshop", _("Developed further in a workshop")
    PARKED = "parked", _("Parked")
    DECLINED = "declined", _("Declined")
    ANSWERED = "answered", _("Answered")
    MERGED = "merged", _("Merged with another idea")
    REALISED = "realised", _("Realised")


# Steps in which someone must act before a deadline.
OPEN_STATUSES = (Status.SUBMITTED, Status.ASSESSMENT, Status.AWAITING_DECISION)
# Steps in which the responsible manager assesses and decides.
HANDLING_STATUSES = (Status.ASSESSMENT, Status.AWAITING_DECISION)


class DecisionKind(models.TextChoices):
    REALISE = "realise", _("Realise directly")
    EXPERIMENT = "experiment", _("Test as an experiment")
    WORKSHOP = "workshop", _("Develop further in a workshop")
    PARK = "park", _("Park until a date")
    DECLINE = "decline", _("Decline")


DECISION_STATUS = {
    DecisionKind.REALISE: Status.REALISE,
    DecisionKind.EXPERIMENT: Status.EXPERIMENT,
    DecisionKind.WORKSHOP: Status.WORKSHOP,
    DecisionKind.PARK: Status.PARKED,
    DecisionKind.DECLINE: Status.DECLINED,
}

# The decision as citizens read it: a result, where the kinds above are options for staff.
DECISION_OUTCOMES = {
    DecisionKind.REALISE: _("The idea will be carried out"),
    DecisionKind.EXPERIMENT: _("The idea will be tested as an experiment"),
    DecisionKind.WORKSHOP: _("The idea will be developed further in a workshop"),
    DecisionKind.PARK: _("The idea is parked for now"),
    DecisionKind.DECLINE: _("The idea is declined"),
}


class Idea(models.Model):
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    problem = models.TextField(_("the problem"))
    description = models.TextField(_("the idea"))
    beneficiaries = models.TextField(_("who benefits"))
    area = models.ForeignKey(
        "core.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="ideas"
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="ideas"
    )
    plan_goal = models.ForeignKey(
        "meetings.Goal",
        verbose_name=_("supports the development plan goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    is_internal = models.BooleanField(
        _("internal"), default=False, help_text=_("Visible to employees of the municipality only.")
    )
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_ideas",
    )
    deadline = models.DateField(
        _("deadline for the current step"), null=True, blank=True, db_index=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
    )
    answer = models.TextField(_("answer"), blank=True)
    parked_until = models.DateField(_("parked until"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_within_deadline = models.BooleanField(_("decided within deadline"), null=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Attachment(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="ideer/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ideas:attachment", args=[self.idea_id, self.pk])


class Event(models.Model):
    """One step on an idea's timeline. ``message`` is shown to everyone who sees the idea."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ROUTED = "routed", _("Routed to a responsible manager")
        MERGED = "merged", _("Merged with another idea")
        ANSWERED = "answered", _("Answered")
        ASSESSED = "assessed", _("Assessed")
        DECIDED = "decided", _("Decided")
        RETURNED = "returned", _("Back in the queue after being parked")
        HIDDEN = "hidden", _("Hidden by moderation")
        REALISATION = "realisation", _("News about the realisation")
        WORKSHOP = "workshop", _("Outcome of the workshop")

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status afterwards"), max_length=20, choices=Status.choices)
    message = models.TextField(_("message"), blank=True)
    deadline = models.DateField(_("deadline of the next step"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind}"


class Criterion(models.TextChoices):
    LEGAL = "legal", _("Legal feasibility")
    ECONOMIC = "economic", _("Economic feasibility")
    ORGANISATIONAL = "organisational", _("Organisational feasibility")
    CITIZEN_VALUE = "citizen_value", _("Value for citizens")
    SCALING = "scaling", _("Potential to scale")
    POLICY_FIT = "policy_fit", _("Fit with policies")
    COST = "cost", _("Cost")
    RISK = "risk", _("Risks")
    EVIDENCE = "evidence", _("Known evidence")


class Assessment(models.Model):
    """The responsible manager's structured assessment. Each criterion is a row below."""

    idea = models.OneToOneField(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="assessment"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"))
    cost_estimate = models.DecimalField(
        _("cost estimate (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=kroner_limits(),
    )
    zero_error_area = models.BooleanField(_("the area demands zero errors"), default=False)
    zero_error_text = models.TextField(_("why (zero errors)"), blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.idea_id}"


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="ideas_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="ideas_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Meeting(models.Model):
    """A decision meeting (beslutningsmøde): the management decides an agenda of ideas
    awaiting a decision in one go. Not to be confused with the workshops and citizens'
    idea meetings in ``samskab.meetings``, where people develop ideas together."""

    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    date = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ideas = models.ManyToManyField(
        Idea, verbose_name=_("agenda"), related_name="meetings", blank=True
    )
    decisions_recorded_at = models.DateTimeField(_("decisions recorded"), null=True, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("decision meeting")
        verbose_name_plural = _("decision meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:meeting", args=[self.pk])


class Decision(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    reason = models.TextField(_("reason"))
    park_until = models.DateField(_("park until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"))
    deadline = models.DateField(_("deadline at the time"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("decision meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind}"

    @property
    def outcome(self) -> str:
        """What the decision means for the idea, in words for citizens."""
        return str(DECISION_OUTCOMES[DecisionKind(self.kind)])


class Reminder(models.Model):
    """A reminder that was sent, so that each one is sent only once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        AFTER = "after", _("After the deadline")

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("step"), max_length=20, choices=Status.choices)
    deadline = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "kind", "status", "deadline"], name="ideas_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind} {self.deadline}"


class Realisation(models.Model):
    """What follows a decision to realise an idea: who does it, by when, with which
    milestones, and a public status the submitter follows until it is done."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    idea = models.OneToOneField(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="realisation"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible for the realisation"),
        on_delete=models.PROTECT,
        related_name="realisations",
    )
    due_date = models.DateField(_("to be done by"), db_index=True)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    public_note = models.TextField(
        _("public status"), blank=True, help_text=_("Shown on the idea's page. Markdown.")
    )
    created_at = models.DateTimeField(_("created"))
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.state}"

    def get_absolute_url(self) -> str:
        return reverse("ideas:realisation", args=[self.idea_id])

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE


class Milestone(models.Model):
    realisation = models.ForeignKey(
        Realisation,
        verbose_name=_("realisation"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due"))
    done_at = models.DateTimeField(_("reached"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class RealisationReminder(models.Model):
    """A reminder about a realisation's due date that was sent, so each is sent once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        AFTER = "after", _("After the due date")

    realisation = models.ForeignKey(
        Realisation,
        verbose_name=_("realisation"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("realisation reminder")
        verbose_name_plural = _("realisation reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["realisation", "kind", "due_date"], name="ideas_realisation_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.realisation_id}: {self.kind} {self.due_date}"
