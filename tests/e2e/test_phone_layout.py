"""Every page of the site on a 320 CSS px phone (WCAG 2.1 1.4.10 Reflow), as each role, and
DKFDS's error summary with focus on each kind of form.

The pages come from the URL resolver (tests/security/walk.py) over the demo data, so a new
page is checked without changing this file. Only pages that answer 200 with HTML are
opened in the browser (the in-process test client asks first, which is much faster).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Browser, Page, ViewportSize, expect

from samskab.accounts.models import Role, User
from samskab.core.management.commands.seed_demo import DEMO_PASSWORD
from tests.security.walk import routes, sample_url

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 320, "height": 640}
# Not pages for a browser: the admin site (Django's own), the API, health and file downloads.
SKIPPED_PREFIXES = ("admin:", "open_data_api:", "api", "core:healthz")
# The demo user of each role (samskab.core.management.commands.seed_demo); None is anonymous.
ROLES: list[Role | None] = [
    None,
    Role.RESIDENT,
    Role.EMPLOYEE,
    Role.MANAGER,
    Role.SECRETARIAT,
    Role.COMMITTEE,
]

# Lists every element wider than the viewport that is not inside its own scroll box.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  // An element is clipped by a scroll box around it; an absolutely positioned one only by a
  // box around its containing block (its offsetParent).
  const inScrollBox = (el) => {
    const positioned = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    const start = positioned ? el.offsetParent : el.parentElement;
    for (let p = start; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p !== document.body
          && p !== document.documentElement) return true;
    }
    return false;
  };
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !inScrollBox(el))
    .slice(0, 5)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ends at ` +
                 `${Math.round(el.getBoundingClientRect().right)} px`);
  return wide.length ? wide : [`the page is ${document.documentElement.scrollWidth} px wide`];
}"""


@pytest.fixture
def demo() -> None:
    settings.DEBUG = True  # seed_demo refuses to run without it
    try:
        call_command("seed_demo", verbosity=0)
    finally:
        settings.DEBUG = False


def _user(role: Role) -> User:
    user = User.objects.filter(role=role, email__endswith="@demo.samskab.dk").order_by("pk").first()
    assert user is not None, f"seed_demo made no {role} user"
    return user


def _html_pages(client: Client) -> list[str]:
    """The URLs of every page that answers this client with 200 and HTML."""
    urls: list[str] = []
    for route in routes():
        if route.name.startswith(SKIPPED_PREFIXES):
            continue
        url = sample_url(route)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return sorted(set(urls))


def _phone_page(browser: Browser, live_server_url: str, role: Role | None) -> Page:
    """A browser page logged in as the demo user of role (at desktop size, where the
    login helper finds "Logget ind som"), then narrowed to a phone's 320 px."""
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    page.set_default_timeout(15_000)
    if role is not None:
        login(page, live_server_url, _user(role).email, DEMO_PASSWORD)
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("role", ROLES, ids=lambda role: str(role or "anonymous"))
def test_it_never_scrolls_sideways_on_a_phone(
    live_server: Any, browser: Browser, demo: None, role: Role | None
) -> None:
    client = Client()
    if role is not None:
        client.force_login(_user(role))
    page = _phone_page(browser, live_server.url, role)
    urls = _html_pages(client)
    assert len(urls) > 10, urls
    problems: list[str] = []
    for url in urls:
        page.goto(live_server.url + url)
        wide = page.evaluate(OVERFLOW_JS)
        if wide:
            problems.append(f"{url}: " + "; ".join(wide))
    page.context.close()
    assert not problems, f"Pages that scroll sideways at 320 px as {role or 'anonymous'}:\n" + (
        "\n".join(problems)
    )


def test_it_keeps_the_ballot_summary_in_view_while_choosing(
    live_server: Any, browser: Browser, demo: None
) -> None:
    from samskab.budgets.models import BudgetProcess, Phase

    process = BudgetProcess.objects.get(slug="borgerbudget-slagelse")
    process.phase_override = Phase.VOTING
    process.save(update_fields=["phase_override"])
    page = _phone_page(browser, live_server.url, Role.RESIDENT)
    page.goto(f"{live_server.url}/borgerbudgetter/{process.slug}/stem/")
    summary = page.locator("#stemmeseddel-oversigt")
    last = page.get_by_role("checkbox").last
    last.scroll_into_view_if_needed()
    last.check()
    expect(summary).to_contain_text("1 projekt valgt")
    box = summary.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert box["height"] < PHONE["height"] / 4, "the summary hides too much of a phone's screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_it_puts_the_menu_behind_a_button_on_a_phone(
    live_server: Any, browser: Browser, axe: AxeChecker
) -> None:
    page = _phone_page(browser, live_server.url, None)
    page.goto(live_server.url + "/")
    header = page.locator("header.header")
    header_box = header.bounding_box()
    assert header_box is not None and header_box["height"] <= 80, header_box
    main_menu = page.get_by_role("navigation", name="Hovedmenu")
    expect(main_menu.get_by_role("link", name="Idéer")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(main_menu.get_by_role("link", name="Idéer")).to_be_visible()
    expect(page.get_by_role("button", name="Luk")).to_be_focused()
    axe.assert_clean(page)
    page.keyboard.press("Escape")
    expect(main_menu.get_by_role("link", name="Idéer")).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_be_focused()
