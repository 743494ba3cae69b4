"""Demo learning reports for `make run`: a coordinator, a zero-error area, reports on both
routes (one anonymous, one confidential), one shared learning with actions.
Idempotent: nothing is added when the demo reports exist."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samskab.accounts.models import User
from samskab.core.models import Department
from samskab.learning import services
from samskab.learning.models import (
    Category,
    Kind,
    LearningCoordinator,
    LearningReport,
    Severity,
    ZeroErrorArea,
)

DEPARTMENT = "sundhed-og-aeldre"
COORDINATOR = "medarbejder@demo.samskab.dk"
RESPONSIBLE = "leder@demo.samskab.dk"
FIRST_TITLE = "Medicin givet til forkert tidspunkt"


def seed_demo_learning() -> None:
    department = Department.objects.filter(slug=DEPARTMENT).first()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    responsible = User.objects.filter(email=RESPONSIBLE).first()
    if department is None or coordinator is None or responsible is None:
        return
    LearningCoordinator.objects.get_or_create(user=coordinator, department=department)
    area, _created = ZeroErrorArea.objects.get_or_create(
        department=department,
        name="Udbetaling af plejevederlag",
        defaults={
            "description": "Borgerne skal have det rigtige beløb til tiden.",
            "handling_days": 5,
            "responsible": responsible,
        },
    )
    if LearningReport.objects.filter(title=FIRST_TITLE).exists():
        return
    first = services.report_submit(
        reporter=coordinator,
        kind=Kind.ERROR,
        title=FIRST_TITLE,
        what_happened=(
            "Aftenmedicinen blev givet en time for sent, fordi vagtskiftet faldt samtidig "
            "med en akut opgave."
        ),
        context="Travl aftenvagt, en kollega syg.",
        what_helped="Borgeren sagde selv til.",
        what_hindered="Medicinlisten var ikke opdateret i systemet.",
        consequences="Ingen skade, men borgeren var utryg.",
        learning_points="Medicin skal stå på tavlen ved vagtskiftet.",
        suggested_changes="Fast punkt om medicin på overleveringsmødet.",
        severity=Severity.MINOR,
        category=Category.HANDOVER,
        department=department,
    )
    shared = services.shared_learning_save(
        report=first,
        actor=coordinator,
        title="Medicin ved vagtskifte",
        summary=(
            "Aftenmedicin blev givet for sent, fordi vagtskiftet faldt samtidig med en akut "
            "opgave, og medicinlisten ikke var opdateret."
        ),
        learning_points="Medicin skal stå på tavlen ved vagtskiftet.",
        suggested_changes="Fast punkt om medicin på overleveringsmødet.",
        publish=True,
    )
    services.action_add(
        report=first,
        actor=coordinator,
        title="Medicin som fast punkt på overleveringsmødet",
        owner=responsible,
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    services.relevance_toggle(shared=shared, user=responsible)
    services.report_submit(
        reporter=coordinator,
        kind=Kind.NEAR_MISS,
        title="Plejevederlag næsten udbetalt to gange",
        what_happened="En manuel udbetaling blev oprettet, selvom den automatiske var kørt.",
        learning_points="Tjek udbetalingsloggen før manuelle udbetalinger.",
        severity=Severity.MODERATE,
        category=Category.PAYMENT,
        department=department,
        zero_error_area=area,
    )
    services.report_submit(
        reporter=coordinator,
        kind=Kind.SURPRISE,
        title="Ny hjælpemiddelsproces virkede bedre end ventet",
        what_happened="Borgerne fik hjælpemidler på to dage i stedet for ti.",
        what_helped="Én fælles indbakke.",
        severity=Severity.NONE,
        category=Category.PROCEDURE,
        department=department,
        is_anonymous=True,
    )
    services.report_submit(
        reporter=coordinator,
        kind=Kind.ERROR,
        title="Brev sendt til forkert adresse",
        what_happened="Et brev om en afgørelse blev sendt til en tidligere adresse.",
        severity=Severity.MODERATE,
        category=Category.CASEWORK,
        department=department,
        is_confidential=True,
    )
