"""The idea journey in a real browser: a citizen submits an idea, the secretariat routes
it, the responsible manager assesses and decides, and the citizen sees the reason.
axe-core checks every page visited at WCAG 2.1 A and AA."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import User

from .conftest import WCAG_TAGS, AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CRITERIA = 9  # feasibility (3), perspectives (3), cost, risks, evidence


def _assert_clean_but_chart_text(axe: AxeChecker, page: Page) -> None:
    """Like ``axe.assert_clean``, but without the text inside the SVG bar chart: axe-core
    cannot find the background of SVG text (it reports it as an "image node"). The chart
    text is #1b1b1b on white, and its figures are repeated in the table beside it, which
    is checked."""
    result = axe.axe.run(
        page,
        context={"exclude": [["svg.bar-chart text"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert result.response["violations"] == [], result.generate_report()


def _login(page: Page, base: str, user: User, password: str) -> None:
    login(page, base, user.email, password)


def test_it_takes_an_idea_from_submission_to_a_reasoned_decision(
    live_server,
    page: Page,
    axe: AxeChecker,
    resident: User,
    secretariat: User,
    manager: User,
    password: str,
) -> None:
    base = live_server.url
    # An existing idea, so that similar ideas show up while the citizen types.
    from samskab.ideas.tests.factories import IdeaFactory

    IdeaFactory.create(title="Bænke ved stien langs åen")

    # The citizen submits an idea.
    _login(page, base, resident, password)
    page.goto(base + "/ideer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Idébanken")
    axe.assert_clean(page)
    page.get_by_role("link", name="Indsend en idé").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indsend en idé")
    axe.assert_clean(page)
    page.get_by_label("En kort titel").fill("Flere bænke langs stien")
    # HTMX shows similar ideas while typing.
    expect(page.get_by_role("link", name="Bænke ved stien langs åen")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_label("Hvad er problemet?").fill("Ældre kan ikke gå hele turen uden at hvile.")
    page.get_by_label("Hvad er din idé?").fill("Sæt en bænk op for hver 300 meter.")
    page.get_by_label("Hvem får gavn af den?").fill("Ældre og gangbesværede")
    page.get_by_label("Område").select_option(label="Korsør")
    page.get_by_label("Tema").select_option(label="Ældre og sundhed")
    page.get_by_role("button", name="Indsend idéen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flere bænke langs stien")
    expect(page.get_by_text("Din idé er indsendt")).to_be_visible()
    expect(page.locator(".idea-status")).to_contain_text("Afventer visitering")
    axe.assert_clean(page)
    idea_url = page.url

    # The secretariat routes it to a responsible manager.
    _login(page, base, secretariat, password)
    page.goto(base + "/ideer/screening/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Flere bænke langs stien").click()
    page.get_by_role("link", name="Visitér idéen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Visitering")
    axe.assert_clean(page)
    # "Department" is shared with other apps' catalogues ("Center" or "Forvaltning").
    page.get_by_role("combobox", name=re.compile(r"^(Center|Forvaltning)$")).select_option(
        label="Center for Miljø, Plan og Teknik"
    )
    page.get_by_label("Ansvarlig leder", exact=True).select_option(label=str(manager))
    page.get_by_label("Besked til forslagsstilleren (valgfrit)").first.fill("Teknik ser på det.")
    page.get_by_role("button", name="Send idéen videre").click()
    expect(page.locator(".idea-status")).to_contain_text("Under vurdering")
    axe.assert_clean(page)

    # The manager finds it in their queue, assesses it and decides.
    _login(page, base, manager, password)
    page.goto(base + "/ideer/min-koe/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Flere bænke langs stien").click()
    page.get_by_role("link", name="Vurdér idéen").click()
    axe.assert_clean(page)
    groups = page.locator("fieldset.criterion")
    for number in range(CRITERIA):
        group = groups.nth(number)
        group.get_by_label("Score").select_option("4")
        group.get_by_label("Begrundelse").fill(f"Vurdering nummer {number + 1}")
    page.get_by_label("Anslået pris (kr.)").fill("60000")
    page.get_by_role("button", name="Gem vurderingen").click()
    expect(page.locator(".idea-status")).to_contain_text("Afventer beslutning")
    axe.assert_clean(page)
    page.get_by_role("link", name="Beslut").click()
    axe.assert_clean(page)
    page.get_by_label("Realisér direkte").check()
    page.get_by_label("Begrundelse").fill("Billigt, og det hjælper mange ældre ud i naturen.")
    page.get_by_role("button", name="Registrér beslutningen").click()
    expect(page.locator(".idea-status")).to_contain_text("Realiseres")
    axe.assert_clean(page)

    # The citizen sees the decision, its reason and the timeline.
    _login(page, base, resident, password)
    page.goto(idea_url)
    outcome = page.locator(".outcome")
    expect(outcome.get_by_role("heading", level=2)).to_contain_text("Idéen bliver gennemført")
    expect(outcome).to_contain_text("Billigt, og det hjælper mange ældre ud i naturen.")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Sendt til en ansvarlig leder")
    expect(timeline).to_contain_text("Teknik ser på det.")
    expect(timeline).to_contain_text("Besluttet")
    # The citizen supports the idea (HTMX swaps the panel).
    page.get_by_role("button", name="Jeg støtter dette").click()
    expect(page.get_by_text("1 person støtter dette")).to_be_visible()
    axe.assert_clean(page)
    page.goto(base + "/ideer/mine/")
    expect(page.get_by_role("cell", name="Realiseres")).to_be_visible()
    axe.assert_clean(page)


def test_it_shows_accessible_figures_meetings_and_moderation_to_the_secretariat(
    live_server, page: Page, axe: AxeChecker, secretariat: User, password: str
) -> None:
    _login(page, live_server.url, secretariat, password)
    for path, heading in [
        ("/ideer/tal/", "Tal for idéer"),
        ("/ideer/overskredne-frister/", "Idéer med overskredet frist"),
        ("/ideer/beslutningsmoeder/", "Beslutningsmøder"),
        ("/deltagelse/", "Moderationskø"),
    ]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        _assert_clean_but_chart_text(axe, page)
