"""Hostile text in a real browser: script tags, event handlers and javascript: links typed
into the user text fields of ideas, budget proposals, comments, learning reports and
experiments are shown as text and never run.

The browser context bypasses the Content Security Policy, so that an injection would really
run if the escaping failed (the CSP is a second wall, not the one under test). Every free
text field of each object gets the payload; the idea and a comment are typed into the real
forms. axe-core checks every page visited.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import pytest
from django.db import models
from playwright.sync_api import Browser, Page, expect

from samskab.accounts.models import User

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror=window.__xss=1>'
LINK = "[klik her](javascript:window.__xss=1)"
PAYLOAD = f"{SCRIPT} {IMG} {LINK}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


M = TypeVar("M", bound=models.Model)


def hostile(obj: M) -> M:
    """Put the payload in every free text field of ``obj`` (cut to the field's length)."""
    for field in obj._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        ):
            setattr(obj, field.attname, PAYLOAD[: field.max_length or None])
    obj.save()
    return obj


def assert_inert(page: Page) -> None:
    state: dict[str, Any] = page.evaluate(
        """() => ({
            xss: typeof window.__xss,
            scripts: [...document.scripts].filter(s => s.textContent.includes('__xss')).length,
            handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
            images: document.querySelectorAll('img[src="x"]').length,
            links: [...document.links].filter(a => /^\\s*javascript:/i.test(a.href)).length,
        })"""
    )
    assert state == {"xss": "undefined", "scripts": 0, "handlers": 0, "images": 0, "links": 0}


def visit(page: Page, axe: AxeChecker, url: str, shown: str = SCRIPT) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
    assert_inert(page)
    # The payload is on the page as text.
    expect(page.get_by_text(shown, exact=False).first).to_be_visible()
    axe.assert_clean(page)


def test_it_shows_hostile_text_as_text_everywhere(
    live_server: Any,
    page: Page,
    axe: AxeChecker,
    resident: User,
    secretariat: User,
    password: str,
) -> None:
    from django.urls import reverse

    from samskab.budgets.tests.factories import make_process, make_proposal
    from samskab.engagement.services import comment_add
    from samskab.experiments.tests.factories import ExperimentFactory
    from samskab.ideas.models import Idea
    from samskab.learning.tests.factories import ReportFactory, published

    base = live_server.url
    process = make_process(phase="proposals")
    proposal = hostile(make_proposal(process))
    report = hostile(ReportFactory.create())
    shared = hostile(published(report))
    experiment = hostile(ExperimentFactory.create())
    comment_add(author=resident, target=shared, body=PAYLOAD)

    # A citizen types the payload into every field of the idea form, and comments.
    login(page, base, resident.email, password)
    page.goto(base + reverse("ideas:submit"))
    page.get_by_label("En kort titel").fill(SCRIPT + IMG)
    page.get_by_label("Hvad er problemet?").fill(PAYLOAD)
    page.get_by_label("Hvad er din idé?").fill(PAYLOAD)
    page.get_by_label("Hvem får gavn af den?").fill(PAYLOAD)
    page.get_by_label("Område").select_option(label="Korsør")
    page.get_by_label("Tema").select_option(index=1)
    page.get_by_role("button", name="Indsend idéen").click()
    expect(page.get_by_text("Din idé er indsendt")).to_be_visible()
    assert_inert(page)
    idea = Idea.objects.get()
    assert idea.title == SCRIPT + IMG  # stored as typed; escaping is the template's job
    comment_add(author=resident, target=idea, body=PAYLOAD)
    visit(page, axe, base + reverse("budgets:proposal", args=[proposal.pk]))
    page.get_by_label("Din kommentar").fill(PAYLOAD)
    page.get_by_role("button", name="Tilføj kommentar").click()
    # Comments are Markdown: the sanitiser drops the tags and keeps the link's text only.
    panel = page.locator(".engagement-panel")
    expect(panel.get_by_role("heading", name="1 kommentar")).to_be_visible()
    expect(panel.get_by_text("klik her").first).to_be_visible()
    assert_inert(page)
    axe.assert_clean(page)
    visit(page, axe, base + reverse("ideas:detail", args=[idea.pk]))
    visit(page, axe, base + reverse("ideas:mine"))
    visit(page, axe, base + reverse("budgets:process", args=[process.slug]))

    # Staff see everything, in lists and on detail pages.
    login(page, base, secretariat.email, password)
    visit(page, axe, base + reverse("ideas:detail", args=[idea.pk]))
    visit(page, axe, base + reverse("ideas:index"))
    visit(page, axe, base + reverse("budgets:proposal", args=[proposal.pk]))
    visit(page, axe, base + reverse("learning:shared", args=[shared.pk]))
    visit(page, axe, base + reverse("experiments:detail", args=[experiment.pk]))
    visit(page, axe, base + reverse("experiments:index"))
