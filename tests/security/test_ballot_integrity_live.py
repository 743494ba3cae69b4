"""Election integrity tried as a hostile insider against a running gunicorn.

One broad test (starting the stack is slow): a voter votes online; a plain employee posts
to the assisted-voting desk; a clerk of the citizen service tries a second ballot for the
same person; the secretariat posts rule changes and a phase move backwards while voting is
open; the secretariat and an administrator try to download the ballots while voting is
open; voting is closed and reopened (a recorded decision with a reason) and the voter tries
again. Every row is counted with plain SQL from outside the app. Runs on SQLite, and also on
PostgreSQL in the PostgreSQL test run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.faults.stack import count, fresh_database, gunicorn, on_postgres, stack_env

HERE = Path(__file__).resolve().parent
BALLOTS = "SELECT count(*) FROM budgets_ballot"
CHOICES = "SELECT count(*) FROM budgets_ballotchoice"
FIRST_CHOSEN = (
    "SELECT count(*) FROM budgets_ballotchoice c JOIN budgets_proposal p "
    "ON p.id = c.proposal_id WHERE p.title = 'Forslag 0'"
)
PROCESS = "FROM budgets_budgetprocess WHERE slug = 'borgerbudget-2026'"
MIN_AGE = "SELECT min_age " + PROCESS
MAX_COST = "SELECT max_project_cost " + PROCESS
VERSION = "SELECT rules_version " + PROCESS
OVERRIDE_IS = "SELECT count(*) " + PROCESS + " AND phase_override = '{}'"
REOPENINGS = "SELECT count(*) FROM core_auditevent WHERE action = 'reopen_voting'"


def _seed(url: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "seed_integrity.py")],
        env=stack_env(url),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


class As:
    """Requests as one seeded user (session and CSRF cookies), no redirects followed."""

    def __init__(self, base: str, seeded: dict[str, Any], who: str) -> None:
        self.base = base
        self.csrf = seeded["csrf"]
        self.cookies = {"sessionid": seeded["sessions"][who], "csrftoken": self.csrf}

    def get(self, path: str) -> requests.Response:
        return requests.get(
            self.base + path, cookies=self.cookies, allow_redirects=False, timeout=60
        )

    def post(self, path: str, body: dict[str, Any]) -> requests.Response:
        return requests.post(
            self.base + path,
            data={"csrfmiddlewaretoken": self.csrf, **body},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=60,
        )


def _process_form(seeded: dict[str, Any], **changes: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Borgerbudget 2026",
        "slug": seeded["slug"],
        "description": "Vi fordeler penge",
        "is_published": "on",
        "min_age": "15",
        "residency": "municipality",
        "ballot_type": "basket",
        "min_projects": "1",
        "max_projects": "5",
        "points_total": "10",
        "rank_count": "3",
        "result_rule": "greedy",
        "max_project_cost": "500000",
        "assisted_voting": "on",
        "omraader-TOTAL_FORMS": "1",
        "omraader-INITIAL_FORMS": "1",
        "omraader-0-area": str(seeded["area_id"]),
        "omraader-0-budget": "1000000",
    }
    body.update(changes)
    return body


@pytest.mark.parametrize("database", ["sqlite", *(["postgresql"] if on_postgres() else [])])
def test_it_holds_the_vote_against_hostile_staff_on_a_running_server(
    tmp_path: Path, database: str
) -> None:
    with fresh_database(tmp_path, sqlite=database == "sqlite") as url:
        seeded = _seed(url)
        with gunicorn(url, seeded, tmp_path, workers=1) as server:
            voter = As(server.base, seeded, "voter")
            employee = As(server.base, seeded, "employee")
            clerk = As(server.base, seeded, "clerk")
            secretariat = As(server.base, seeded, "secretariat")
            administrator = As(server.base, seeded, "administrator")
            first, second = seeded["projects"][0], seeded["projects"][1]

            # The voter votes online.
            voted = voter.post(
                seeded["ballot"], {"omraade": seeded["area"], "project": [str(first)]}
            )
            assert voted.status_code == 302, voted.text
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 1)

            # A plain employee posts to the assisted-voting desk: refused.
            desk = {
                "omraade": seeded["area"],
                "cpr": seeded["cpr"],
                "lives_in_municipality": "on",
                "project": [str(second)],
            }
            assert employee.post(seeded["assisted"], desk).status_code == 403
            # The citizen service tries a second ballot for the person who voted online:
            # told "already voted online", nothing more, and nothing replaced.
            again = clerk.post(seeded["assisted"], desk)
            assert again.status_code == 400
            assert "Personen har allerede stemt online." in again.text
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 1)
            assert count(url, FIRST_CHOSEN) == 1

            # Rule changes posted while voting is open change nothing; the description may.
            version = count(url, VERSION)
            changed = secretariat.post(
                seeded["edit"],
                _process_form(
                    seeded,
                    min_age="99",
                    max_project_cost="1",
                    description="Rettet tekst",
                    **{"omraader-0-budget": "5"},
                ),
            )
            assert changed.status_code in (200, 302), changed.text
            assert count(url, MIN_AGE) == 15
            assert count(url, MAX_COST) == 500_000
            assert count(url, "SELECT budget FROM budgets_budgetarea") == 1_000_000
            assert count(url, VERSION) == version
            backwards = secretariat.post(seeded["phase"], {"phase": "proposals"})
            assert backwards.status_code == 302
            assert count(url, OVERRIDE_IS.format("proposals")) == 0

            # Nobody downloads the ballots while voting is open, staff included.
            for user in (secretariat, administrator):
                assert user.get(seeded["csv"]).status_code == 404
                assert user.get(seeded["pabulib"]).status_code == 404

            # Voting closes, then is reopened: only with a reason, and the voter still
            # cannot vote twice.
            assert secretariat.post(seeded["phase"], {"phase": "results"}).status_code == 302
            assert secretariat.post(seeded["phase"], {"phase": "voting"}).status_code == 302
            assert count(url, OVERRIDE_IS.format("voting")) == 0
            reopened = secretariat.post(
                seeded["phase"], {"phase": "voting", "reason": "Stemmesiden var nede i to timer"}
            )
            assert reopened.status_code == 302
            assert (
                count(url, "SELECT count(*) FROM core_auditevent WHERE action = 'reopen_voting'")
                == 1
            )
            twice = voter.post(
                seeded["ballot"], {"omraade": seeded["area"], "project": [str(second)]}
            )
            assert twice.status_code == 302
            assert twice.headers["Location"].endswith("/kvittering/")
            assert (count(url, BALLOTS), count(url, CHOICES)) == (1, 1)
            assert "Internal Server Error" not in server.log_text()
