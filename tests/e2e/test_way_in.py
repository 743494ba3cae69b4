"""The right way in, in a browser with axe-core: a resident logs in and lands on "Mit
overblik", meets a closed vote that explains itself and points to the results, searches the
site, and finds the accessibility statement from the footer."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskab.budgets.tests.factories import make_process, make_proposal, make_voter
from samskab.ideas.tests.factories import IdeaFactory

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_leads_a_resident_in_and_on_without_dead_ends(
    live_server, page: Page, axe: AxeChecker, password: str
) -> None:
    voter = make_voter()
    voter.set_password(password)
    voter.save()
    IdeaFactory.create(author=voter, title="Havnebad i Korsør")
    closed = make_process(phase="results", results_published_at=timezone.now())
    make_proposal(closed, title="Legeplads ved havnen")

    login(page, live_server.url, voter.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit overblik")
    expect(page.get_by_role("link", name="Havnebad i Korsør")).to_be_visible()
    axe.assert_clean(page)

    page.goto(f"{live_server.url}/borgerbudgetter/{closed.slug}/stem/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Afstemningen er lukket")
    axe.assert_clean(page)
    page.get_by_role("link", name="Se resultaterne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultater")

    menu = page.get_by_role("navigation", name="Hovedmenu")
    menu.get_by_role("link", name="Søg", exact=True).click()
    field = "Søg i idéer, forslag, forsøg, evidens, møder og lokale udviklingsplaner"
    page.get_by_label(field).fill("havnen")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("link", name="Legeplads ved havnen")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    axe.assert_clean(page)

    # The statement's longer sections are a DKFDS accordion, opened with the keyboard.
    complain = page.get_by_role("link", name="Klag via erklæringen på was.digst.dk")
    expect(complain).to_be_hidden()
    fold = page.get_by_role("button", name="Håndhævelsesprocedure")
    expect(fold).to_have_attribute("aria-expanded", "false")
    fold.focus()
    page.keyboard.press("Enter")
    expect(fold).to_have_attribute("aria-expanded", "true")
    expect(complain).to_be_visible()
    page.keyboard.press("Enter")  # and closed again
    expect(fold).to_have_attribute("aria-expanded", "false")
    expect(complain).to_be_hidden()
    content = page.get_by_role("button", name="Indhold, der ikke er tilgængeligt")
    content.click()
    expect(content).to_have_attribute("aria-expanded", "true")
    axe.assert_clean(page)
