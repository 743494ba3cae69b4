"""PostgreSQL restarted while people vote: clean errors, nothing half-stored, and the same
gunicorn workers serve votes again once the server is back (no restart of the site).

PostgreSQL only (marker ``postgres_only``): it stops and starts the server of the test run
through SAMSKAB_PG_CTL, which scripts/with-postgres.sh provides. The SQLite run deselects it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connections

from tests.faults.stack import count, fresh_database, gunicorn, on_postgres, seed

pytestmark = pytest.mark.postgres_only

BALLOTS = "SELECT count(*) FROM budgets_ballot"
CHOICES = "SELECT count(*) FROM budgets_ballotchoice"


def _pg_ctl(action: str) -> None:
    subprocess.run([os.environ["SAMSKAB_PG_CTL"], action], check=True, capture_output=True)


def test_it_fails_cleanly_while_postgresql_is_down_and_recovers_without_a_restart(
    tmp_path: Path,
) -> None:
    assert on_postgres() and os.environ.get("SAMSKAB_PG_CTL"), (
        "Run with scripts/with-postgres.sh (make test-postgres)."
    )
    with fresh_database(tmp_path) as url:
        seeded = seed(url, voters=4)
        with gunicorn(url, seeded, tmp_path, workers=2) as server:
            workers = server.worker_pids()
            assert server.vote(0).status_code == 302
            _pg_ctl("stop")
            try:
                for voter in (1, 2):
                    for response in (server.get(voter, seeded["ballot"]), server.vote(voter)):
                        assert response.status_code == 500
                        assert "Der opstod en fejl" in response.text
                        assert "Traceback" not in response.text
                        assert "psycopg" not in response.text
            finally:
                _pg_ctl("start")
                connections.close_all()  # this test process's own connection died too
            # Nothing half-stored: only the ballot from before, whole.
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 2)
            # The same workers reconnect by themselves.
            for voter in (1, 2, 3):
                response = server.vote(voter)
                assert response.status_code == 302, response.text[:500]
            assert (count(url, BALLOTS), count(url, CHOICES)) == (4, 8)
            assert server.worker_pids() == workers
