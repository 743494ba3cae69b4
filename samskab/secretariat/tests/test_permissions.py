"""A permission test for every view and every role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samskab.accounts.models import Role
from samskab.secretariat.models import CommitteeReport

pytestmark = pytest.mark.django_db

STAFF_ONLY: set[str] = {Role.SECRETARIAT, Role.COMMITTEE, Role.ADMINISTRATOR}
WRITERS: set[str] = {Role.SECRETARIAT, Role.ADMINISTRATOR}
ROLES = [None, *Role.values]
READ_VIEWS = ["index", "ideas", "reports"]
REPORT_VIEWS = ["report", "report_pdf", "report_csv", "report_xlsx"]


def _expected(role: str | None, allowed: set[str], *, denied: int = 403) -> int:
    if role is None:
        return 302
    return 200 if role in allowed else denied


@pytest.fixture
def published_report() -> CommitteeReport:
    from django.utils import timezone

    return CommitteeReport.objects.create(
        year=2026, quarter=1, title="Rapport K1", published_at=timezone.now()
    )


@pytest.fixture
def draft_report() -> CommitteeReport:
    return CommitteeReport.objects.create(year=2026, quarter=2, title="Rapport K2")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", READ_VIEWS)
def test_it_shows_the_overview_and_lists_only_to_secretariat_committee_and_administrator(
    client: Client, user_with_role, role: str | None, name: str
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.get(reverse(f"secretariat:{name}"))
    assert response.status_code == _expected(role, STAFF_ONLY)
    if role is None:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_it_shows_a_published_report_to_everyone(
    client: Client, user_with_role, published_report: CommitteeReport, role: str | None, name: str
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.get(reverse(f"secretariat:{name}", args=[published_report.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_it_hides_a_draft_report_from_everyone_but_the_secretariat(
    client: Client, user_with_role, draft_report: CommitteeReport, role: str | None, name: str
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.get(reverse(f"secretariat:{name}", args=[draft_report.pk]))
    assert response.status_code == (200 if role in WRITERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_secretariat_create_reports(
    client: Client, user_with_role, role: str | None
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.get(reverse("secretariat:report_create"))
    assert response.status_code == _expected(role, WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_secretariat_edit_and_publish_reports(
    client: Client, user_with_role, published_report: CommitteeReport, role: str | None
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    edit = client.get(reverse("secretariat:report_edit", args=[published_report.pk]))
    assert edit.status_code == _expected(role, WRITERS)
    draft = CommitteeReport.objects.create(year=2025, quarter=4, title="Udkast")
    publish = client.post(reverse("secretariat:report_publish", args=[draft.pk]))
    draft.refresh_from_db()
    if role in WRITERS:
        assert publish.status_code == 302 and draft.is_published
    else:
        # Only the secretariat sees a draft: for everyone else it does not exist.
        assert publish.status_code == (302 if role is None else 404)
        assert not draft.is_published


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_open_data_page_to_everyone(
    client: Client, user_with_role, role: str | None
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    assert client.get(reverse("secretariat:open_data")).status_code == 200


def test_the_open_data_page_documents_every_address_of_the_api(client: Client) -> None:
    schema = client.get(reverse("open_data_api:openapi-json")).json()
    page = client.get(reverse("secretariat:open_data")).content.decode()
    missing = []
    for path in schema["paths"]:
        if path.endswith(".csv"):
            continue  # each list's CSV twin is shown beside it
        if "{" in path:  # shown with the address name as a placeholder
            documented = f"/{path.rsplit('/', 1)[-1]}</code>" in page
        else:
            documented = f'href="{path}"' in page
        if not documented:
            missing.append(path)
    assert missing == []


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_the_secretariat_record_the_committees_resolutions(
    client: Client, user_with_role, published_report: CommitteeReport, role: str | None
) -> None:
    user = user_with_role(role)
    if user:
        client.force_login(user)
    url = reverse("secretariat:report_resolutions", args=[published_report.pk])
    assert client.get(url).status_code == _expected(role, WRITERS)
