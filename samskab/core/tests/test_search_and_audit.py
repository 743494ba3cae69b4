from __future__ import annotations

import pytest

from samskab.accounts.models import User
from samskab.core.audit import audit_events_for, audit_record
from samskab.core.models import Department
from samskab.core.search import significant_words, similar_to

pytestmark = pytest.mark.django_db


def test_it_drops_danish_stopwords_and_short_words() -> None:
    assert significant_words("Vi vil have en ny legeplads i Korsør") == ["legeplads", "korsør"]


def test_it_finds_similar_texts_on_either_database() -> None:
    Department.objects.create(
        name="Legepladser og parker", slug="x1", description="Vedligehold af legepladser i byen"
    )
    Department.objects.create(name="Skatter", slug="x2", description="Opkrævning")
    found = similar_to(
        Department.objects.all(),
        "Ny legeplads ved skolen",
        title_field="name",
        body_fields=("description",),
    )
    names = [d.name for d in found]
    assert names[:1] == ["Legepladser og parker"]
    assert "Skatter" not in names


def test_it_finds_plural_and_singular_forms_on_either_database() -> None:
    Department.objects.create(name="Ny legeplads i Skælskør", slug="x3")
    found = similar_to(Department.objects.all(), "flere legepladser", title_field="name")
    assert [d.name for d in found] == ["Ny legeplads i Skælskør"]


def test_it_finds_nothing_for_text_without_meaning() -> None:
    assert similar_to(Department.objects.all(), "og i en", title_field="name") == []


def test_it_records_audit_events_for_an_object(resident: User) -> None:
    department = Department.objects.first()
    assert department is not None
    audit_record(actor=resident, action="view", obj=department, detail={"why": "test"})
    events = list(audit_events_for(department))
    assert [(e.actor, e.action, e.detail) for e in events] == [(resident, "view", {"why": "test"})]
