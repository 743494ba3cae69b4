"""A saved action with a failing mail server, against gunicorn: the user gets the normal
page (the redirect and the page after it), never a 500, and the action is stored.

Two failures: an SMTP server that is down (a closed port on 127.0.0.1: connection refused,
Django's own SMTP backend), and a backend that fails with an error that is not an OSError
(the site once only caught OSError). The failure is in the server's log. Runs on SQLite
always, and also on PostgreSQL in the PostgreSQL test run.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.faults.stack import Server, count, fresh_database, gunicorn, on_postgres, seed

# Generous: the machine may be busy, and a slow answer is not what this test is about.
TIMEOUT = 120


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


MAIL_FAILURES = {
    "smtp-down": {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
    },
    "broken-backend": {"EMAIL_BACKEND": "samskab.core.tests.mail_backends.BrokenBackend"},
}


def _submit_idea(server: Server) -> None:
    seeded = server.seeded
    response = server.post(
        0,
        seeded["idea"],
        {
            "csrfmiddlewaretoken": seeded["csrf"],
            "title": "Bedre cykelstier ved skolen",
            "problem": "Der mangler cykelstier ved skolen.",
            "description": "Byg en cykelsti langs Skolevej.",
            "beneficiaries": "Børn og forældre",
            "area": str(seeded["area_id"]),
            "theme": str(seeded["theme_id"]),
        },
        timeout=TIMEOUT,
    )
    assert response.status_code == 302, response.text[:500]
    page = server.get(0, response.headers["Location"], timeout=TIMEOUT)
    assert page.status_code == 200
    assert "Bedre cykelstier ved skolen" in page.text


@pytest.mark.parametrize("failure", MAIL_FAILURES)
@pytest.mark.parametrize("database", ["sqlite", *(["postgresql"] if on_postgres() else [])])
def test_it_answers_normal_pages_for_saved_actions_when_mail_fails(
    tmp_path: Path, database: str, failure: str
) -> None:
    settings = dict(MAIL_FAILURES[failure])
    if failure == "smtp-down":
        settings["EMAIL_PORT"] = str(_closed_port())
    with fresh_database(tmp_path, sqlite=database == "sqlite") as url:
        seeded = seed(url, voters=1)
        with gunicorn(url, seeded, tmp_path, workers=1, **settings) as server:
            vote = server.vote(0, timeout=TIMEOUT)  # the receipt is e-mailed to the voter
            assert vote.status_code == 302, vote.text[:500]
            assert vote.headers["Location"].endswith(seeded["receipt"])
            receipt = server.get(0, seeded["receipt"], timeout=TIMEOUT)
            assert receipt.status_code == 200
            _submit_idea(server)  # e-mails the author and the secretariat
            assert server.get(0, "/", timeout=TIMEOUT).status_code == 200
        log = server.log_text()
        assert count(url, "SELECT count(*) FROM budgets_ballot") == 1
        assert count(url, "SELECT count(*) FROM ideas_idea") == 1
    assert "Could not send notification" in log
    assert "Internal Server Error" not in log
