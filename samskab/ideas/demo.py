"""Demo ideas for `make run`: a few public ideas in different steps and one internal idea.
Idempotent: ideas are recognised by their title."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samskab.accounts.models import User
from samskab.core.models import Area, Department
from samskab.ideas import services
from samskab.ideas.models import DecisionKind, Idea, Theme

DEMO_IDEAS = [
    # (title, problem, idea, who benefits, area slug, theme slug, author e-mail, internal)
    (
        "Flere bænke langs stien ved Tystrup Sø",
        "Ældre og gangbesværede kan ikke gå hele turen uden at hvile.",
        "Sæt en bænk op for hver 300 meter langs stien.",
        "Ældre, gangbesværede og børnefamilier.",
        "skaelskoer",
        "aeldre-og-sundhed",
        "borger@demo.samskab.dk",
        False,
    ),
    (
        "Legeplads ved havnen i Korsør",
        "Der er ingen legeplads tæt på havnen, hvor mange familier går tur.",
        "Byg en lille naturlegeplads på græsarealet ved havnen.",
        "Børnefamilier og turister.",
        "korsoer",
        "boern-og-unge",
        "borger@demo.samskab.dk",
        False,
    ),
    (
        "Cykelparkering ved Slagelse Station",
        "Cykelstativerne er fyldte om morgenen, så cykler står i vejen.",
        "Udvid cykelparkeringen med en overdækket dobbeltetage.",
        "Pendlere og gående ved stationen.",
        "slagelse",
        "trafik-og-veje",
        "ung@demo.samskab.dk",
        False,
    ),
    (
        "Fælles vagtplan på tværs af plejecentre",
        "Vikarer bookes hver for sig, og vi betaler for meget.",
        "Én fælles vagtplan, så ledige timer kan deles på tværs.",
        "Medarbejdere og beboere på plejecentrene.",
        "slagelse",
        "arbejdsgange-i-kommunen",
        "medarbejder@demo.samskab.dk",
        True,
    ),
]


def seed_demo_ideas() -> int:
    """Create the demo ideas that do not exist yet; returns how many were created."""
    created = 0
    secretariat = User.objects.filter(email="sekretariat@demo.samskab.dk").first()
    manager = User.objects.filter(email="leder@demo.samskab.dk").first()
    department = Department.objects.filter(slug="miljoe-plan-og-teknik").first()
    with transaction.atomic():
        for index, (title, problem, text, who, area, theme, email, internal) in enumerate(
            DEMO_IDEAS
        ):
            author = User.objects.filter(email=email).first()
            if author is None or Idea.objects.filter(title=title).exists():
                continue
            idea = services.idea_submit(
                author=author,
                title=title,
                problem=problem,
                description=text,
                beneficiaries=who,
                area=Area.objects.get(slug=area),
                theme=Theme.objects.get(slug=theme),
                is_internal=internal,
            )
            created += 1
            if index == 0 or secretariat is None or manager is None or department is None:
                continue  # the first idea stays in the screening queue
            services.idea_route(
                idea=idea,
                actor=secretariat,
                department=department,
                responsible=manager,
                deadline=timezone.localdate() + timedelta(days=30),
                message="Center for Miljø, Plan og Teknik ser på idéen.",
            )
            if index == 2:
                services.idea_decide(
                    idea=idea,
                    actor=manager,
                    kind=DecisionKind.EXPERIMENT,
                    reason="Vi afprøver en midlertidig udvidelse i tre måneder og måler brugen.",
                )
    return created
