"""The secretariat's journey in a real browser: the overview with its charts and tables,
filtered by department, a figure followed to the list behind it, a committee report
written and opened, and the open data page. axe-core checks every page visited."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskab.accounts.models import User
from samskab.core.models import Department
from samskab.ideas.models import Status
from samskab.ideas.tests.factories import IdeaFactory
from samskab.secretariat.models import CommitteeReport

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page: Page, base: str, user: User, password: str) -> None:
    login(page, base, user.email, password)


def test_it_takes_the_secretariat_from_the_overview_to_a_committee_report(
    live_server, page: Page, axe: AxeChecker, secretariat: User, password: str
) -> None:
    base = live_server.url
    children = Department.objects.get(slug="boern-og-unge")
    health = Department.objects.get(slug="sundhed-og-aeldre")
    last_week = timezone.now() - datetime.timedelta(days=7)
    IdeaFactory.create_batch(3, department=children, submitted_at=last_week)
    IdeaFactory.create(
        department=children, submitted_at=last_week, status=Status.ASSESSMENT, title="Legeplads"
    )
    IdeaFactory.create_batch(2, department=health, submitted_at=last_week)

    _login(page, base, secretariat, password)
    page.goto(base + "/")
    page.get_by_role("link", name="Sekretariat").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sekretariatets overblik")
    funnel = page.get_by_role("table", name="Idétragten efter trin")
    expect(funnel.get_by_role("row", name="Alle indsendte")).to_contain_text("6")
    expect(funnel.get_by_role("row", name="Visiteret")).to_contain_text("1")
    expect(page.locator("svg text")).to_have_count(0)
    axe.assert_clean(page)

    page.get_by_label("Center").select_option(label=children.name)
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_label("Center")).to_have_value(str(children.pk))
    funnel = page.get_by_role("table", name="Idétragten efter trin")
    expect(funnel.get_by_role("row", name="Alle indsendte")).to_contain_text("4")
    axe.assert_clean(page)

    by_status = page.get_by_role("table", name="Idéer efter status nu")
    by_status.get_by_role("row", name="Under vurdering").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Idéer i perioden")
    expect(page.get_by_role("heading", name="1 idé")).to_be_visible()
    expect(page.get_by_role("link", name="Legeplads")).to_be_visible()
    axe.assert_clean(page)

    page.get_by_role("link", name="Udvalgsrapporter").click()
    axe.assert_clean(page)
    page.get_by_role("link", name="Ny udvalgsrapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny udvalgsrapport")
    axe.assert_clean(page)
    page.get_by_label("Titel").fill("Rapport til udvalget")
    page.get_by_label("Højdepunkter").fill("Mange nye idéer om **legepladser**.")
    page.get_by_label("Beslutninger til udvalget").fill("Udvalget godkender planen.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport til udvalget")
    expect(page.get_by_text("Rapporten er gemt som udkast.")).to_be_visible()
    expect(page.locator("strong", has_text="legepladser")).to_be_visible()
    expect(page.get_by_role("link", name="Hent som PDF")).to_be_visible()
    axe.assert_clean(page)
    assert CommitteeReport.objects.get().created_by == secretariat

    page.get_by_role("link", name="Åbne data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åbne data")
    axe.assert_clean(page)
    page.get_by_role("link", name="/api/v1/openapi.json").click()
    expect(page.locator("body")).to_contain_text('"openapi"')
