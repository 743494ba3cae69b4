"""Decisions followed through, in a real browser: a manager decides to realise an idea,
keeps its realisation (milestone, status "done"), and the submitter sees it done; another
idea goes to a workshop whose outcome returns it for a new decision. axe-core checks every
page visited at WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import User
from samskab.ideas.models import Status
from samskab.ideas.tests.factories import handled_idea
from samskab.meetings.tests.factories import MeetingFactory

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_follows_a_realised_idea_to_done_and_a_workshop_idea_back_to_a_decision(
    live_server,
    page: Page,
    axe: AxeChecker,
    manager: User,
    password: str,
) -> None:
    base = live_server.url
    idea = handled_idea(manager, status=Status.AWAITING_DECISION, title="Bænke ved åen")
    other = handled_idea(manager, status=Status.AWAITING_DECISION, title="Fælles køkkenhave")
    MeetingFactory.create(title="Workshop om grønne byrum")

    login(page, base, manager.email, password)
    page.goto(f"{base}/ideer/{idea.pk}/beslutning/")
    page.get_by_label("Realisér direkte").check()
    page.get_by_label("Begrundelse").fill("Billigt og efterspurgt.")
    page.get_by_label("Færdig senest (kun ved realisering)").fill("2099-06-01")
    page.get_by_role("button", name="Registrér beslutningen").click()
    expect(page.get_by_role("heading", name="Realiseringen")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Følg op på realiseringen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Realisering:")
    axe.assert_clean(page)
    page.locator("#id_milestone-title").fill("Bænke bestilt")
    page.locator("#id_milestone-due_date").fill("2099-03-01")
    page.get_by_role("button", name="Tilføj delmålet").click()
    page.get_by_role("button", name="Markér “Bænke bestilt” som nået").click()
    page.locator("#id_state").select_option("done")
    page.locator("#id_public_note").fill("Bænkene er sat op.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Bænkene er sat op.").first).to_be_visible()
    expect(page.locator(".idea-status")).to_contain_text("Realiseret")

    page.goto(f"{base}/ideer/realiseringer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Realiseringer")
    axe.assert_clean(page)

    page.goto(f"{base}/ideer/{other.pk}/beslutning/")
    page.get_by_label("Udvikl videre i en workshop").check()
    page.get_by_label("Begrundelse").fill("Den skal udvikles med borgerne.")
    page.get_by_role("button", name="Registrér beslutningen").click()
    page.get_by_role("link", name="Knyt en workshop til idéen").click()
    axe.assert_clean(page)
    page.get_by_role("button", name="Knyt workshoppen til idéen").click()
    expect(page.get_by_text("Workshop om grønne byrum").first).to_be_visible()
    page.get_by_role("link", name="Registrér resultatet af workshoppen").click()
    page.get_by_label("Hvad workshoppen kom frem til").fill("Start med tre højbede.")
    page.get_by_role("button", name="Registrér resultatet").click()
    expect(page.locator(".idea-status")).to_contain_text("Afventer beslutning")
    expect(page.get_by_role("link", name="Beslut")).to_be_visible()
    axe.assert_clean(page)
