"""Demo data for `make run`: a draft committee report for the current quarter, with a few
highlights picked from the other capabilities' demo content. Idempotent."""

from __future__ import annotations

from django.utils import timezone

from samskab.accounts.models import User
from samskab.secretariat import selectors, services
from samskab.secretariat.forms import quarter_of
from samskab.secretariat.models import CommitteeReport, quarter_dates

SECRETARIAT = "sekretariat@demo.samskab.dk"

HIGHLIGHTS = """Borgerne i Slagelse, Korsør og Skælskør har sendt flere idéer end sidste kvartal.
Særligt idéerne om **grønne byrum** og **fællesskaber for ældre** har fået mange støtter.

Læringsindberetningerne viser, at en fælles tjekliste ved udbetalinger virker."""

DECISIONS = """1. Udvalget godkender, at forsøget med ugentlige opkald til ensomme ældre udbredes.
2. Udvalget tager orienteringen om borgerbudgettets gennemførelse til efterretning.
3. Udvalget beslutter, om næste borgerbudget skal omfatte landsbyerne."""


def seed_demo_secretariat() -> None:
    actor = User.objects.filter(email=SECRETARIAT).first()
    if actor is None:
        return
    year, quarter = quarter_of(timezone.localdate())
    if CommitteeReport.objects.filter(year=year, quarter=quarter).exists():
        return
    start, end = quarter_dates(year, quarter)
    services.committee_report_create(
        actor=actor,
        year=year,
        quarter=quarter,
        title=f"Rapport til Udvalget for Borgerdrevet Innovation, {quarter}. kvartal {year}",
        highlights=HIGHLIGHTS,
        decisions=DECISIONS,
        highlighted_ideas=list(selectors.highlight_ideas(start, end)[:3]),
        highlighted_experiments=list(selectors.highlight_experiments()[:2]),
        highlighted_learnings=list(selectors.highlight_learnings()[:2]),
    )
