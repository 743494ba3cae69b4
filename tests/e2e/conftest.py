"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser here, so the tests launch /usr/bin/chromium
(or $CHROMIUM). axe-core (bundled with axe-playwright-python) checks each page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves (fixtures creating users) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")
    return path


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Replay the data migrations (areas, departments, idea themes) before each test.

    Browser tests need transaction=True, and Django empties every table after such a test,
    including the rows the data migrations created; the next test would find none. The
    data migrations are idempotent (get_or_create), so replaying them is safe.
    """
    if "live_server" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    request.getfixturevalue("transactional_db")
    loader = MigrationLoader(connection)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if not apps.get_app_config(app_label).name.startswith("samskab."):
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class AxeChecker:
    def __init__(self) -> None:
        self.axe = Axe()

    def violations(self, page: Page) -> list[dict[str, Any]]:
        """axe-core's violations, plus colour-contrast checks it could not decide.

        axe reports text with a 1:1 contrast (white on white) as "incomplete", not as a
        violation; on pages with plain backgrounds like ours that is always a real problem.
        """
        result = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        undecided_contrast = [
            item for item in result.response["incomplete"] if item["id"] == "color-contrast"
        ]
        return list(result.response["violations"]) + undecided_contrast

    def assert_clean(self, page: Page) -> None:
        violations = self.violations(page)
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in violations
        ]
        assert violations == [], (
            f"axe-core found WCAG 2.1 A/AA violations on {page.url}:\n" + "\n".join(summary)
        )


@pytest.fixture(scope="session")
def axe() -> AxeChecker:
    return AxeChecker()


def login(page: Page, base: str, email: str, password: str) -> None:
    """Log in through the real login form (after forgetting any earlier session)."""
    page.context.clear_cookies()
    page.goto(base + "/konto/log-ind/")
    page.get_by_label("E-mailadresse").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Logget ind som")).to_be_visible()


def only_localhost(page: Page, base: str) -> list[str]:
    """Abort every request that does not go to the live server (map tiles included)."""
    blocked: list[str] = []
    allowed = urlsplit(base).netloc

    def handle(route: Route) -> None:
        if urlsplit(route.request.url).netloc == allowed:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return blocked
