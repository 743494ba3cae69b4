"""How fast is the secretariat's overview with a year of data?

    python benchmarks/secretariat_overview.py                 # SQLite file in a temp dir
    DATABASE_URL=postgres://... python benchmarks/secretariat_overview.py   # PostgreSQL
    python benchmarks/secretariat_overview.py --ideas 1000 --ballots 5000 --reports 200

Creates a throw-away database (Django's test database: a SQLite file in a temporary
directory, or ``test_<name>`` on the PostgreSQL server of DATABASE_URL, dropped at the
end), seeds --ideas ideas, --ballots ballots and --reports learning reports spread over
the last twelve months (with bulk_create), plus experiments, evaluations, a citizen-budget
process with results and implementation, then requests /sekretariat/ with Django's test
client as a secretariat user --repeat times (after one warm-up) and prints the median
response time and the number of queries, unfiltered and filtered by department and area.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "IDENTITY_HASH_KEY": "benchmark-only-identity-key",
    "ALLOWED_HOSTS": "testserver",
    "HTTPS": "0",
    "STATIC_PLAIN": "1",
    "TASKS_BACKEND": "immediate",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "WARNING",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--ballots", type=int, default=50_000)
    parser.add_argument("--reports", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


def set_up_django(tmp: str) -> str:
    for key, value in ENV.items():
        os.environ.setdefault(key, value)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/samskab.sqlite3"
    sys.path.insert(0, str(REPO))
    # WhiteNoise looks for collected static files, which a benchmark does not need.
    warnings.filterwarnings("ignore", message="No directory at")
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, not the in-memory default, so that timings include real I/O.
        database.setdefault("TEST", {})["NAME"] = f"{tmp}/test-samskab.sqlite3"
    return str(database["ENGINE"]).rsplit(".", 1)[-1]


def seed(args: argparse.Namespace, today: date) -> Any:
    """Bulk-create a year of data; returns the secretariat user."""
    from django.utils import timezone

    from samskab.accounts.models import Role, User
    from samskab.budgets.models import (
        Ballot,
        BallotChoice,
        BudgetArea,
        BudgetProcess,
        Implementation,
        ImplementationStatus,
        Milestone,
        Proposal,
        ProposalStatus,
        scope_of,
    )
    from samskab.core.models import Area, Department
    from samskab.experiments.models import Evaluation, Experiment, FollowUp
    from samskab.experiments.models import Status as ExperimentStatus
    from samskab.ideas.models import Idea, Status, Theme
    from samskab.learning.models import Action, Category, Kind, LearningReport, Severity
    from samskab.learning.models import Status as LearningStatus

    rng = random.Random(2026)  # the same data on every run
    areas = list(Area.objects.all())
    departments = list(Department.objects.all())
    themes = list(Theme.objects.all())
    secretariat = User.objects.create_user(
        email="sekretariat@bench.samskab.dk", password=None, role=Role.SECRETARIAT
    )
    author = User.objects.create_user(email="borger@bench.samskab.dk", password=None)
    employee = User.objects.create_user(
        email="medarbejder@bench.samskab.dk", password=None, role=Role.EMPLOYEE
    )

    def moment(days_ago: int) -> datetime:
        day = today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))

    statuses = Status.values
    ideas = []
    for number in range(args.ideas):
        status = rng.choice(statuses)
        submitted = moment(rng.randrange(365))
        decided = status not in ("submitted", "assessment", "awaiting_decision", "merged")
        ideas.append(
            Idea(
                title=f"Idé {number}",
                problem="Et problem",
                description="En idé",
                beneficiaries="Borgerne",
                area=rng.choice(areas),
                department=rng.choice(departments),
                theme=rng.choice(themes),
                author=author,
                status=status,
                submitted_at=submitted,
                deadline=(submitted + timedelta(days=30)).date(),
                decided_at=submitted + timedelta(days=rng.randrange(1, 60)) if decided else None,
                decided_within_deadline=rng.random() < 0.7 if decided else None,
            )
        )
    Idea.objects.bulk_create(ideas, batch_size=2000)

    reports = [
        LearningReport(
            kind=rng.choice(Kind.values),
            title=f"Indberetning {number}",
            what_happened="Noget skete.",
            severity=rng.choice(Severity.values),
            category=rng.choice(Category.values),
            department=rng.choice(departments),
            is_confidential=rng.random() < 0.1,
            is_anonymous=True,
            submitted_on=today - timedelta(days=rng.randrange(365)),
            status=rng.choice(LearningStatus.values),
        )
        for number in range(args.reports)
    ]
    LearningReport.objects.bulk_create(reports, batch_size=2000)
    Action.objects.bulk_create(
        [
            Action(
                report=report,
                title="Ny rutine",
                owner=employee,
                due_on=report.submitted_on + timedelta(days=30),
                done_on=report.submitted_on + timedelta(days=20) if rng.random() < 0.5 else None,
            )
            for report in reports
        ],
        batch_size=2000,
    )

    experiments = Experiment.objects.bulk_create(
        [
            Experiment(
                title=f"Forsøg {number}",
                hypothesis="Hvis vi gør X, sker Y.",
                owner=employee,
                department=rng.choice(departments),
                area=rng.choice(areas),
                status=rng.choice(ExperimentStatus.values),
            )
            for number in range(200)
        ]
    )
    evaluations = Evaluation.objects.bulk_create(
        [
            Evaluation(
                experiment=experiment,
                intended_users="Ledelsen",
                decision="Udbredelse",
                learning_questions="Virker det?",
                method="Måling",
                findings="Det virker.",
                recommendation=rng.choice(["scale_up", "adjust", "stop"]),
                follow_up_months=6,
                follow_up_due=today + timedelta(days=rng.randrange(-180, 180)),
                follow_up_responsible=employee,
            )
            for experiment in experiments[:120]
        ]
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                evaluation=evaluation, was_used=rng.choice(FollowUp.Use.values), what_changed="."
            )
            for evaluation in evaluations[:60]
        ]
    )

    process = BudgetProcess.objects.create(
        title="Borgerbudget",
        slug="borgerbudget",
        description="Et år med borgerbudget.",
        is_published=True,
        information_starts=today - timedelta(days=300),
        proposals_start=today - timedelta(days=270),
        vetting_start=today - timedelta(days=200),
        voting_start=today - timedelta(days=150),
        results_start=today - timedelta(days=100),
        implementation_start=today - timedelta(days=90),
        max_project_cost=500_000,
        results_published_at=timezone.now(),
    )
    budget_areas = BudgetArea.objects.bulk_create(
        [BudgetArea(process=process, area=area, budget=1_000_000) for area in areas[:6]]
    )
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                process=process,
                budget_area=budget_area,
                author=author,
                title=f"Projekt {number} i {budget_area.area.name}",
                description="Et projekt.",
                estimated_cost=rng.randrange(50_000, 500_000),
                category="play",
                carried_out_by="group",
                status=ProposalStatus.ACCEPTED,
            )
            for budget_area in budget_areas
            for number in range(8)
        ]
    )
    by_area: dict[int, list[Any]] = {}
    for proposal in proposals:
        by_area.setdefault(proposal.budget_area_id, []).append(proposal)
    ballots = Ballot.objects.bulk_create(
        [
            Ballot(
                process=process,
                budget_area=(budget_area := rng.choice(budget_areas)),
                voter_key=f"voter-{number:08d}",
                receipt_code=f"B{number:09d}",
                channel="online",
                age_band="30-39",
                voter_area=budget_area.area,
                cast_at=moment(rng.randrange(100, 150)),
                scope=scope_of(budget_area),  # bulk_create skips Ballot.save
            )
            for number in range(args.ballots)
        ],
        batch_size=5000,
    )
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, proposal=proposal)
            for ballot in ballots
            for proposal in rng.sample(by_area[ballot.budget_area_id], 2)
        ],
        batch_size=5000,
    )
    implementations = Implementation.objects.bulk_create(
        [
            Implementation(
                proposal=proposal,
                amount_granted=proposal.estimated_cost,
                amount_spent=proposal.estimated_cost // 2,
                status=rng.choice(ImplementationStatus.values),
            )
            for proposal in proposals[::4]
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                implementation=implementation,
                title=f"Milepæl {step}",
                due=today + timedelta(days=30 * step),
                done_on=today if step == 0 else None,
            )
            for implementation in implementations
            for step in range(3)
        ]
    )
    return secretariat


def measure(client: Any, url: str, repeat: int) -> tuple[float, int, int]:
    """Median milliseconds and the query count of ``repeat`` requests after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    queries = 0
    for _step in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(captured.captured_queries)
    return statistics.median(timings), queries, len(response.content)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="samskab-bench-") as tmp:
        engine = set_up_django(tmp)
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.utils import timezone

        setup_test_environment()
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            today = timezone.localdate()
            started = time.perf_counter()
            secretariat = seed(args, today)
            seeded = time.perf_counter() - started
            from samskab.core.models import Area, Department

            client = Client()
            client.force_login(secretariat)
            department = Department.objects.order_by("pk").first()
            area = Area.objects.order_by("pk").first()
            assert department is not None and area is not None
            print(
                f"Database: {engine}; seeded {args.ideas:,} ideas, {args.ballots:,} ballots, "
                f"{args.reports:,} learning reports in {seeded:.1f} s"
            )
            print(f"Median of {args.repeat} requests after a warm-up:")
            cases = [
                ("overview, last twelve months", "/sekretariat/"),
                ("overview, one department", f"/sekretariat/?center={department.pk}"),
                ("overview, one area", f"/sekretariat/?omraade={area.pk}"),
            ]
            for label, url in cases:
                median, queries, size = measure(client, url, args.repeat)
                print(f"  {label:30} {median:8.1f} ms  {queries:3d} queries  {size:,} bytes")
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
