"""The production stack for fault tests: a fresh database and gunicorn on 127.0.0.1.

The database is new for each use (a SQLite file, or a new database on the PostgreSQL server
of DATABASE_URL), so a test can kill processes and restart servers without touching the
test database of the other tests. Rows are counted with plain SQL from outside the app.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


@contextmanager
def fresh_database(tmp_path: Path, *, sqlite: bool = False) -> Iterator[str]:
    """A URL of an empty database, removed afterwards."""
    if sqlite or not on_postgres():
        yield f"sqlite:///{tmp_path / 'faults.sqlite3'}"
        return
    server = os.environ["DATABASE_URL"]
    name = f"samskab_faults_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stack_env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": f"{HERE}{os.pathsep}{REPO}",
        **extra,
    }


def seed(database_url: str, voters: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "seed.py"), str(voters)],
        env=stack_env(database_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def count(database_url: str, sql: str) -> int:
    """The single number a SELECT gives, read without Django."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return int(connection.execute(sql).fetchone()[0])
    with psycopg.connect(database_url) as pg:
        row = pg.execute(sql).fetchone()
        assert row is not None
        return int(row[0])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path
    seeded: dict[str, Any]
    session: requests.Session = field(default_factory=requests.Session)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def worker_pids(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

    def vote(self, voter: int, timeout: float = 30) -> requests.Response:
        """Post the ballot form as voter number ``voter`` (two projects), no redirects."""
        seeded = self.seeded
        body: dict[str, Any] = {
            "csrfmiddlewaretoken": seeded["csrf"],
            "omraade": seeded["area"],
            "project": [str(pk) for pk in seeded["projects"]],
        }
        return self.post(voter, seeded["ballot"], body, timeout=timeout)

    def cookies(self, voter: int) -> dict[str, str]:
        return {
            "sessionid": self.seeded["voters"][voter]["session"],
            "csrftoken": self.seeded["csrf"],
        }

    def post(
        self, voter: int, path: str, body: dict[str, Any], timeout: float = 30
    ) -> requests.Response:
        return requests.post(
            self.base + path,
            data=body,
            cookies=self.cookies(voter),
            allow_redirects=False,
            timeout=timeout,
        )

    def get(self, voter: int, path: str, timeout: float = 30) -> requests.Response:
        return requests.get(self.base + path, cookies=self.cookies(voter), timeout=timeout)


@contextmanager
def gunicorn(
    database_url: str, seeded: dict[str, Any], tmp_path: Path, *, workers: int, **extra: str
) -> Iterator[Server]:
    """gunicorn with ``workers`` sync workers serving tests/faults/fault_wsgi.py."""
    port = _free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "fault_wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "300",
                "--graceful-timeout",
                "5",
            ],
            cwd=REPO,
            env=stack_env(database_url, **extra),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    server = Server(process=process, base=f"http://127.0.0.1:{port}", log=log, seeded=seeded)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(server.base + "/", timeout=5)
                break
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or a worker still booting on a busy machine.
                assert process.poll() is None, server.log_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
