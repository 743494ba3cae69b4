"""Quarterly reports from the secretariat to the committee for citizen-driven innovation.

The figures of a report are not stored: they are computed from the other capabilities for
the report's quarter whenever the report is shown, so they can always be recomputed. What
the secretariat adds is stored here: highlights (picked ideas, experiments and shared
learnings, and free Markdown) and the decisions the committee is asked to take.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_single_line


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a quarter."""
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    following = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    )
    return start, following - datetime.timedelta(days=1)


class CommitteeReport(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    highlights = models.TextField(
        _("highlights"), blank=True, help_text=_("Markdown. What the committee should notice.")
    )
    highlighted_ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("highlighted ideas"), blank=True, related_name="+"
    )
    highlighted_experiments = models.ManyToManyField(
        "experiments.Experiment",
        verbose_name=_("highlighted experiments"),
        blank=True,
        related_name="+",
    )
    highlighted_learnings = models.ManyToManyField(
        "learning.SharedLearning",
        verbose_name=_("highlighted shared learnings"),
        blank=True,
        related_name="+",
    )
    decisions = models.TextField(
        _("decisions for the committee"),
        blank=True,
        help_text=_("Markdown. The decisions the committee is asked to take."),
    )
    resolutions = models.TextField(
        _("the committee's resolutions"),
        blank=True,
        help_text=_("Markdown. What the committee resolved on the decisions it was asked for."),
    )
    resolutions_recorded_at = models.DateTimeField(_("resolutions recorded"), null=True, blank=True)
    resolutions_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolutions recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The figures as they stood when the report was published, so that what the committee
    # read does not change afterwards: the rendered figures (in Danish, without links) and
    # the rows of the CSV and XLSX files. Empty for drafts, which show today's figures.
    published_figures_html = models.TextField(blank=True, default="", editable=False)
    published_rows = models.JSONField(blank=True, default=list, editable=False)

    class Meta:
        ordering = ["-year", "-quarter", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="secretariat_report_once"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="secretariat_report_quarter_1_to_4",
            ),
        ]
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("secretariat:report", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def period_label(self) -> str:
        return f"{self.year} K{self.quarter}"

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return quarter_dates(self.year, self.quarter)
