"""Every view, anonymous and with the wrong role, walked from the URL resolver over the demo
data (so detail pages are tried with real objects, published and unpublished).

- Anonymous: a page is public only if listed in PUBLIC; every other URL answers with a
  redirect to the login page, 403, 404 or 405. A POST changes nothing without login
  (except the few forms listed in PUBLIC_POST, such as the login form itself).
- A resident (the role with the least rights besides anonymous): a page that answers 200 is
  listed in PUBLIC or RESIDENT. A new staff page that forgets its permission check fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from samskab.accounts.models import User
from tests.security.walk import Route, routes, sample_url

pytestmark = pytest.mark.django_db

LOGIN = "/konto/log-ind/"

# Pages anyone may see (published content, open data, logging in).
PUBLIC = {
    "core:accessibility",
    "core:home",
    "core:healthz",
    "core:search",
    "accounts:login",
    "accounts:privacy",
    "budgets:index",
    "budgets:process",
    "budgets:proposal",
    "budgets:similar",
    "budgets:results",
    "budgets:verify",
    "ideas:index",
    "ideas:detail",
    "ideas:similar",
    "experiments:index",
    "experiments:evaluation",
    "experiments:findings",
    "evidence:index",
    "evidence:scale",
    "evidence:detail",
    "meetings:index",
    "meetings:detail",
    "meetings:ics",
    "meetings:networks",
    "meetings:network",
    "organisations:index",
    "organisations:detail",
    "projects:detail",
    "areas:index",
    "areas:detail",
    "secretariat:open_data",
    "open_data_api:openapi-json",
    "open_data_api:idea_list",
    "open_data_api:idea_list_csv",
    "open_data_api:process_list",
    "open_data_api:process_list_csv",
    "open_data_api:process_results",
    "open_data_api:process_results_csv",
    "open_data_api:process_implementation",
    "open_data_api:process_implementation_csv",
    "open_data_api:experiment_list",
    "open_data_api:intervention_list",
    "open_data_api:realisation_list",
    "open_data_api:learning_figures",
    "open_data_api:survey_list",
    "set_language",
    "follows:unsubscribe",
    "secretariat:report",
    "secretariat:report_pdf",
    "secretariat:report_csv",
    "secretariat:report_xlsx",
    "surveys:index",
    "surveys:detail",
    "surveys:answer",
    "surveys:thanks",
    "surveys:results",
    "surveys:results_csv",
}
# Posts an anonymous visitor may make: log in, log out, choose a language, the open data
# API's schema (read-only; django-ninja answers POST like GET there), and the one-click
# unsubscribe from e-mails (RFC 8058; the signed token is the proof, a bad one gives 400).
PUBLIC_POST = {
    "accounts:login",
    "accounts:logout",
    "set_language",
    "open_data_api:openapi-json",
    "follows:unsubscribe",
    # Surveys open to everyone are answered without logging in (a signed cookie stops a
    # second answer from the same browser).
    "surveys:answer",
}
# Pages a resident may see beyond the public ones: their own account, data, ideas, ballot
# and receipt, the forms for new ideas and proposals, and (in the demo data) the edit page of
# the proposal they wrote.
RESIDENT = {
    "core:overview",
    "accounts:preferences",
    "accounts:my_data",
    "accounts:data_export",
    "accounts:delete",
    "accounts:two_factor",
    "budgets:proposal_create",
    "budgets:proposal_edit",
    "budgets:ballot",
    "budgets:receipt",
    "ideas:submit",
    "ideas:mine",
    "learning:mine",
    "meetings:idea_create",
    "organisations:create",
    # The demo resident runs the demo local council and citizen group.
    "organisations:edit",
    "organisations:invite",
    "admin:logout",
}


def _is_admin(route: Route) -> bool:
    return route.name.startswith("admin:")


def _refused(response: Any) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and (
        response["Location"].startswith(LOGIN) or response["Location"].startswith("/admin/login/")
    )


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def test_it_refuses_anonymous_and_residents_everything_not_listed(
    demo: None, client: Client
) -> None:
    from samskab.accounts.models import Role

    problems: list[str] = []
    walked = [route for route in routes() if not _is_admin(route)]
    for route in walked:
        url = sample_url(route)
        response = client.get(url)
        if route.name not in PUBLIC and not _refused(response):
            problems.append(f"anonymous GET {route.name} {url}: {response.status_code}")
        response = client.post(url, {})
        if route.name not in PUBLIC_POST and not (
            _refused(response) or response.status_code == 400
        ):
            problems.append(f"anonymous POST {route.name} {url}: {response.status_code}")
    resident = User.objects.filter(role=Role.RESIDENT, is_verified=True).first()
    assert resident is not None
    client.force_login(resident)
    for route in walked:
        url = sample_url(route)
        response = client.get(url)
        if response.status_code == 200 and route.name not in PUBLIC | RESIDENT:
            problems.append(f"resident GET {route.name} {url}: 200")
    # The admin site: anonymous and residents are sent to its login page or refused.
    for route in routes():
        if _is_admin(route) and route.name not in ("admin:login", "admin:logout"):
            response = client.get(sample_url(route))
            if not _refused(response):
                problems.append(f"resident GET {route.name}: {response.status_code}")
    assert not problems, "\n".join(problems)
