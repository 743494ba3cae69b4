"""Identity attacks against the production stack: gunicorn, a fresh database and the test
OpenID Connect provider, all over real HTTP on 127.0.0.1.

- A work account whose e-mail claim names the administrator (verified or not) does not
  log in as the administrator, and changes nothing about that account.
- A MitID answer with the CPR number in Arabic-Indic digits creates no account.
- The assisted-voting desk refuses CPR numbers in other scripts' digits, so one person
  cannot get a second ballot by a second spelling.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from django.urls import reverse

from tests.faults.stack import count, fresh_database, gunicorn
from tests.oidc_provider.harness import Provider, running_provider

HERE = Path(__file__).resolve().parent
CHIEF = "SELECT COUNT(*) FROM accounts_user WHERE email = 'chef@slagelse.dk'"
CHIEF_UNTOUCHED = (
    f"{CHIEF} AND is_superuser AND role = 'administrator' AND staff_subject IS NULL"
    " AND name = 'Chefen'"
)
USERS = "SELECT COUNT(*) FROM accounts_user"
BALLOTS = "SELECT COUNT(*) FROM budgets_ballot"
ARABIC_INDIC = "\u0660\u0661\u0660\u0667\u0664\u0669-\u0661\u0662\u0663\u0664"
FULLWIDTH = "\uff10\uff11\uff10\uff17\uff14\uff19\uff11\uff12\uff13\uff14"


def _seed(database_url: str) -> dict[str, Any]:
    from tests.faults.stack import stack_env

    done = subprocess.run(
        [sys.executable, str(HERE / "identity_seed.py")],
        env=stack_env(database_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def _login(base: str, provider: Provider, username: str, via: str) -> requests.Response:
    """Log in through the provider as a browser would; the answer to our callback."""
    browser = requests.Session()
    browser.trust_env = False
    start = browser.get(base + reverse(f"accounts:{via}_login"), allow_redirects=False)
    assert start.status_code == 302, start.text
    callback = provider.authorize(start.headers["Location"], username=username)
    assert urlsplit(callback).path == reverse(f"accounts:{via}_callback")
    return browser.get(
        base + urlsplit(callback).path + "?" + urlsplit(callback).query, allow_redirects=False
    )


def test_it_withstands_identity_attacks_over_http(tmp_path: Path) -> None:
    with (
        fresh_database(tmp_path) as url,
        running_provider(tmp_path / "provider.sqlite3") as provider,
    ):
        seeded = _seed(url)
        settings = {
            name: json.dumps(value) if isinstance(value, dict) else str(value)
            for name, value in provider.settings().items()
        }
        with gunicorn(url, seeded, tmp_path, workers=1, **settings) as server:
            users = count(url, USERS)
            # Staff single sign-on with another person's e-mail claim.
            for impostor in ("falsk-mail", "falsk-verificeret"):
                response = _login(server.base, provider, impostor, "staff")
                assert response.status_code == 400, impostor
                assert "sessionid" not in response.cookies or not response.cookies["sessionid"]
            assert count(url, CHIEF_UNTOUCHED) == 1, server.log_text()
            assert count(url, USERS) == users
            # A real employee still gets in (the flow itself works).
            assert _login(server.base, provider, "lars", "staff").status_code == 302
            assert count(url, USERS) == users + 1

            # MitID with the CPR number in Arabic-Indic digits.
            assert _login(server.base, provider, "arabisk-cpr", "mitid").status_code == 400
            assert count(url, USERS) == users + 1

            # The assisted-voting desk: the same person, three spellings.
            def desk(cpr: str) -> int:
                return requests.post(
                    server.base + seeded["assisted"],
                    data={
                        "csrfmiddlewaretoken": seeded["csrf"],
                        "omraade": seeded["area"],
                        "cpr": cpr,
                        "lives_in_municipality": "on",
                        "project": [str(seeded["project"])],
                    },
                    cookies={"sessionid": seeded["desk_session"], "csrftoken": seeded["csrf"]},
                    allow_redirects=False,
                    timeout=30,
                ).status_code

            assert desk("010749-1234") == 200, server.log_text()
            assert desk(ARABIC_INDIC) == 400
            assert desk(FULLWIDTH) == 400
            assert count(url, BALLOTS) == 1
            assert "Traceback" not in server.log_text()
