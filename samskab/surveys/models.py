"""Surveys (spørgeskemaer) and polls: questions to the public, answered without a name.

An answer (``Response`` with its ``Answer`` rows) has no link to the person who gave it.
What stops a logged-in person from answering twice is a ``Respondent`` row holding only a
keyed hash of (survey, person), in a table of its own; anonymous answers to open surveys
are stopped by a signed cookie. A poll is a survey of one question shown inline.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_single_line


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    AREA = "area", _("Logged-in residents of an area")


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    description = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    is_poll = models.BooleanField(
        _("poll"),
        default=False,
        help_text=_("A poll has one question and is answered right on the page it is shown on."),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("The last day answers are taken."))
    audience = models.CharField(
        _("who may answer"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For surveys only for the residents of an area."),
    )
    # What the survey is about: at most one of these (or none, for a survey on its own).
    plan = models.ForeignKey(
        "meetings.LocalPlan",
        verbose_name=_("local development plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    experiment = models.ForeignKey(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    idea = models.ForeignKey(
        "ideas.Idea",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Unpublished surveys are drafts.")
    )
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
        ordering = ["-opens_on", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="surveys_survey_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=(
                    Q(plan__isnull=True, meeting__isnull=True, experiment__isnull=True)
                    | Q(plan__isnull=True, meeting__isnull=True, idea__isnull=True)
                    | Q(plan__isnull=True, experiment__isnull=True, idea__isnull=True)
                    | Q(meeting__isnull=True, experiment__isnull=True, idea__isnull=True)
                ),
                name="surveys_survey_about_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    @property
    def subject(self) -> models.Model | None:
        """The plan, meeting, experiment or idea the survey is about, if any."""
        return self.plan or self.meeting or self.experiment or self.idea


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale")
    TEXT = "text", _("Free text")
    RANKING = "ranking", _("Ranking")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300, validators=[validate_single_line])
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    is_required = models.BooleanField(_("an answer is required"), default=True)
    scale_min = models.PositiveSmallIntegerField(_("scale from"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("scale to"), default=5)
    scale_min_label = models.CharField(_("meaning of the lowest value"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("meaning of the highest value"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("option"), max_length=200)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One filled-in survey. Deliberately no person and no time of day: only the date."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    answered_on = models.DateField(_("answered"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    """One answer to one question: an option chosen (with its rank for ranking questions),
    a value on a scale, or a text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(
        Option,
        verbose_name=_("option"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}/{self.pk}"


class Respondent(models.Model):
    """That someone has answered a survey: a keyed hash of (survey, person), nothing else.

    A random primary key and no time: rows numbered in order could be lined up with the
    responses, numbered in the same order, and so tie a person to their answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="respondents"
    )
    key = models.CharField(_("key"), max_length=64)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="surveys_respondent_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.key[:8]}"
