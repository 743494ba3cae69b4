"""Demo interventions for `make run` (called by the seed_demo command). Safe to run again."""

from __future__ import annotations

from samskab.accounts.models import User
from samskab.core.models import Area, Department
from samskab.evidence import services
from samskab.evidence.models import Grade, Intervention, Status
from samskab.evidence.services import InterventionData
from samskab.experiments.models import Experiment

PHONE_FRIENDS = "Telefonvenner"
SCHOOLYARDS = "Åbne skolegårde"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed_demo_evidence() -> None:
    employee = _user("medarbejder@demo.samskab.dk")
    manager = _user("leder@demo.samskab.dk")
    secretariat = _user("sekretariat@demo.samskab.dk")
    if employee is None or manager is None or secretariat is None:
        return
    slagelse = Area.objects.filter(slug="slagelse-kommune").first()

    if not Intervention.objects.filter(title=PHONE_FRIENDS).exists():
        phone = services.intervention_create(
            actor=employee,
            data=InterventionData(
                title=PHONE_FRIENDS,
                summary="Frivillige ringer hver uge til ældre, der føler sig ensomme.",
                target_group="Ældre over 75 år, der bor alene",
                area=slagelse,
                department=Department.objects.filter(slug="sundhed-og-aeldre").first(),
                local_experience="Ældresagen i Skælskør har haft telefonvenner siden 2019.",
                experiments=list(
                    Experiment.objects.filter(title="Telefonvenner til ensomme ældre")
                ),
            ),
        )
        services.source_add(
            intervention=phone,
            actor=employee,
            citation="Eksempel: Systematisk review af telefonindsatser mod ensomhed (2020)",
            design=Grade.SYSTEMATIC_REVIEW,
            conclusion="Små, men konsistente fald i oplevet ensomhed.",
        )
        services.intervention_update(
            intervention=phone,
            actor=employee,
            data=InterventionData(
                title=phone.title,
                summary=phone.summary,
                target_group=phone.target_group,
                area=phone.area,
                department=phone.department,
                research_grade=Grade.SYSTEMATIC_REVIEW,
                research_summary="Forskningen peger på en lille positiv effekt på ensomhed.",
                local_experience=phone.local_experience,
                experiments=list(phone.experiments.all()),
            ),
        )
        services.request_create(
            intervention=phone,
            actor=employee,
            question="Virker telefonvenner også for ældre med let demens?",
        )

    if not Intervention.objects.filter(title=SCHOOLYARDS).exists():
        yards = services.intervention_create(
            actor=manager,
            data=InterventionData(
                title=SCHOOLYARDS,
                summary="Skolegårde holdes åbne og oplyste om aftenen for byens unge.",
                target_group="Unge 12-17 år",
                area=Area.objects.filter(slug="korsoer").first(),
                local_data="Optællinger fra forsøget i Korsør.",
                experiments=list(
                    Experiment.objects.filter(title="Åben skolegård om aftenen i Korsør")
                ),
            ),
        )
        request = services.request_create(
            intervention=yards,
            actor=manager,
            question="Kan vi udbrede åbne skolegårde til Skælskør?",
        )
        services.request_answer(
            request=request,
            actor=employee,
            answer=(
                "Der er ingen forskning om netop åbne skolegårde, men forsøget i Korsør viste "
                "flere unge i skolegården uden gener for naboerne."
            ),
        )
        services.request_approve(request=request, actor=secretariat)
        services.intervention_status_set(intervention=yards, actor=manager, status=Status.ROLLOUT)
