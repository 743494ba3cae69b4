"""The embedded SQLite database under concurrent writes: several gunicorn workers, many
voters casting ballots and submitting ideas at once. No "database is locked" (or any other
error) may reach a user: SQLite waits for the lock (config/settings.py: WAL, busy timeout,
BEGIN IMMEDIATE). Always SQLite, whatever DATABASE_URL says.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.faults.stack import Server, count, fresh_database, gunicorn, seed

VOTERS = 40


def _idea(server: Server, voter: int) -> requests.Response:
    seeded = server.seeded
    return server.post(
        voter,
        seeded["idea"],
        {
            "csrfmiddlewaretoken": seeded["csrf"],
            "title": f"Bedre cykelstier {voter}",
            "problem": "Der mangler cykelstier ved skolen.",
            "description": "Byg en cykelsti langs Skolevej.",
            "beneficiaries": "Børn og forældre",
            "area": str(seeded["area_id"]),
            "theme": str(seeded["theme_id"]),
        },
    )


def test_it_lets_no_database_is_locked_error_reach_a_user(tmp_path: Path) -> None:
    with fresh_database(tmp_path, sqlite=True) as url:
        seeded = seed(url, voters=VOTERS)
        with (
            gunicorn(url, seeded, tmp_path, workers=4) as server,
            ThreadPoolExecutor(max_workers=16) as pool,
        ):
            ballots = list(pool.map(server.vote, range(VOTERS)))
            ideas = list(pool.map(lambda voter: _idea(server, voter), range(VOTERS)))
            # Votes and ideas at the same time, each voter changing their ballot.
            mixed = list(
                pool.map(
                    lambda n: server.vote(n // 2) if n % 2 else _idea(server, n // 2),
                    range(2 * VOTERS),
                )
            )
        statuses = [r.status_code for r in ballots + ideas + mixed]
        assert statuses == [302] * len(statuses), [
            (r.status_code, r.text[:300]) for r in ballots + ideas + mixed if r.status_code != 302
        ]
        log = server.log_text()
        assert "database is locked" not in log
        assert "Traceback" not in log
        assert count(url, "SELECT count(*) FROM budgets_ballot") == VOTERS
        assert count(url, "SELECT count(*) FROM budgets_ballotchoice") == 2 * VOTERS
        assert count(url, "SELECT count(*) FROM ideas_idea") == 2 * VOTERS
