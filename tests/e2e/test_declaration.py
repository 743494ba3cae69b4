"""The knowledge declaration in a real browser: an employee grades an intervention's five
dimensions; everyone sees the table and chart, and the scale page explains the grades.
axe-core checks every page visited at WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from samskab.accounts.models import User
from samskab.evidence.models import Intervention

from .conftest import WCAG_TAGS, AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _assert_clean_but_chart_text(axe: AxeChecker, page: Page) -> None:
    # As in test_ideas: axe-core cannot find the background of SVG text; the figures are
    # repeated in the table, which is checked.
    result = axe.axe.run(
        page,
        context={"exclude": [["svg.bar-chart text"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert result.response["violations"] == [], result.generate_report()


def test_it_grades_an_intervention_and_shows_the_declaration_to_everyone(
    live_server, page: Page, axe: AxeChecker, employee: User, password: str
) -> None:
    base = live_server.url
    intervention = Intervention.objects.create(
        title="Opsøgende hjemmebesøg", summary="Besøg hos ældre", target_group="Ældre"
    )
    login(page, base, employee.email, password)
    page.goto(base + intervention.get_absolute_url())
    page.get_by_role("link", name="Skriv vidensdeklarationen").click()
    axe.assert_clean(page)
    for dimension, grade in [
        ("target_group", "A"),
        ("method", "B"),
        ("implementation", "B"),
        ("effect", "D"),
        ("economy", "C"),
    ]:
        page.locator(f"#id_{dimension}_grade").select_option(grade)
        page.locator(f"#id_{dimension}_reasoning").fill(f"Sådan er det med {dimension}.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("table", name="Vidensdeklarationen", exact=True)).to_contain_text(
        "Sådan er det med effect."
    )
    _assert_clean_but_chart_text(axe, page)

    page.context.clear_cookies()
    page.goto(base + "/evidens/skala/")
    expect(page.get_by_role("heading", name="Vidensdeklarationen")).to_be_visible()
    axe.assert_clean(page)
