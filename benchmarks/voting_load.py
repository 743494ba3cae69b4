"""A voting peak on the production stack: gunicorn + PostgreSQL on 127.0.0.1, driven by locust.

    python benchmarks/voting_load.py                    # about 1.5 minutes
    python benchmarks/voting_load.py --duration 120 --users 16 --workers 6 --voters 40000

Without a PostgreSQL DATABASE_URL the script runs itself again under
scripts/with-postgres.sh (a throw-away server). It migrates, creates --voters eligible
voters with ready-made sessions and an open basket vote, starts gunicorn with --workers
sync workers and drives two kinds of load for --duration seconds each with --users
concurrent locust users and no think time, alternating in --rounds rounds (so that other
work on the machine weighs on both alike):

1. ``bare``: a benchmark-only Django view (benchmarks/bench_urls.py, never in the site's
   URLs) that does one INSERT behind the same middleware, session and login;
2. ``ballot``: the real ballot page, one ballot per voter.

It prints requests per second and p50/p95/p99 latency of both, the ratio, and then checks
that the stored ballots are exactly those whose requests got the receipt redirect: none
lost, none stored for a failed response, none twice, every ballot with all its choices.
Exit status 1 when the check fails (the throughput and latency goals are only reported).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
CSRF = secrets.token_hex(16)  # a 32-character CSRF secret, sent as cookie and field
GOAL_RATIO = 0.5
GOAL_P99_MS = 300.0

ENV = {
    "DJANGO_SETTINGS_MODULE": "bench_settings",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-" + secrets.token_hex(16),
    "IDENTITY_HASH_KEY": "benchmark-only-identity-key",
    "ALLOWED_HOSTS": "127.0.0.1",
    "HTTPS": "0",
    "STATIC_PLAIN": "1",
    "TASKS_BACKEND": "database",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": f"{HERE}{os.pathsep}{REPO}",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per kind of load")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--users", type=int, default=8, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--voters", type=int, default=8000, help="eligible voters to create")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def setup_django() -> None:
    os.environ.update(ENV)
    sys.path[:0] = [str(HERE), str(REPO)]
    import django

    django.setup()


def prepare(voters: int, voters_file: Path) -> dict[str, Any]:
    """Migrate, create the bare table, an open basket vote and ``voters`` logged-in voters."""
    from bench_urls import BARE_PATH, BARE_TABLE
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from samskab.accounts.models import Role, User
    from samskab.budgets.tests.factories import make_process, make_proposal

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} "
            "(id bigserial PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL)"
        )
    process = make_process(slug="benchmark-2026", title="Borgerbudget benchmark")
    proposals = [
        make_proposal(process, title=f"Forslag {n}", cost=100_000 + n * 10_000) for n in range(8)
    ]
    password = make_password(secrets.token_urlsafe(16))
    User.objects.bulk_create(
        User(
            email=f"vaelger{n}@benchmark.invalid",
            name=f"Vælger {n}",
            password=password,
            role=Role.RESIDENT,
            is_verified=True,
            person_key=f"{n:064x}",
            birth_date=timezone.localdate().replace(year=1980),
            is_municipal_resident=True,
        )
        for n in range(voters)
    )
    users = list(User.objects.filter(email__endswith="@benchmark.invalid").order_by("pk"))
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    sessions = []
    with voters_file.open("w", encoding="utf-8") as handle:
        for user in users:
            key = secrets.token_hex(16)
            data = {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
            sessions.append(
                Session(session_key=key, session_data=store.encode(data), expire_date=expires)
            )
            handle.write(json.dumps({"id": user.pk, "session": key}) + "\n")
    Session.objects.bulk_create(sessions, batch_size=2000)
    return {
        "path": reverse("budgets:ballot", args=[process.slug]),
        "receipt_suffix": reverse("budgets:receipt", args=[process.slug]),
        "area": process.areas.get().area.slug,
        # Two cheap projects, well within the budget.
        "projects": [proposals[0].pk, proposals[1].pk],
        "bare_path": "/" + BARE_PATH,
        "process_id": process.pk,
    }


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local address)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url}")


def run_phase(
    target: str,
    args: argparse.Namespace,
    base: str,
    ballot: dict[str, Any],
    voters: Path,
    tmp: Path,
    round_: int,
) -> list[dict[str, Any]]:
    results = tmp / f"{target}-{round_}.jsonl"
    env = {
        **os.environ,
        "BENCH_TARGET": target,
        "BENCH_CSRF": CSRF,
        "BENCH_BALLOT": json.dumps(ballot),
        "BENCH_VOTERS": str(voters),
        "BENCH_RESULTS": str(results),
    }
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(HERE / "bench_locustfile.py"),
            "--headless",
            "--host",
            base,
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{max(1, args.duration // args.rounds)}s",
            "--stop-timeout",
            "30",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with results.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def summarise(rounds: list[list[dict[str, Any]]]) -> dict[str, float]:
    """Successful requests per second of load time (the rounds' spans added up) and the
    latency percentiles of the successful requests."""
    rows = [row for round_rows in rounds for row in round_rows]
    ok = [row for row in rows if row["ok"]]
    span = sum(
        max(r["start"] + r["latency"] for r in round_rows) - min(r["start"] for r in round_rows)
        for round_rows in rounds
        if round_rows
    )
    latencies = sorted(row["latency"] * 1000 for row in ok) or [0.0]
    cuts = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else latencies * 99
    )
    return {
        "requests": len(rows),
        "ok": len(ok),
        "failed": len(rows) - len(ok),
        "per_second": len(ok) / span if span else 0.0,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
    }


def verify(ballot: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    """Stored ballots must be exactly the successful responses, each whole and once."""
    from bench_urls import BARE_TABLE
    from django.db import connection
    from django.db.models import Count

    from samskab.accounts.models import User
    from samskab.budgets.models import Ballot

    succeeded = {row["voter"] for row in rows if row["ok"]}
    attempts = [row["voter"] for row in rows]
    keys = dict(User.objects.filter(pk__in=attempts).values_list("person_key", "pk"))
    ballots = Ballot.objects.filter(process_id=ballot["process_id"])
    stored = [keys.get(key) for key in ballots.values_list("voter_key", flat=True)]
    problems = []
    if len(attempts) != len(set(attempts)):
        problems.append("a voter was used twice by the load tool")
    lost = succeeded - set(stored)
    if lost:
        problems.append(f"{len(lost)} ballots answered as stored are missing")
    unexpected = set(stored) - succeeded
    if unexpected:
        problems.append(f"{len(unexpected)} ballots stored for requests that failed")
    # One ballot per person and scope (the municipality-wide budget, or one local budget);
    # the load tool votes in one budget, so each voter has one ballot at most.
    doubled = ballots.values("voter_key", "scope").annotate(n=Count("id")).filter(n__gt=1).count()
    if doubled or len(stored) != len(set(stored)):
        problems.append(f"{doubled} voters have more than one ballot in a budget")
    partial = ballots.annotate(n=Count("choices")).exclude(n=len(ballot["projects"])).count()
    if partial:
        problems.append(f"{partial} ballots do not have all their choices")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {BARE_TABLE}")  # noqa: S608
        print(f"  bare rows stored: {cursor.fetchone()[0]}")
    print(f"  ballots stored: {len(stored)}, successful responses: {len(succeeded)}")
    return problems


def main() -> int:
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        script = REPO / "scripts" / "with-postgres.sh"
        os.execv(str(script), [str(script), sys.executable, __file__, *sys.argv[1:]])  # noqa: S606
    setup_django()
    with tempfile.TemporaryDirectory(prefix="samskab-bench-") as name:
        tmp = Path(name)
        voters = tmp / "voters.jsonl"
        started = time.monotonic()
        ballot = prepare(args.voters, voters)
        print(f"Prepared {args.voters} voters in {time.monotonic() - started:.1f} s")
        # The bare phase reuses the voters' sessions; the ballot phase uses each voter once.
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (tmp / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
            ],
            cwd=REPO,
            env={**os.environ},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(base + "/")
            for _ in range(args.workers * 10):  # every worker loads the URLs and templates
                urllib.request.urlopen(base + "/", timeout=10).read()  # noqa: S310
            lines = voters.read_text(encoding="utf-8").splitlines()
            share = len(lines) // args.rounds
            bare_rounds, ballot_rounds = [], []
            for round_ in range(args.rounds):
                bare_rounds.append(run_phase("bare", args, base, ballot, voters, tmp, round_))
                # Each round casts the ballots of voters no other round uses.
                part = tmp / f"voters-{round_}.jsonl"
                part.write_text("\n".join(lines[round_ * share : (round_ + 1) * share]) + "\n")
                ballot_rounds.append(run_phase("ballot", args, base, ballot, part, tmp, round_))
            bare = summarise(bare_rounds)
            cast = summarise(ballot_rounds)
            rows = [row for round_rows in ballot_rounds for row in round_rows]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        errors = [
            line
            for line in (tmp / "gunicorn.log").read_text().splitlines()
            if "Traceback" in line or "ERROR" in line
        ]
        print(
            f"\nVoting peak: {args.users} users, {args.workers} gunicorn workers, "
            f"{args.duration} s of each load in {args.rounds} alternating rounds, "
            f"{os.cpu_count()} CPUs, PostgreSQL"
        )
        print(
            f"{'':8} {'ok':>7} {'failed':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        for name_, figures in (("bare", bare), ("ballot", cast)):
            print(
                f"{name_:8} {figures['ok']:7.0f} {figures['failed']:7.0f} "
                f"{figures['per_second']:8.1f} {figures['p50']:8.1f} "
                f"{figures['p95']:8.1f} {figures['p99']:8.1f}"
            )
        ratio = cast["per_second"] / bare["per_second"] if bare["per_second"] else 0.0
        print(f"ballots/s ÷ bare INSERT/s = {ratio:.2f} (goal ≥ {GOAL_RATIO})")
        print(f"ballot p99 = {cast['p99']:.0f} ms (goal < {GOAL_P99_MS:.0f} ms)")
        print("Checking stored ballots against responses:")
        problems = verify(ballot, rows)
        if errors:
            problems.append(f"{len(errors)} error lines in the gunicorn log, first: {errors[0]}")
        for problem in problems:
            print(f"  FAIL: {problem}")
        if not problems:
            print("  OK: no ballot lost, none doubled, none partial")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
