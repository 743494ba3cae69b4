"""What a citizen is told when a page belongs to a phase that is not open.

A closed or not-yet-open phase is a state to explain, not a permission to deny: the page
says what is happening and where to go instead ("Afstemningen er lukket – se resultaterne",
"Afstemningen åbner 8. januar").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.budgets.models import PHASE_ORDER, BudgetProcess, Phase


@dataclass(frozen=True)
class PhaseNotice:
    """The state of a phase in plain words, and the way on."""

    title: str
    text: str
    link_url: str
    link_text: str


def _before(process: BudgetProcess, phase: str) -> bool:
    current = process.current_phase
    return current is None or PHASE_ORDER.index(current) < PHASE_ORDER.index(phase)


def _process_link(process: BudgetProcess) -> tuple[str, str]:
    return process.get_absolute_url(), _("See the citizen budget")


def _opening(process: BudgetProcess, day: datetime.date, *, dated: str, undated: str) -> str:
    """ "Opens on 8. januar"; without the date when staff have set the phase by hand,
    because the dates then no longer say when the next phase begins."""
    if process.phase_override:
        return undated
    return dated % {"date": date_format(day, "j. F")}


def voting_notice(process: BudgetProcess) -> PhaseNotice:
    """Why the ballot cannot be filled in now: voting has not opened, or it has closed."""
    if _before(process, Phase.VOTING):
        url, link = _process_link(process)
        return PhaseNotice(
            title=_opening(
                process,
                process.voting_start,
                dated=_("Voting opens on %(date)s"),
                undated=_("Voting has not opened yet"),
            ),
            text=_("Until then you can read the proposals you will be able to vote on."),
            link_url=url,
            link_text=link,
        )
    if process.has_results:
        return PhaseNotice(
            title=_("Voting has closed"),
            text=_("The votes have been counted and the results are published."),
            link_url=reverse("budgets:results", args=[process.slug]),
            link_text=_("See the results"),
        )
    url, link = _process_link(process)
    return PhaseNotice(
        title=_("Voting has closed"),
        text=_("The votes are being counted. The results are published here when they are ready."),
        link_url=url,
        link_text=link,
    )


def proposals_notice(process: BudgetProcess) -> PhaseNotice:
    """Why no project can be proposed now: the proposal phase has not started, or it is over."""
    url, link = _process_link(process)
    if _before(process, Phase.PROPOSALS):
        return PhaseNotice(
            title=_opening(
                process,
                process.proposals_start,
                dated=_("You can propose projects from %(date)s"),
                undated=_("You cannot propose projects yet"),
            ),
            text=_("Until then you can read about the citizen budget and its rules."),
            link_url=url,
            link_text=link,
        )
    return PhaseNotice(
        title=_("The period for proposals is over"),
        text=_("You can follow the proposals that were submitted on the citizen budget's page."),
        link_url=url,
        link_text=_("See the proposals"),
    )


def results_notice(process: BudgetProcess) -> PhaseNotice:
    """Why there are no results to see yet."""
    url, link = _process_link(process)
    if _before(process, Phase.RESULTS):
        text = _opening(
            process,
            process.voting_start,
            dated=_("Voting opens on %(date)s. The results are published after it closes."),
            undated=_("The results are published after voting closes."),
        )
        if not _before(process, Phase.VOTING):
            text = _("The results are published after voting closes.")
    else:
        text = _("The votes are being counted. The results are published here when they are ready.")
    return PhaseNotice(
        title=_("The results are not published yet"), text=text, link_url=url, link_text=link
    )
