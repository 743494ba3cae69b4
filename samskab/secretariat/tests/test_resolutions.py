"""The committee's resolutions on a report's "decisions for the committee"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.accounts.models import User
from samskab.secretariat import services
from samskab.secretariat.models import CommitteeReport

pytestmark = pytest.mark.django_db


def _report(published: bool = True) -> CommitteeReport:
    return CommitteeReport.objects.create(
        year=2026,
        quarter=3,
        title="Rapport 3. kvartal",
        decisions="Skal forsøget med hjemmebesøg udbredes?",
        published_at=timezone.now() if published else None,
    )


def test_it_records_the_resolutions_and_shows_them_to_everyone(
    client: Client, secretariat: User
) -> None:
    report = _report()
    client.force_login(secretariat)
    url = reverse("secretariat:report_resolutions", args=[report.pk])
    response = client.post(url, {"resolutions": "  "})
    assert response.status_code == 200 and "skal udfyldes" in response.content.decode()
    assert (
        client.post(url, {"resolutions": "Udvalget besluttede at udbrede det."}).status_code == 302
    )
    report.refresh_from_db()
    assert report.resolutions_recorded_by == secretariat
    page = Client().get(report.get_absolute_url()).content.decode()
    assert "Udvalgets beslutninger" in page and "Udvalget besluttede at udbrede det." in page


def test_it_refuses_resolutions_on_a_draft(secretariat: User) -> None:
    report = _report(published=False)
    with pytest.raises(ValidationError):
        services.committee_report_resolutions_record(
            actor=secretariat, report=report, resolutions="Noget"
        )
