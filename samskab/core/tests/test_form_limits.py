"""Every number in every form has limits inside the database's columns, and every title is
one line: out-of-range numbers (PostgreSQL's integer limits and past them, huge decimals)
and line breaks are form errors with the input kept, never a database error (a 500).

The first tests walk every form class in the project, so a new form is covered without a
new test; the view tests post the same values through real pages (run on PostgreSQL too,
where an integer column overflows at 2,147,483,647)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import samskab
from samskab.accounts.models import User
from samskab.core.validators import BIGINT_MAX, INTEGER_MAX

OVER_INTEGER = [INTEGER_MAX + 1, -INTEGER_MAX - 2]  # 2147483648, -2147483649
OVER_BIGINT = [BIGINT_MAX + 1, -BIGINT_MAX - 2]
HUGE_DECIMALS = ["1" + "0" * 40, "1e400", "-1e400", "99999999999999999999.99"]
# Fields that name a row by its (bigint) id: any bigint is looked up and not found.
ID_FIELDS = {"samskab.ideas.forms.MergeForm.into", "samskab.engagement.forms.CommentForm.parent"}
NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


def _form_classes() -> list[Any]:
    found: dict[str, Any] = {}
    for module_info in pkgutil.walk_packages(samskab.__path__, "samskab."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or name.startswith("samskab.pb"):
            continue
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("samskab.")
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[key] for key in sorted(found)]


def _fields(kind: tuple[type[forms.Field], ...], names: set[str] | None = None) -> list[Any]:
    return [
        pytest.param(form_class, name, id=f"{form_class.__module__}.{form_class.__name__}.{name}")
        for form_class in _form_classes()
        for name, field in form_class.base_fields.items()
        if isinstance(field, kind) and (names is None or name in names)
    ]


NUMBER_PARAMS = _fields(NUMBER_FIELDS)
TITLE_PARAMS = _fields((forms.CharField,), {"title", "name"})


def _refused(form_class: Any, name: str, value: Any) -> bool:
    """Whether the form refuses ``value`` for the field ``name``: by the form field, or by
    the model field's own validators when a ModelForm runs them (not the limits Django
    derives from the database connection: the rule must hold on every database)."""
    try:
        cleaned = form_class.base_fields[name].clean(str(value))
    except ValidationError:
        return True
    if (
        issubclass(form_class, forms.BaseModelForm)
        and form_class._post_clean is getattr(forms.BaseModelForm, "_post_clean")  # noqa: B009
    ):
        model_field = form_class._meta.model._meta.get_field(name)
        try:
            for validator in model_field._validators:
                validator(cleaned)
        except ValidationError:
            return True
    return False


def test_it_finds_the_forms_to_check() -> None:
    assert len(NUMBER_PARAMS) >= 25
    assert len(TITLE_PARAMS) >= 10


@pytest.mark.parametrize(("form_class", "name"), NUMBER_PARAMS)
def test_it_refuses_numbers_beyond_the_database_in_every_form(
    form_class: type[forms.BaseForm], name: str
) -> None:
    values: list[Any] = [*OVER_BIGINT, *HUGE_DECIMALS]
    if f"{form_class.__module__}.{form_class.__name__}.{name}" not in ID_FIELDS:
        values += OVER_INTEGER
    accepted = [value for value in values if not _refused(form_class, name, value)]
    assert accepted == []


@pytest.mark.parametrize(("form_class", "name"), TITLE_PARAMS)
def test_it_refuses_a_line_break_in_every_title(
    form_class: type[forms.BaseForm], name: str
) -> None:
    for value in ("Første linje\nanden linje", "Et\r\nto", "Et\u2028to"):
        assert _refused(form_class, name, value), value
    assert not _refused(form_class, name, "Bænke ved åen")


# Through real pages ------------------------------------------------------------------------

pytestmark = pytest.mark.django_db

HOSTILE = [str(INTEGER_MAX + 1), str(-INTEGER_MAX - 2), str(BIGINT_MAX + 1), "1" + "0" * 40]


@pytest.mark.parametrize("value", HOSTILE)
def test_it_gives_a_form_error_for_a_huge_meeting_capacity(
    client: Client, employee: User, value: str
) -> None:
    from samskab.meetings.models import Meeting

    client.force_login(employee)
    client.raise_request_exception = False
    response = client.post(
        reverse("meetings:create"),
        {
            "title": "Idémøde om stier",
            "kind": "workshop",
            "starts_at": "2031-05-01T19:00",
            "ends_at": "2031-05-01T21:00",
            "place": "Rådhuset",
            "capacity": value,
        },
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Idémøde om stier" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_it_gives_a_form_error_for_huge_budget_numbers(
    client: Client, secretariat: User, resident: User, value: str
) -> None:
    from samskab.budgets.models import BudgetProcess, Proposal
    from samskab.budgets.tests.factories import make_process
    from samskab.core.models import Area

    client.force_login(secretariat)
    client.raise_request_exception = False
    korsoer = Area.objects.get(slug="korsoer")
    process_data = {
        "title": "Borgerbudget Korsør",
        "slug": "korsoer-2027",
        "description": "Om Korsør",
        "information_starts": "2027-01-01",
        "proposals_start": "2027-02-01",
        "vetting_start": "2027-03-01",
        "voting_start": "2027-04-01",
        "results_start": "2027-04-15",
        "implementation_start": "2027-05-01",
        "min_age": value,
        "residency": "area",
        "ballot_type": "approval",
        "min_projects": "1",
        "max_projects": value,
        "points_total": value,
        "rank_count": "3",
        "result_rule": "mes-add1",
        "max_project_cost": value,
        "omraader-TOTAL_FORMS": "1",
        "omraader-INITIAL_FORMS": "0",
        "omraader-0-area": korsoer.pk,
        "omraader-0-budget": value,
    }
    response = client.post(reverse("budgets:process_create"), process_data)
    assert response.status_code == 200
    assert not BudgetProcess.objects.exists()

    process = make_process(phase="proposals")
    client.force_login(resident)
    response = client.post(
        reverse("budgets:proposal_create", args=[process.slug]),
        {
            "title": "Bålplads ved søen",
            "description": "Et sted at mødes.",
            "budget_area": process.areas.get().pk,
            "category": "nature",
            "carried_out_by": "association",
            "carried_out_by_name": "Spejderne",
            "udgifter-TOTAL_FORMS": "1",
            "udgifter-INITIAL_FORMS": "0",
            "udgifter-0-description": "Sten og bænke",
            "udgifter-0-amount": value,
        },
    )
    assert response.status_code == 200
    assert "Bålplads ved søen" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_it_gives_a_form_error_for_a_huge_indicator_value(client: Client, value: str) -> None:
    from samskab.experiments.models import Indicator
    from samskab.experiments.tests.factories import ExperimentFactory

    experiment = ExperimentFactory.create(status="running")
    assert experiment.owner is not None
    client.force_login(experiment.owner)
    client.raise_request_exception = False
    response = client.post(
        reverse("experiments:indicator_add", args=[experiment.pk]),
        {"name": "Ventetid", "unit": "dage", "baseline": value, "target": "10"},
    )
    assert response.status_code == 200
    assert "Ventetid" in response.content.decode()
    assert not Indicator.objects.filter(experiment=experiment).exists()


@pytest.mark.parametrize("value", [str(BIGINT_MAX + 1), "9" * 40])
def test_it_answers_404_not_500_for_huge_numbers_in_addresses(
    client: Client, resident: User, value: str
) -> None:
    from samskab.budgets.tests.factories import make_process

    client.force_login(resident)
    client.raise_request_exception = False
    for path in (
        f"/ideer/{value}/",
        reverse("budgets:proposal", args=[1]).replace("/1/", f"/{value}/"),
    ):
        assert client.get(path).status_code == 404, path
    process = make_process(phase="proposals")
    similar = reverse("budgets:similar", args=[process.slug])
    assert client.get(similar, {"title": "Bænke", "exclude": value}).status_code == 200
