"""CSRF on every view: a POST without a token is refused (403) on every URL of the site, for
a logged-in user. The list comes from the URL resolver, so new views are covered. Views that
are exempt from CSRF (the read-only open data API) must refuse POST altogether, except the
one-click unsubscribe from e-mails (RFC 8058), which acts only on a valid signed token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import User
from tests.security.walk import routes, sample_url

pytestmark = pytest.mark.django_db

# CSRF-exempt by design (a mail provider posts without cookies); a bad token gives 400.
TOKEN_POSTS = {"follows:unsubscribe"}


def test_it_refuses_a_post_without_csrf_token_on_every_url(resident: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    checked, problems = [], []
    for route in routes():
        url = sample_url(route)
        response = client.post(url, {"title": "x"})
        checked.append(route.name)
        exempt = getattr(route.callback, "csrf_exempt", False)
        expected = 405 if exempt else 403
        if route.name in TOKEN_POSTS:
            expected = 400
        if response.status_code != expected:
            problems.append(f"{route.name} {url}: {response.status_code}, expected {expected}")
    assert not problems, "\n".join(problems)
    # The walk reaches the forms that matter (guards against an empty or partial walk).
    for name in ("budgets:ballot", "ideas:submit", "learning:report_create", "admin:login"):
        assert name in checked
    assert len(checked) > 100


def test_it_accepts_the_same_post_with_the_token(resident: User) -> None:
    """The control: the refusal above is the CSRF check, not something else."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    client.get(reverse("accounts:preferences"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
