"""Demo experiments for `make run` (called by the seed_demo command). Safe to run again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.accounts.models import User
from samskab.core.models import Area, Department
from samskab.experiments import services
from samskab.experiments.models import Experiment, Status
from samskab.experiments.services import EvaluationData, ExperimentData

RUNNING_TITLE = "Telefonvenner til ensomme ældre"
ZERO_ERROR_TITLE = "Digital medicinpåmindelse i hjemmeplejen"
DONE_TITLE = "Åben skolegård om aftenen i Korsør"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed_demo_experiments() -> None:
    employee = _user("medarbejder@demo.samskab.dk")
    manager = _user("leder@demo.samskab.dk")
    if employee is None or manager is None:
        return
    today = timezone.localdate()
    health = Department.objects.filter(slug="sundhed-og-aeldre").first()
    area = Area.objects.filter(slug="slagelse").first()
    korsoer = Area.objects.filter(slug="korsoer").first()

    if not Experiment.objects.filter(title=RUNNING_TITLE).exists():
        experiment = services.experiment_create(
            actor=employee,
            data=ExperimentData(
                title=RUNNING_TITLE,
                hypothesis=(
                    "Hvis frivillige ringer til ensomme ældre hver uge, så falder andelen, "
                    "der føler sig ensomme, fordi de får en fast kontakt at se frem til."
                ),
                target_group="Ældre over 75 år, der bor alene i eget hjem",
                description="Frivillige fra ældresagen ringer på faste tidspunkter.",
                risks="Frivillige kan melde fra; vi har en venteliste.",
                budget=Decimal(180000),
                start_date=today - timedelta(days=150),
                end_date=today + timedelta(days=215),
                department=health,
                area=area,
            ),
        )
        services.participant_add(
            experiment=experiment,
            actor=employee,
            kind="employee",
            user=employee,
            role="Koordinator",
        )
        services.participant_add(
            experiment=experiment,
            actor=employee,
            kind="citizen",
            name="Ældre i eget hjem",
            number=42,
            role="Modtager opkald",
        )
        lonely = services.indicator_add(
            experiment=experiment,
            actor=employee,
            name="Andel der ofte føler sig ensomme",
            unit="%",
            baseline=Decimal(38),
            target=Decimal(25),
            description="Spørgeskema hver måned (UCLA-skalaen, kort version).",
        )
        calls = services.indicator_add(
            experiment=experiment,
            actor=employee,
            name="Gennemførte opkald pr. uge",
            unit="opkald",
            baseline=Decimal(0),
            target=Decimal(40),
        )
        services.experiment_status_change(
            experiment=experiment, actor=employee, to_status=Status.RUNNING
        )
        for month, (share, count) in enumerate([(37, 18), (34, 27), (33, 31), (30, 36)], start=1):
            day = today - timedelta(days=150 - 30 * month)
            services.measurement_record(
                indicator=lonely, actor=employee, measured_on=day, value=Decimal(share)
            )
            services.measurement_record(
                indicator=calls, actor=employee, measured_on=day, value=Decimal(count)
            )

    if not Experiment.objects.filter(title=ZERO_ERROR_TITLE).exists():
        zero = services.experiment_create(
            actor=employee,
            data=ExperimentData(
                title=ZERO_ERROR_TITLE,
                hypothesis="Hvis borgerne får en påmindelse på tabletten, glemmer færre medicinen.",
                target_group="Borgere i hjemmeplejen med dosispakket medicin",
                start_date=today + timedelta(days=30),
                end_date=today + timedelta(days=210),
                department=health,
                area=area,
                risks="En påmindelse kan svigte, hvis tabletten er slukket.",
                is_zero_error_area=True,
                zero_error_safeguards=(
                    "Medicinhåndtering er et nulfejlsområde. Hjemmeplejen fortsætter de "
                    "faste besøg; påmindelsen kommer oven i, aldrig i stedet for."
                ),
            ),
        )
        services.indicator_add(
            experiment=zero,
            actor=employee,
            name="Glemte doser pr. 100 borgere pr. uge",
            unit="doser",
            baseline=Decimal(12),
            target=Decimal(6),
        )

    if not Experiment.objects.filter(title=DONE_TITLE).exists():
        done = services.experiment_create(
            actor=manager,
            data=ExperimentData(
                title=DONE_TITLE,
                hypothesis="Hvis skolegården er åben om aftenen, bruger flere unge den.",
                target_group="Unge 12-17 år i Korsør",
                start_date=today - timedelta(days=400),
                end_date=today - timedelta(days=220),
                area=korsoer,
                department=Department.objects.filter(slug="skole-og-uddannelse").first(),
                budget=Decimal(45000),
            ),
        )
        users = services.indicator_add(
            experiment=done,
            actor=manager,
            name="Unge i skolegården en hverdagsaften",
            unit="unge",
            baseline=Decimal(5),
            target=Decimal(20),
        )
        services.experiment_status_change(experiment=done, actor=manager, to_status=Status.RUNNING)
        for weeks, value in [(50, 9), (40, 14), (34, 22)]:
            services.measurement_record(
                indicator=users,
                actor=manager,
                measured_on=today - timedelta(weeks=weeks),
                value=Decimal(value),
            )
        services.experiment_status_change(
            experiment=done, actor=manager, to_status=Status.EVALUATING
        )
        services.evaluation_create(
            experiment=done,
            actor=manager,
            data=EvaluationData(
                intended_users="Udvalget for Børn og Unge og skolelederne i Korsør",
                decision="Om ordningen skal gøres permanent og udbredes til Skælskør (budget 2026)",
                learning_questions="Hvem brugte skolegården, og hvad fik dem til at komme?",
                method="Optællinger en aften om ugen og interview med 14 unge og 3 naboer.",
                findings=(
                    "Flere unge brugte skolegården, især når der var lys på boldbanen. "
                    "Naboerne oplevede ikke mere larm."
                ),
                what_worked=(
                    "Lys og en fast voksen fredag aften virkede for de 12-14-årige; "
                    "de ældre unge kom kun ved særlige arrangementer."
                ),
                recommendation="scale_up",
                recommendation_reason="Billigt, populært og uden gener for naboerne.",
                follow_up_months=3,
            ),
            today=today - timedelta(days=200),
        )
        services.experiment_status_change(experiment=done, actor=manager, to_status=Status.DONE)
