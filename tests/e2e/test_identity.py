"""Identity and privacy in the browser: MitID login through the real test provider, a
failed login, the privacy pages, data download, account deletion, two-factor setup and the
lockout page, each of our pages checked with axe-core at WCAG 2.1 A and AA."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import User
from tests.oidc_provider import scenarios
from tests.oidc_provider.harness import Provider, running_provider

from .conftest import AxeChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(tmp_path_factory.mktemp("oidc") / "provider.sqlite3") as running:
        yield running


@pytest.fixture
def with_provider(settings, provider: Provider) -> Provider:
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


def log_in_at_provider(page: Page, username: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Test-udbyder: log ind")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(scenarios.PASSWORD)
    page.get_by_role("button", name="Log ind hos udbyderen").click()
    page.get_by_role("button", name="Godkend").click()


def test_it_logs_a_resident_in_with_mitid_and_lets_them_download_and_delete_their_data(
    live_server, page: Page, axe: AxeChecker, with_provider: Provider
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log ind").click()
    axe.assert_clean(page)
    page.get_by_role("link", name="Log ind med MitID").click()
    log_in_at_provider(page, "bente")
    expect(page.get_by_text("Logget ind som Bente")).to_be_visible()
    assert page.url.startswith(live_server.url)

    page.goto(live_server.url + "/konto/privatliv/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sådan behandler vi dine personoplysninger"
    )
    axe.assert_clean(page)
    page.get_by_role("link", name="Se, hent eller slet dine data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine data")
    axe.assert_clean(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent dine data (JSON)").click()
    path = download_info.value.path()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sections"]["accounts"]["profile"]["name"] == "Bente Borger"
    assert "0107491234" not in path.read_text(encoding="utf-8")

    page.get_by_role("link", name="Slet din konto").click()
    axe.assert_clean(page)
    page.get_by_role("button", name="Slet min konto").click()
    expect(page.get_by_label("Jeg forstår")).to_have_attribute("aria-invalid", "true")
    axe.assert_clean(page)  # with the error message
    page.get_by_label("Jeg forstår").check()
    page.get_by_role("button", name="Slet min konto").click()
    expect(page.get_by_text("Din konto og dine personoplysninger er slettet.")).to_be_visible()
    expect(page.get_by_role("link", name="Log ind")).to_be_visible()
    assert User.objects.get().erased_at is not None


def test_it_explains_a_refused_login_accessibly(
    live_server, page: Page, axe: AxeChecker, with_provider: Provider
) -> None:
    page.goto(live_server.url + "/konto/log-ind/")
    page.get_by_role("link", name="Log ind med MitID").click()
    log_in_at_provider(page, "udloebet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du blev ikke logget ind")
    expect(page.get_by_role("alert")).to_contain_text("er udløbet")
    axe.assert_clean(page)
    expect(page.get_by_role("link", name="Log ind", exact=True)).to_be_visible()


def test_it_sets_up_two_factor_login_accessibly(
    live_server, page: Page, axe: AxeChecker, administrator: User, password: str
) -> None:
    page.goto(live_server.url + "/konto/log-ind/?next=/konto/to-faktor/")
    page.get_by_label("E-mailadresse").fill(administrator.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Totrinslogin")
    axe.assert_clean(page)
    page.get_by_role("button", name="Opsæt totrinslogin").click()
    expect(page.get_by_role("img", name="QR-kode til din godkendelsesapp")).to_be_visible()
    expect(page.get_by_label("Kode fra din godkendelsesapp")).to_be_visible()
    axe.assert_clean(page)


def test_it_shows_an_accessible_lockout_page(
    live_server, page: Page, axe: AxeChecker, resident: User
) -> None:
    page.goto(live_server.url + "/konto/log-ind/")
    for _ in range(5):
        page.get_by_label("E-mailadresse").fill(resident.email)
        page.get_by_label("Adgangskode").fill("forkert")
        page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("For mange mislykkede loginforsøg")
    axe.assert_clean(page)
