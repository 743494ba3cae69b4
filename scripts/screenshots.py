"""Take the README's screenshots (docs/screenshots/) from the demo data, at 320 and 1280 px.

    .venv/bin/python scripts/screenshots.py

It migrates a throw-away SQLite database, loads the demo data, opens the demo citizen budget
for voting there (so that the ballot can be shown), starts the development server on a free
port and photographs each page with Debian's Chromium through Playwright. Nothing outside the
temporary folder and docs/screenshots/ is touched.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "samskab-demo"  # noqa: S105 (the demo accounts' published password)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OPEN_THE_DEMO_VOTE = """
from samskab.budgets.models import BudgetProcess
BudgetProcess.objects.filter(slug="borgerbudget-slagelse").update(phase_override="voting")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/konto/log-ind/")
    page.get_by_label("E-mailadresse").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def _shoot(page: Page, name: str) -> None:
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=width == 1280)
        print(f"docs/screenshots/{name}-{width}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "seed_demo")
        _manage(env, "shell", "-c", OPEN_THE_DEMO_VOTE)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    requests.get(base + "/healthz", timeout=5)
                    break
                except requests.ConnectionError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.3)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                    args=CHROMIUM_ARGS,
                )
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "/")
                _shoot(page, "home")
                page.goto(base + "/ideer/")
                _shoot(page, "list-with-filters")
                page.goto(base + "/borgerbudgetter/borgerne-bestemmer-2026/resultater/")
                _shoot(page, "results")
                _log_in(page, base, "borger@demo.samskab.dk")
                page.goto(base + "/ideer/ny/")
                page.get_by_role("button", name="Indsend idéen").click()
                page.wait_for_load_state()
                _shoot(page, "form-with-errors")
                page.goto(base + "/borgerbudgetter/borgerbudget-slagelse/stem/")
                boxes = page.locator("input[type=checkbox]")
                for index in range(min(2, boxes.count())):
                    boxes.nth(index).check()
                _shoot(page, "ballot")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
