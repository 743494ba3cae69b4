"""The first journey: home page, language switch, login and the admin login, each checked
with axe-core at WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import User

from .conftest import AxeChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_serves_an_accessible_danish_home_page(live_server, page: Page, axe: AxeChecker) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skab fornyelse sammen")
    axe.assert_clean(page)


def test_it_lets_a_keyboard_user_skip_to_the_content(live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#indhold")


def test_it_switches_language_and_stays_accessible(
    live_server, page: Page, axe: AxeChecker
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create renewal together")
    axe.assert_clean(page)
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skab fornyelse sammen")


def test_it_logs_a_user_in_through_the_accessible_login_page(
    live_server, page: Page, axe: AxeChecker, resident: User, password: str
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    axe.assert_clean(page)
    page.get_by_label("E-mailadresse").fill(resident.email)
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("E-mailadresse")).to_have_value(resident.email)
    axe.assert_clean(page)  # the page with an error message too
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Logget ind som")).to_be_visible()
    axe.assert_clean(page)


def test_it_serves_an_accessible_admin_login(live_server, page: Page, axe: AxeChecker) -> None:
    page.goto(live_server.url + "/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_label("E-mailadresse")).to_be_visible()
    axe.assert_clean(page)


def test_it_shows_an_accessible_404_page(live_server, page: Page, axe: AxeChecker) -> None:
    response = page.goto(live_server.url + "/findes-ikke/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden blev ikke fundet")
    axe.assert_clean(page)


def test_it_has_an_axe_checker_that_does_find_violations(page: Page, axe: AxeChecker) -> None:
    # Guards against a checker that silently passes everything.
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    ids = {violation["id"] for violation in axe.violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= ids


def test_it_counts_invisible_text_as_a_contrast_violation(page: Page, axe: AxeChecker) -> None:
    page.set_content(
        '<html lang="da"><head><title>t</title></head><body><main>'
        '<a href="/" style="color:#fff;background:#fff">Log ind</a></main></body></html>'
    )
    assert "color-contrast" in {violation["id"] for violation in axe.violations(page)}
