"""A gunicorn worker killed (SIGKILL) in the middle of storing a ballot.

The worker is stopped inside the ballot's transaction, after the ballot row and before its
choices (see fault_wsgi.py), and killed there. The database must hold nothing of it, the
voter gets no success, reloading the ballot page shows the ballot again (the vote was not
stored), and voting again stores it whole, once. Runs on SQLite always, and also on
PostgreSQL in the PostgreSQL test run.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.faults.stack import count, fresh_database, gunicorn, on_postgres, seed

BALLOTS = "SELECT count(*) FROM budgets_ballot"
CHOICES = "SELECT count(*) FROM budgets_ballotchoice"


def _wait_for(path: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)
    return path.read_text()


@pytest.mark.parametrize("database", ["sqlite", *(["postgresql"] if on_postgres() else [])])
def test_it_stores_nothing_of_a_ballot_whose_worker_is_killed_and_the_retry_works(
    tmp_path: Path, database: str
) -> None:
    with fresh_database(tmp_path, sqlite=database == "sqlite") as url:
        seeded = seed(url, voters=1)
        pause = tmp_path / "paused-in-transaction"
        with gunicorn(url, seeded, tmp_path, workers=1, FAULT_PAUSE_FILE=str(pause)) as server:
            assert server.get(0, seeded["ballot"]).status_code == 200
            outcome: dict[str, object] = {}

            def cast() -> None:
                try:
                    outcome["response"] = server.vote(0)
                except requests.ConnectionError as error:
                    outcome["error"] = error

            thread = threading.Thread(target=cast)
            thread.start()
            # The ballot row is inserted but not committed; its choices are not written yet
            # (PostgreSQL: the worker is just before the one statement that writes both).
            os.kill(int(_wait_for(pause)), signal.SIGKILL)
            thread.join(timeout=30)
            assert not thread.is_alive()
            # No receipt: the connection breaks (behind a proxy the voter sees a 502).
            response = outcome.get("response")
            assert "error" in outcome or (
                isinstance(response, requests.Response) and response.status_code >= 500
            ), outcome
            assert count(url, BALLOTS) == 0
            assert count(url, CHOICES) == 0

            # Gunicorn starts a new worker. Reloading the ballot page shows the ballot again
            # (nothing was stored), and voting again stores the ballot whole.
            page = server.get(0, seeded["ballot"])
            assert page.status_code == 200
            assert "Du har allerede stemt" not in page.text
            # The page tells the voter what to do after a broken connection.
            assert "Hvis forbindelsen afbrydes, mens du stemmer" in page.text
            retry = server.vote(0)
            assert retry.status_code == 302, retry.text
            assert retry.headers["Location"].endswith(seeded["receipt"])
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 2)

            # Had the answer been lost after the commit instead, reloading the ballot page
            # says the vote is stored, and posting the ballot again replaces it: still one.
            again = server.get(0, seeded["ballot"])
            assert "Du har allerede stemt" in again.text
            assert server.vote(0).status_code == 302
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 2)
            assert "Traceback" not in server.log_text()
