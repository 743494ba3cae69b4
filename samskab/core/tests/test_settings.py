"""Production mode refuses to start without its secrets, and passes check --deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"SECRET_KEY", "IDENTITY_HASH_KEY", "DEBUG", "HTTPS"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_fails_clearly_in_production_without_a_secret_key() -> None:
    result = _run(["check"], DEBUG="0", ALLOWED_HOSTS="samskab.example.dk")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_fails_clearly_in_production_without_an_identity_key() -> None:
    result = _run(["check"], DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="samskab.example.dk")
    assert result.returncode != 0
    assert "IDENTITY_HASH_KEY is not set" in result.stderr


def test_it_fails_clearly_in_production_without_allowed_hosts() -> None:
    result = _run(
        ["check"], DEBUG="0", SECRET_KEY="x" * 60, IDENTITY_HASH_KEY="y" * 60, ALLOWED_HOSTS=""
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_it_passes_the_deployment_checklist_in_production_mode() -> None:
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        IDENTITY_HASH_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="samskab.example.dk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_runs_with_debug_and_no_secret_for_local_development() -> None:
    result = _run(["check"], DEBUG="1")
    assert result.returncode == 0, result.stderr
