"""Every form of the site, walked from the apps' forms modules: dropdowns offer "Vælg …"
and never Django's "---------", and a file field says the file must be chosen again when
the form comes back with errors (browsers do not keep a chosen file)."""

from __future__ import annotations

import copy
from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from samskab.core.models import Area

pytestmark = pytest.mark.django_db


def _site_forms() -> list[type[forms.BaseForm]]:
    for app in apps.get_app_configs():
        if app.name.startswith("samskab."):
            try:
                import_module(f"{app.name}.forms")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.forms":
                    raise
    found: list[type[forms.BaseForm]] = []
    pending: list[type[forms.BaseForm]] = [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            module = subclass.__module__
            if module.startswith("samskab.") and ".tests" not in module:
                found.append(subclass)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _fields(
    kind: type[forms.Field] | tuple[type[forms.Field], ...],
) -> list[tuple[str, str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__qualname__}", name, field)
        for form in _site_forms()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, kind)
    ]


def _probe(name: str, field: forms.Field, **extra: forms.Field) -> type[forms.Form]:
    """A form with just this field (and extra ones), rendered like every form of the site.
    A queryset that the form sets only in __init__ becomes an empty one: the blank choice
    is what is looked at."""
    field = copy.deepcopy(field)
    if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
        field.queryset = Area.objects.none()
    return type("Probe", (forms.Form,), {name: field, **extra})


def test_it_offers_choose_and_never_dashes_in_every_dropdown_of_the_site() -> None:
    dropdowns = [
        (where, name, field)
        for where, name, field in _fields(forms.ChoiceField)
        if isinstance(field.widget, forms.Select)
        and not isinstance(field.widget, forms.SelectMultiple)
    ]
    assert len(dropdowns) > 20  # the walk finds the site's forms
    problems = []
    for where, name, field in dropdowns:
        html = str(_probe(name, field)()[name].as_field_group())
        if "---------" in html:
            problems.append(f"{where}.{name}: shows ---------")
        default_blank = isinstance(field, forms.ModelChoiceField) and field.empty_label == (
            "---------"
        )
        if default_blank and "Vælg …</option>" not in html:
            problems.append(f"{where}.{name}: no 'Vælg …'")
    assert not problems, "\n".join(problems)


def test_it_says_the_file_must_be_chosen_again_in_every_file_field_of_the_site() -> None:
    file_fields = _fields(forms.FileField)
    assert len(file_fields) >= 4  # proposals, updates, idea attachments, receipts
    problems = []
    for where, name, field in file_fields:
        probe = _probe(name, field, note=forms.CharField(label="Note"))
        upload = SimpleUploadedFile("bilag.pdf", b"%PDF-1.4", content_type="application/pdf")
        with_error = probe(data={"note": ""}, files=MultiValueDict({name: [upload]}))
        assert not with_error.is_valid()
        if "Vælg filen igen" not in str(with_error[name].as_field_group()):
            problems.append(f"{where}.{name}: does not ask for the file again")
        if "Vælg filen igen" in str(probe()[name].as_field_group()):
            problems.append(f"{where}.{name}: asks for the file again on an empty form")
    assert not problems, "\n".join(problems)
