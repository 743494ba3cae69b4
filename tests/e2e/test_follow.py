"""Following in a real browser: a resident follows an experiment, replies to a comment,
and stops following from the one-click link in the e-mail without being logged in.
axe-core checks every page visited at WCAG 2.1 A and AA."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from samskab.accounts.models import User
from samskab.accounts.tests.factories import UserFactory
from samskab.engagement.services import comment_add
from samskab.experiments.models import Status
from samskab.experiments.services import experiment_status_change
from samskab.experiments.tests.factories import ExperimentFactory, IndicatorFactory
from samskab.follows.models import Follow

from .conftest import AxeChecker, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_follows_an_experiment_replies_and_unsubscribes_in_one_click(
    live_server, page: Page, axe: AxeChecker, resident: User, employee: User, password: str
) -> None:
    base = live_server.url
    experiment = ExperimentFactory.create(
        title="Færre ventedage", owner=employee, status=Status.RUNNING
    )
    IndicatorFactory.create(experiment=experiment)
    comment_add(author=UserFactory.create(), target=experiment, body="Hvordan måles det?")

    login(page, base, resident.email, password)
    page.goto(base + experiment.get_absolute_url())
    page.get_by_role("button", name="Følg", exact=True).click()
    expect(
        page.get_by_text("Du følger dette og får en e-mail, når der er nyt.").first
    ).to_be_visible()
    page.get_by_text("Svar", exact=True).click()
    page.get_by_label(re.compile("Dit svar til")).fill("Med en spørgeskemaundersøgelse.")
    page.get_by_role("button", name="Send svaret").click()
    expect(page.locator(".comment-replies")).to_contain_text("Med en spørgeskemaundersøgelse.")
    axe.assert_clean(page)

    mail.outbox.clear()
    experiment_status_change(
        experiment=experiment, actor=employee, to_status=Status.EVALUATING, note="Nu evaluerer vi."
    )
    message = next(m for m in mail.outbox if m.to == [resident.email])
    link = re.search(r"http\S+/foelg/afmeld/\S+/", str(message.body))
    assert link is not None

    page.context.clear_cookies()  # the link works without logging in
    page.goto(link.group(0).replace("http://127.0.0.1:8000", base))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop med at følge")
    axe.assert_clean(page)
    page.get_by_role("button", name="Stop med at følge").click()
    expect(page.get_by_role("status")).to_contain_text("Så er det gjort")
    assert not Follow.objects.filter(user=resident).exists()
