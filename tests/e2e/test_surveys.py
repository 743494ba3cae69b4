"""The survey journey: the secretariat makes a survey with two questions and publishes it,
a resident answers it (after a mistake the error summary shows, input kept), and the
results show a chart with the same numbers as a table. Every page is checked with axe-core
at WCAG 2.1 A and AA."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.surveys.models import Respondent, Response, Survey

from .conftest import AxeChecker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, user: User) -> None:
    """Log in by session cookie (the login form itself is tested in test_foundation)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_it_makes_a_survey_gets_an_answer_and_shows_the_results(
    live_server, page: Page, axe: AxeChecker
) -> None:
    secretariat = UserFactory.create(role=Role.SECRETARIAT, name="Søren Sekretariat")
    resident = UserFactory.create(role=Role.RESIDENT, is_verified=True)
    today = timezone.localdate()

    log_in(page, live_server, secretariat)
    page.goto(live_server.url + "/undersoegelser/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spørgeskemaer")
    axe.assert_clean(page)
    page.get_by_role("link", name="Opret et spørgeskema").click()
    page.get_by_label("Titel").fill("Havnens fremtid")
    page.get_by_label("Åbner").fill(today.isoformat())
    page.get_by_label("Lukker").fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Alle", exact=True).check()
    axe.assert_clean(page)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Spørgeskemaet er oprettet")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Tilføj et spørgsmål").click()
    page.get_by_label("Spørgsmål", exact=True).fill("Hvad er vigtigst på havnen?")
    page.get_by_label("Ét valg").check()
    page.get_by_label("Svarmuligheder").fill("Grønne områder\nBoliger\nCaféer")
    axe.assert_clean(page)
    page.get_by_role("button", name="Gem spørgsmålet").click()
    page.get_by_role("link", name="Tilføj et spørgsmål").click()
    page.get_by_label("Spørgsmål", exact=True).fill("Hvor tilfreds er du med havnen?")
    page.get_by_label("Skala", exact=True).check()
    page.get_by_role("button", name="Gem spørgsmålet").click()
    expect(page.get_by_role("button", name="Flyt spørgsmål 1 ned")).to_be_visible()
    page.get_by_label("Offentliggjort").check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Spørgeskemaet er gemt")).to_be_visible()
    axe.assert_clean(page)
    survey = Survey.objects.get(title="Havnens fremtid")
    assert survey.is_published and survey.questions.count() == 2

    # A resident answers: first without the scale (an error, the choice is kept), then fully.
    log_in(page, live_server, resident)
    page.goto(live_server.url + survey.get_absolute_url())
    axe.assert_clean(page)
    page.get_by_role("link", name="Svar på spørgeskemaet").click()
    page.get_by_label("Boliger").check()
    page.get_by_role("button", name="Send mine svar").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Hvor tilfreds er du med havnen?")
    expect(page.get_by_label("Boliger")).to_be_checked()
    axe.assert_clean(page)
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Send mine svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for dine svar")
    axe.assert_clean(page)
    assert Response.objects.filter(survey=survey).count() == 1
    assert Respondent.objects.filter(survey=survey).count() == 1

    page.get_by_role("link", name="Se resultaterne indtil nu").click()
    chart = page.locator("table.chart-table").filter(has_text="Hvad er vigtigst på havnen?")
    expect(chart.locator("svg rect")).to_have_count(3)
    expect(chart.get_by_role("row", name="Boliger 1")).to_be_visible()
    expect(page.get_by_text("Gennemsnit: 4.")).to_be_visible()
    axe.assert_clean(page)
