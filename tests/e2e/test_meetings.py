"""Meetings and local areas in a real browser: a resident registers for a workshop and gets
the calendar file, the organiser sees the participant list, and the local area page shows
its plan with a Leaflet map (tile requests blocked, so nothing leaves localhost) that also
works as a plain list without JavaScript. axe-core checks every page visited."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.core.models import Area
from samskab.meetings.models import Action, Registration
from samskab.meetings.tests.factories import ActionFactory, LocalPlanFactory, MeetingFactory

from .conftest import AxeChecker, login, only_localhost

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page: Page, base: str, user: User, password: str) -> None:
    login(page, base, user.email, password)


def test_it_registers_a_resident_who_gets_the_calendar_file_and_the_organiser_sees_them(
    live_server, page: Page, axe: AxeChecker, resident: User, password: str
) -> None:
    base = live_server.url
    organiser = UserFactory.create(
        email="arrangoer@test.samskab.dk", role=Role.EMPLOYEE, name="Olga Arrangør"
    )
    meeting = MeetingFactory.create(
        title="Workshop: Liv på havnen i Korsør",
        organiser=organiser,
        capacity=2,
        area=Area.objects.get(slug="korsoer"),
        agenda="1. Velkomst\n2. Idéer i grupper",
    )
    only_localhost(page, base)

    _login(page, base, resident, password)
    page.goto(base + "/moeder/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Møder")
    axe.assert_clean(page)
    page.get_by_role("link", name="Workshop: Liv på havnen i Korsør").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    axe.assert_clean(page)

    page.get_by_label("Er der noget, vi skal vide? (valgfrit)").fill("Jeg bruger kørestol")
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_text("Du har en plads til dette møde.")).to_be_visible()
    axe.assert_clean(page)
    registration = Registration.objects.get(meeting=meeting, user=resident)
    assert registration.status == Registration.Status.REGISTERED

    calendar_link = page.get_by_role("link", name="Føj til din kalender (.ics-fil)")
    href = calendar_link.get_attribute("href")
    assert href == f"/moeder/{meeting.pk}/kalender.ics"
    response = page.request.get(base + href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert str(event["SUMMARY"]) == meeting.title

    # The resident's meetings are listed on the meetings page.
    page.goto(base + "/moeder/")
    expect(page.get_by_role("heading", name="Dine møder")).to_be_visible()
    axe.assert_clean(page)

    # The organiser sees who is coming, with their needs.
    _login(page, base, organiser, password)
    page.goto(base + meeting.get_absolute_url())
    page.get_by_role("link", name="Deltagere").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Deltagere")
    expect(page.get_by_role("row").filter(has_text=resident.email)).to_contain_text(
        "Jeg bruger kørestol"
    )
    axe.assert_clean(page)
    page.goto(base + f"/moeder/{meeting.pk}/referat/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Referat")
    axe.assert_clean(page)
    page.goto(base + "/moeder/netvaerk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Netværk")
    axe.assert_clean(page)


def test_it_shows_the_local_area_with_its_plan_and_map_without_reaching_the_internet(
    live_server, page: Page, browser: Browser, axe: AxeChecker, settings
) -> None:
    base = live_server.url
    settings.MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    plan = LocalPlanFactory.create(title="Udviklingsplan for Korsør 2026–2029")
    plan.goals.create(text="Flere mennesker på havnen hele året")
    ActionFactory.create(
        plan=plan,
        title="Havnebad ved Halsskov Odde",
        status=Action.Status.IN_PROGRESS,
        latitude=Decimal("55.3340"),
        longitude=Decimal("11.1300"),
    )
    blocked = only_localhost(page, base)

    page.goto(base + "/omraader/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokalområder")
    expect(page.locator("#area-map.leaflet-container")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Korsør", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Korsør")
    expect(page.get_by_text("Flere mennesker på havnen hele året")).to_be_visible()
    # Leaflet (served by the site) draws the map and its markers; the tiles never load.
    expect(page.locator("#area-map.leaflet-container")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    table = page.get_by_role("table").filter(has_text="Havnebad ved Halsskov Odde").last
    expect(table).to_contain_text("55,33400")
    axe.assert_clean(page)
    assert blocked and all(urlsplit(url).netloc == "tiles.invalid" for url in blocked)

    # Without JavaScript the map stays hidden and the places are still listed. (axe-core
    # itself needs JavaScript; it checked this same server-rendered page above.)
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    try:
        plain = context.new_page()
        only_localhost(plain, base)
        plain.goto(base + "/omraader/korsoer/")
        expect(plain.locator("#area-map")).to_be_hidden()
        expect(
            plain.get_by_role("row").filter(has_text="Havnebad ved Halsskov Odde").last
        ).to_contain_text("11,13000")
    finally:
        context.close()
