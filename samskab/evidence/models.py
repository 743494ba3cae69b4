"""The evidence registry: interventions with research and practice evidence side by side.

An intervention may be marked for rollout only when an evidence request about it has been
answered and the answer approved (see ``services.intervention_status_set``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_single_line


class Grade(models.TextChoices):
    """The strength of research evidence, strongest first (the documented scale)."""

    SYSTEMATIC_REVIEW = "systematic_review", _("Systematic reviews")
    RANDOMISED_TRIAL = "randomised_trial", _("Randomised controlled trials")
    QUASI_EXPERIMENTAL = "quasi_experimental", _("Quasi-experimental studies")
    DESCRIPTIVE = "descriptive", _("Descriptive studies")
    EXPERT_OPINION = "expert_opinion", _("Expert opinion")
    NONE = "none", _("No research evidence")


# 1 is the strongest. An intervention's grade may not claim more than its sources show.
GRADE_RANK: dict[str, int] = {grade.value: rank for rank, grade in enumerate(Grade, start=1)}

GRADE_DESCRIPTIONS: dict[str, object] = {
    Grade.SYSTEMATIC_REVIEW: _(
        "A systematic review or meta-analysis that gathers and weighs all studies of the "
        "intervention (e.g. from Cochrane, Campbell or VIVE)."
    ),
    Grade.RANDOMISED_TRIAL: _(
        "At least one randomised controlled trial: participants were assigned to the "
        "intervention or a comparison group by lot."
    ),
    Grade.QUASI_EXPERIMENTAL: _(
        "Studies with a comparison group that was not drawn by lot, or before-and-after "
        "measurements with a comparison, e.g. differences-in-differences."
    ),
    Grade.DESCRIPTIVE: _(
        "Descriptive studies without a comparison group: case studies, surveys, "
        "before-and-after measurements, qualitative studies."
    ),
    Grade.EXPERT_OPINION: _(
        "Statements from experts, professional guidelines or consensus, without studies "
        "of the intervention's effect."
    ),
    Grade.NONE: _("No research about the intervention has been found yet."),
}


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ASSESSING = "assessing", _("Evidence being assessed")
    ROLLOUT = "rollout", _("Marked for rollout")
    NOT_RECOMMENDED = "not_recommended", _("Not recommended")


class Intervention(models.Model):
    title = models.CharField(_("title"), max_length=150, validators=[validate_single_line])
    summary = models.TextField(_("what the intervention is"))
    target_group = models.TextField(_("target group"))
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
    )
    research_grade = models.CharField(
        _("research evidence grade"), max_length=30, choices=Grade.choices, default=Grade.NONE
    )
    research_summary = models.TextField(_("what the research says"), blank=True)
    local_experience = models.TextField(_("local experience"), blank=True)
    local_data = models.TextField(_("local data"), blank=True)
    experiments = models.ManyToManyField(
        "experiments.Experiment",
        verbose_name=_("experiments from the platform"),
        blank=True,
        related_name="interventions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.pk])


class ResearchSource(models.Model):
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    citation = models.CharField(
        _("source"), max_length=400, help_text=_("Authors, title, year and publisher.")
    )
    url = models.URLField(_("link"), blank=True)
    design = models.CharField(
        _("study design"),
        max_length=30,
        choices=[choice for choice in Grade.choices if choice[0] != Grade.NONE],
    )
    conclusion = models.TextField(_("what the source concludes"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("research source")
        verbose_name_plural = _("research sources")

    def __str__(self) -> str:
        return self.citation

    @property
    def rank(self) -> int:
        return GRADE_RANK[self.design]


class EvidenceRequest(models.Model):
    """An institution asks for the evidence before it implements an intervention."""

    class State(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered, awaiting approval")
        APPROVED = "approved", _("Answered and approved")

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    question = models.TextField(
        _("what do you need to know?"),
        help_text=_("For example: does it work for our target group, and what does it take?"),
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("asked by the department or institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="evidence_requests",
    )
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("evidence request")
        verbose_name_plural = _("evidence requests")

    def __str__(self) -> str:
        return f"{self.intervention}: {self.question[:60]}"


class Dimension(models.TextChoices):
    """The five dimensions of Socialstyrelsen's knowledge declaration (Vidensdeklaration)."""

    TARGET_GROUP = "target_group", _("Target group and problem")
    METHOD = "method", _("Method")
    IMPLEMENTATION = "implementation", _("Implementation")
    EFFECT = "effect", _("Effect")
    ECONOMY = "economy", _("Economy")


class DeclarationGrade(models.TextChoices):
    A = "A", _("A: well documented")
    B = "B", _("B: documented")
    C = "C", _("C: partly documented")
    D = "D", _("D: not documented")


# How much of the bar each grade fills in the declaration's chart (A is full).
DECLARATION_SCORE = {"A": 4, "B": 3, "C": 2, "D": 1}


class DeclarationItem(models.Model):
    """One dimension of an intervention's knowledge declaration: its grade and why."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="declaration",
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    grade = models.CharField(_("grade"), max_length=1, choices=DeclarationGrade.choices)
    reasoning = models.TextField(_("reasoning"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("knowledge declaration item")
        verbose_name_plural = _("knowledge declaration items")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "dimension"], name="evidence_declaration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention_id}: {self.dimension} {self.grade}"
