"""Printable paper ballots and proposal posters (PDF with WeasyPrint, QR codes with segno).

The print templates carry their styles inline and WeasyPrint fetches nothing (see
``samskab.secretariat.exports``), so a proposal's text cannot make the server fetch a URL.
"""

from __future__ import annotations

from collections.abc import Sequence

import segno
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.budgets.models import BallotType, BudgetArea, BudgetProcess, Proposal
from samskab.core.formatting import format_kroner
from samskab.secretariat.exports import pdf_bytes

# Sheets per PDF: enough for a village hall, small enough for the shared server.
MAX_SHEETS = 500


def ballot_rules_text(process: BudgetProcess, budget_area: BudgetArea) -> str:
    """The rule printed on the sheet, in the voter's words ("sæt kryds ved højst 3")."""
    kind = process.ballot_type
    if kind == BallotType.BASKET:
        return _(
            "Put a cross by the projects you want. Together they may cost at most %(budget)s."
        ) % {"budget": format_kroner(budget_area.budget)}
    if kind == BallotType.APPROVAL:
        if process.min_projects <= 1:
            return ngettext(
                "Put a cross by at most %(max)d project.",
                "Put a cross by at most %(max)d projects.",
                process.max_projects,
            ) % {"max": process.max_projects}
        return _("Put a cross by at least %(min)d and at most %(max)d projects.") % {
            "min": process.min_projects,
            "max": process.max_projects,
        }
    if kind == BallotType.CUMULATIVE:
        return _(
            "Share at most %(total)d points between the projects: write the points in the box."
        ) % {"total": process.points_total}
    return _(
        "Write 1 by the project you want most, 2 by the next and so on, at most %(count)d."
    ) % {"count": process.rank_count}


def ballot_sheets_pdf(
    process: BudgetProcess,
    budget_area: BudgetArea,
    proposals: Sequence[Proposal],
    *,
    first: int,
    count: int,
) -> bytes:
    html = render_to_string(
        "budgets/print/ballot_sheets.html",
        {
            "process": process,
            "budget_area": budget_area,
            "proposals": proposals,
            "rules": ballot_rules_text(process, budget_area),
            "numbers": range(first, first + count),
        },
    )
    return pdf_bytes(html)


def qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=5))


def posters_pdf(
    process: BudgetProcess, proposals: Sequence[Proposal], urls: Sequence[str]
) -> bytes:
    html = render_to_string(
        "budgets/print/posters.html",
        {
            "process": process,
            "posters": [
                {"proposal": proposal, "url": url, "qr": qr_svg(url)}
                for proposal, url in zip(proposals, urls, strict=True)
            ],
        },
    )
    return pdf_bytes(html)
