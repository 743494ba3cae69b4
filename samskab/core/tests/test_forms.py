"""form_submit: the shared "form -> service -> message -> redirect" step of form views."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from samskab.core.forms import form_submit


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str, data: dict[str, str] | None = None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_it_calls_the_service_and_redirects_with_a_message() -> None:
    request = _request("post", {"name": "Bænk"})
    saved: list[str] = []

    def save(data: dict) -> str:
        saved.append(data["name"])
        return "/ok/"

    response = form_submit(
        request,
        NameForm(request.POST),
        save,
        success="Gemt.",
        then=lambda url: url,
    )
    assert saved == ["Bænk"]
    assert response is not None and response["Location"] == "/ok/"
    assert [str(m) for m in request._messages] == ["Gemt."]


def test_it_puts_the_services_errors_on_the_form_and_keeps_the_input() -> None:
    request = _request("post", {"name": "Bænk"})
    form = NameForm(request.POST)

    def save(data: dict) -> None:
        raise ValidationError({"name": "Navnet er taget."})

    assert form_submit(request, form, save, success="Gemt.", then="/ok/") is None
    assert form.errors["name"] == ["Navnet er taget."]
    assert form["name"].value() == "Bænk"
    assert list(request._messages) == []


def test_it_does_nothing_on_get_or_an_invalid_form() -> None:
    def save(data: dict) -> None:
        raise AssertionError("the service must not be called")

    request = _request("get")
    assert form_submit(request, NameForm(), save, success="Gemt.", then="/ok/") is None
    request = _request("post", {})
    assert form_submit(request, NameForm(request.POST), save, success="Gemt.", then="/") is None


@pytest.mark.django_db
def test_it_ignores_an_unknown_filter_value_quietly_and_keeps_the_others(client) -> None:
    from samskab.ideas.tests.factories import IdeaFactory

    IdeaFactory.create(title="Bænke ved stranden")
    IdeaFactory.create(title="Flere træer")
    response = client.get("/ideer/", {"status": "findes-ikke", "q": "bænke"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "findes-ikke er ikke en af" not in html
    assert "gyldig valgmulighed" not in html
    assert "Bænke ved stranden" in html
    assert "Flere træer" not in html  # the search still applies
