"""DKFDS's error summary on each kind of form: at the top, focused, each error linked to its
field (the link moves focus there), what was typed kept, and no axe-core findings."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.core.management.commands.seed_demo import DEMO_PASSWORD

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEPT = "Bevaret tekst"

# (role, form page, a text field to type into, the form's submit button)
FORMS: list[tuple[Role | None, str, str, str]] = [
    (None, "/konto/log-ind/", "#id_username", "Log ind"),
    (Role.RESIDENT, "/ideer/ny/", "#id_title", "Indsend idéen"),
    (
        Role.RESIDENT,
        "/borgerbudgetter/borgerbudget-slagelse/nyt-forslag/",
        "#id_title",
        "Gem forslag",
    ),
    (Role.EMPLOYEE, "/laering/indberet/", "#id_title", "Send indberetningen"),
    (Role.MANAGER, "/forsoeg/nyt/", "#id_target_group", "Gem"),
    (Role.SECRETARIAT, "/moeder/nyt/", "#id_title", "Gem"),
]


@pytest.fixture
def demo() -> None:
    settings.DEBUG = True  # seed_demo refuses to run without it
    try:
        call_command("seed_demo", verbosity=0)
    finally:
        settings.DEBUG = False


@pytest.mark.parametrize(
    ("role", "path", "text_field", "button"),
    FORMS,
    ids=[f"{role or 'anonymous'}{path}" for role, path, _field, _button in FORMS],
)
def test_it_sums_up_the_errors_and_moves_focus_to_the_summary(
    live_server: Any,
    page: Page,
    axe: AxeChecker,
    demo: None,
    role: Role | None,
    path: str,
    text_field: str,
    button: str,
) -> None:
    if role is not None:
        user = User.objects.filter(role=role, email__endswith="@demo.samskab.dk").first()
        assert user is not None
        login(page, live_server.url, user.email, DEMO_PASSWORD)
    page.goto(live_server.url + path)
    field = page.locator(text_field)
    field.fill(KEPT if role is not None else "ikke-en-adresse")
    page.get_by_role("button", name=button, exact=True).click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("tabindex", "-1")
    links = summary.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        target = (links.nth(index).get_attribute("href") or "").lstrip("#")
        expect(page.locator(f"[id='{target}']")).to_have_count(1)
    first = (links.first.get_attribute("href") or "").lstrip("#")
    links.first.click()
    expect(page.locator(f"[id='{first}']")).to_be_focused()
    expect(field).to_have_value(KEPT if role is not None else "ikke-en-adresse")
    assert "---------" not in page.content()
    axe.assert_clean(page)
