"""The citizen-budget journey on demo data: propose -> vet -> vote (basket ballot, keyboard
only) -> publish results -> record implementation progress. axe-core checks every page."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.services import user_create
from samskab.budgets.demo import SLUG, seed_demo_budgets
from samskab.core.models import Area, Department

from .conftest import AxeChecker, login, only_localhost

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "samskab-demo-e2e"  # noqa: S105


def _users() -> tuple[User, User]:
    slagelse = Area.objects.get(slug="slagelse")
    resident = user_create(
        email="borger@demo.samskab.dk",
        name="Bente Borger",
        password=PASSWORD,
        is_verified=True,
        area=slagelse,
        cpr="0107491234",
        is_municipal_resident=True,
    )
    secretariat = user_create(
        email="sekretariat@demo.samskab.dk",
        name="Sara Sekretariat",
        role=Role.SECRETARIAT,
        password=PASSWORD,
        department=Department.objects.get(slug="sekretariatet-for-samskabelse"),
    )
    return resident, secretariat


def _login(page: Page, base: str, user: User) -> None:
    login(page, base, user.email, PASSWORD)


def _set_phase(page: Page, base: str, phase: str) -> None:
    page.goto(f"{base}/borgerbudgetter/{SLUG}/")
    page.get_by_label("Nuværende fase").select_option(label=phase)
    page.get_by_role("button", name="Skift fase").click()
    expect(page.get_by_text("Fasen er skiftet.")).to_be_visible()


def test_it_runs_a_citizen_budget_from_proposal_to_implementation(
    live_server, page: Page, axe: AxeChecker
) -> None:
    base = live_server.url
    resident, secretariat = _users()
    seed_demo_budgets()

    # 1. A resident proposes a project.
    _login(page, base, resident)
    page.goto(base + "/borgerbudgetter/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Borgerbudget Slagelse 2026").click()
    axe.assert_clean(page)
    page.get_by_role("link", name="Foreslå et projekt").click()
    page.get_by_label("Titel").fill("Shelter ved Skovsøen")
    page.get_by_label("Beskrivelse").fill("Et shelter, hvor skoleklasser kan overnatte.")
    page.get_by_label("Kategori").select_option(label="Natur og miljø")
    page.locator("#id_udgifter-0-description").fill("Tømmer og tag")
    page.locator("#id_udgifter-0-amount").fill("80000")
    page.get_by_label("Hvem udfører det").select_option(label="En forening")
    axe.assert_clean(page)
    page.get_by_role("button", name="Gem forslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shelter ved Skovsøen")
    axe.assert_clean(page)
    proposal_url = page.url

    # 2. The secretariat vets it and puts it on the ballot.
    _login(page, base, secretariat)
    _set_phase(page, base, "Vurdering")
    page.goto(proposal_url)
    page.get_by_role("link", name="Vurdér forslag").click()
    page.get_by_label("Center", exact=True).select_option(label="Center for Miljø, Plan og Teknik")
    page.get_by_role("button", name="Send til centret", exact=True).click()
    axe.assert_clean(page)
    page.get_by_label("Juridisk mulighed").select_option(label="Muligt")
    page.get_by_label("Teknisk mulighed").select_option(label="Muligt")
    page.get_by_label("Genberegnet anlægsudgift (kr.)").fill("90000")
    page.get_by_label("Afgørelse", exact=True).select_option(label="Kommer til afstemning")
    page.get_by_label("Begrundelse til offentligheden").fill("Kan bygges på kommunens grund.")
    page.get_by_role("button", name="Gem vurdering").click()
    expect(page.get_by_text("Vurderingen er gemt.")).to_be_visible()
    _set_phase(page, base, "Afstemning")

    # 3. The resident votes with the keyboard only.
    _login(page, base, resident)
    page.goto(f"{base}/borgerbudgetter/{SLUG}/stem/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Din stemmeseddel")
    axe.assert_clean(page)
    for title in ("Shelter ved Skovsøen", "Legeplads i Byparken"):
        checkbox = page.get_by_role("checkbox", name=title)
        checkbox.focus()
        page.keyboard.press("Space")
        expect(checkbox).to_be_checked()
    expect(page.locator("#stemmeseddel-oversigt")).to_contain_text("Tilbage af budgettet: 660.000")
    page.get_by_role("button", name="Afgiv min stemme").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for din stemme")
    expect(page.locator(".receipt-code")).to_be_visible()
    axe.assert_clean(page)

    # 4. Voting closes; the secretariat publishes the results.
    _login(page, base, secretariat)
    _set_phase(page, base, "Resultater")
    page.goto(f"{base}/borgerbudgetter/{SLUG}/resultater/")
    page.get_by_role("button", name="Beregn og offentliggør resultaterne").click()
    expect(page.get_by_text("Resultaterne er beregnet og offentliggjort.")).to_be_visible()
    expect(page.locator("table.chart-table").first).to_be_visible()
    axe.assert_clean(page)

    # 5. Implementation progress is recorded.
    page.get_by_role("link", name="Shelter ved Skovsøen").first.click()
    page.get_by_role("link", name="Følg projektet").click()
    page.get_by_label("Ansvarlig borgergruppe").fill("Spejderne i Slagelse")
    page.get_by_label("Status", exact=True).select_option(label="I gang")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Projektet er opdateret.")).to_be_visible()
    page.get_by_label("Milepæl", exact=True).fill("Tømmer leveret")
    page.get_by_label("Forventet senest").fill("2030-05-01")
    page.get_by_role("button", name="Tilføj milepæl").click()
    page.get_by_label("Opdatering", exact=True).fill("Byggeriet er gået i gang.")
    page.get_by_role("button", name="Offentliggør opdatering").click()
    expect(page.get_by_text("Byggeriet er gået i gang.")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Alle vindende projekter").click()
    expect(page.get_by_role("cell", name="I gang")).to_be_visible()
    axe.assert_clean(page)


def test_it_picks_a_proposals_place_on_the_map_and_shows_it_on_the_process_page(
    live_server, page: Page, axe: AxeChecker, settings
) -> None:
    base = live_server.url
    settings.MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    resident, _ = _users()
    seed_demo_budgets()
    blocked = only_localhost(page, base)

    _login(page, base, resident)
    page.goto(f"{base}/borgerbudgetter/{SLUG}/")
    page.get_by_role("link", name="Foreslå et projekt").click()
    page.get_by_label("Titel").fill("Bænke ved Skovsøen")
    page.get_by_label("Beskrivelse").fill("Tre bænke med udsigt over søen.")
    page.get_by_label("Kategori").select_option(label="Natur og miljø")
    page.locator("#id_udgifter-0-description").fill("Bænke")
    page.locator("#id_udgifter-0-amount").fill("30000")
    page.get_by_label("Hvem udfører det").select_option(label="En forening")
    # Leaflet (served by the site) draws the picker; the tiles never load. A click on the
    # map fills in both fields with a Danish decimal comma.
    latitude = page.get_by_label("Breddegrad (valgfri)")
    longitude = page.get_by_label("Længdegrad (valgfri)")
    expect(latitude).to_have_value("")
    picker = page.locator("[data-map-picker].leaflet-container")
    expect(picker).to_be_visible()
    axe.assert_clean(page)
    picker.click(position={"x": 150, "y": 120})  # clear of the zoom buttons
    expect(latitude).to_have_value(re.compile(r"^55,\d{1,6}$"))
    expect(longitude).to_have_value(re.compile(r"^1[01],\d{1,6}$"))
    expect(page.locator("[data-map-picker] .leaflet-marker-icon")).to_have_count(1)
    picked = Decimal(latitude.input_value().replace(",", "."))
    page.get_by_role("button", name="Gem forslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bænke ved Skovsøen")

    # The process page shows it on a map beside the list, and lists its place as text.
    page.goto(f"{base}/borgerbudgetter/{SLUG}/")
    expect(page.locator("#area-map.leaflet-container")).to_be_visible()
    expect(page.locator("#area-map .leaflet-marker-icon")).to_have_count(1)
    places = page.get_by_role("table").filter(has_text="Bænke ved Skovsøen").last
    shown = picked.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)
    expect(places).to_contain_text(str(shown).replace(".", ","))
    axe.assert_clean(page)
    assert blocked and all(urlsplit(url).netloc == "tiles.invalid" for url in blocked)
