"""List pages keep a constant number of database queries as data grows: each page is
counted with n rows and with 3n rows, and the counts must be equal (no N+1 queries). Each
page must show the newest row, so that the count is of a list that is really rendered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts.models import Role, User
from samskab.accounts.tests.factories import UserFactory
from samskab.budgets.tests.factories import make_process, make_proposal
from samskab.evidence.tests.factories import InterventionFactory
from samskab.experiments.tests.factories import ExperimentFactory
from samskab.ideas.tests.factories import IdeaFactory
from samskab.learning.tests.factories import ReportFactory, published
from samskab.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

N = 3


@dataclass
class Page:
    url: Callable[[dict[str, Any]], str]
    viewer: str | None  # role, or None for anonymous
    # Creates one more row for the page and returns the text the page must show for it.
    add: Callable[[dict[str, Any], int], str]
    setup: Callable[[dict[str, Any]], None] = lambda context: None


def _budget_setup(context: dict[str, Any]) -> None:
    context["process"] = make_process()


def _proposal(context: dict[str, Any], n: int) -> str:
    return make_proposal(context["process"], title=f"Forslag nummer {n}").title


def _process(context: dict[str, Any], n: int) -> str:
    return make_process(slug=f"borgerbudget-{n}", title=f"Borgerbudget nummer {n}").title


def _idea(context: dict[str, Any], n: int) -> str:
    author = context.get("viewer") or UserFactory.create()
    return IdeaFactory.create(author=author, title=f"Idé nummer {n}").title


def _shared_learning(context: dict[str, Any], n: int) -> str:
    return published(ReportFactory.create(), title=f"Læring nummer {n}").title


PAGES: dict[str, Page] = {
    "budgets:index": Page(lambda c: reverse("budgets:index"), None, _process),
    "budgets:process": Page(
        lambda c: reverse("budgets:process", args=[c["process"].slug]),
        None,
        _proposal,
        _budget_setup,
    ),
    "ideas:index": Page(lambda c: reverse("ideas:index"), Role.SECRETARIAT, _idea),
    "ideas:mine": Page(lambda c: reverse("ideas:mine"), Role.RESIDENT, _idea),
    "experiments:index": Page(
        lambda c: reverse("experiments:index"),
        Role.ADMINISTRATOR,
        lambda c, n: ExperimentFactory.create(title=f"Forsøg nummer {n}").title,
    ),
    "evidence:index": Page(
        lambda c: reverse("evidence:index"),
        Role.ADMINISTRATOR,
        lambda c, n: InterventionFactory.create(title=f"Indsats nummer {n}").title,
    ),
    "learning:index": Page(lambda c: reverse("learning:index"), Role.EMPLOYEE, _shared_learning),
    "meetings:index": Page(
        lambda c: reverse("meetings:index"),
        None,
        lambda c, n: MeetingFactory.create(title=f"Møde nummer {n}").title,
    ),
}


def _count(client: Client, url: str, expected_text: str) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert expected_text in response.content.decode(), f"{url} does not show {expected_text!r}"
    return queries


@pytest.mark.parametrize("name", list(PAGES))
def test_it_keeps_the_number_of_queries_of_a_list_page_constant(
    client: Client, name: str, user_with_role: Callable[[str | None], User | None]
) -> None:
    page = PAGES[name]
    context: dict[str, Any] = {"viewer": user_with_role(page.viewer)}
    page.setup(context)
    if context["viewer"] is not None:
        client.force_login(context["viewer"])
    url = page.url(context)
    newest = ""
    for n in range(N):
        newest = page.add(context, n)
    client.get(url)  # warm caches (content types, areas, translations)
    few = _count(client, url, newest)
    for n in range(N, 3 * N):
        newest = page.add(context, n)
    many = _count(client, url, newest)
    assert len(many) == len(few), "\n".join(
        ["queries with more rows:"] + [query["sql"][:200] for query in many.captured_queries]
    )
