"""Every write of the secretariat: committee reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core.audit import audit_record
from samskab.secretariat.models import CommitteeReport

HIGHLIGHTS = ("highlighted_ideas", "highlighted_experiments", "highlighted_learnings")


def _check_quarter(*, year: int, quarter: int, exclude: int | None = None) -> None:
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    others = CommitteeReport.objects.filter(year=year, quarter=quarter)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"quarter": _("There is already a report for this quarter.")})


def _set_highlights(report: CommitteeReport, highlights: dict[str, Iterable[Any]]) -> None:
    for name in HIGHLIGHTS:
        if name in highlights:
            getattr(report, name).set(highlights[name])


@transaction.atomic
def committee_report_create(
    *,
    actor: User,
    year: int,
    quarter: int,
    title: str,
    highlights: str = "",
    decisions: str = "",
    **picked: Iterable[Any],
) -> CommitteeReport:
    """A draft report for a quarter (one per quarter), with the highlights picked by the
    secretariat (``highlighted_ideas``, ``highlighted_experiments``,
    ``highlighted_learnings``) and the decisions the committee is asked to take."""
    _check_quarter(year=year, quarter=quarter)
    try:
        with transaction.atomic():
            report = CommitteeReport.objects.create(
                year=year,
                quarter=quarter,
                title=title,
                highlights=highlights,
                decisions=decisions,
                created_by=actor,
            )
    except IntegrityError as error:  # created at the same moment by someone else
        raise ValidationError(
            {"quarter": _("There is already a report for this quarter.")}
        ) from error
    _set_highlights(report, picked)
    audit_record(actor=actor, action="create", obj=report)
    return report


@transaction.atomic
def committee_report_update(
    *,
    actor: User,
    report: CommitteeReport,
    year: int,
    quarter: int,
    title: str,
    highlights: str = "",
    decisions: str = "",
    **picked: Iterable[Any],
) -> CommitteeReport:
    _check_quarter(year=year, quarter=quarter, exclude=report.pk)
    report.year, report.quarter, report.title = year, quarter, title
    report.highlights, report.decisions = highlights, decisions
    report.save(update_fields=["year", "quarter", "title", "highlights", "decisions", "updated_at"])
    _set_highlights(report, picked)
    audit_record(actor=actor, action="update", obj=report)
    return report


@transaction.atomic
def committee_report_publish(
    *,
    actor: User,
    report: CommitteeReport,
    figures_html: str,
    rows: Sequence[Sequence[str]],
) -> CommitteeReport:
    """Publish the report to the committee with its figures frozen as they stand now.

    ``figures_html`` is the rendered figures section and ``rows`` the data rows (see
    ``views.report_publish``). Publishing twice keeps the first date and figures.
    """
    if report.published_at is None:
        report.published_at = timezone.now()
        report.published_figures_html = figures_html
        report.published_rows = [list(row) for row in rows]
        report.save(update_fields=["published_at", "published_figures_html", "published_rows"])
        audit_record(actor=actor, action="publish", obj=report)
    return report


@transaction.atomic
def committee_report_resolutions_record(
    *, actor: User, report: CommitteeReport, resolutions: str
) -> CommitteeReport:
    """Record what the committee resolved on the report's "decisions for the committee"
    (after its meeting). Only a published report has been before the committee."""
    if report.published_at is None:
        raise ValidationError(_("Publish the report before recording the committee's resolutions."))
    resolutions = resolutions.strip()
    if not resolutions:
        raise ValidationError({"resolutions": _("Write what the committee resolved.")})
    report.resolutions = resolutions
    report.resolutions_recorded_at = timezone.now()
    report.resolutions_recorded_by = actor
    report.save(update_fields=["resolutions", "resolutions_recorded_at", "resolutions_recorded_by"])
    audit_record(actor=actor, action="committee_resolutions", obj=report)
    return report
