"""The retention job: what has passed its retention period is deleted."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command

from samskab.accounts import privacy
from samskab.accounts.models import Role, User
from samskab.accounts.services import privacy_retention_run
from samskab.accounts.tasks import privacy_retention
from samskab.accounts.tests.factories import UserFactory
from samskab.core.audit import audit_record
from samskab.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LONG_AGO = "2023-01-10 12:00:00+00:00"  # more than two years before NOW
NOW = "2026-12-01 03:00:00+00:00"


@pytest.fixture
def old_accounts() -> dict[str, User]:
    with time_machine.travel(LONG_AGO, tick=False):
        accounts = {
            "unverified": UserFactory.create(email="glemt@example.dk", name="Glemt Konto"),
            "verified": UserFactory.create(email="mitid@example.dk", is_verified=True),
            "employee": UserFactory.create(email="ansat@slagelse.dk", role=Role.EMPLOYEE),
            "used_recently": UserFactory.create(email="aktiv@example.dk"),
        }
    accounts["used_recently"].last_login = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    accounts["used_recently"].save(update_fields=["last_login"])
    return accounts


def test_it_erases_unverified_accounts_unused_for_the_retention_period(
    old_accounts: dict[str, User],
) -> None:
    with time_machine.travel(NOW, tick=False):
        fresh = UserFactory.create(email="ny@example.dk")
        done = privacy_retention_run()
    assert done["unverified_accounts"] == 1
    erased = User.objects.get(pk=old_accounts["unverified"].pk)
    assert erased.erased_at is not None and erased.name == "" and not erased.is_active
    for key in ("verified", "employee", "used_recently"):
        assert User.objects.get(pk=old_accounts[key].pk).erased_at is None
    assert User.objects.get(pk=fresh.pk).erased_at is None
    # Running again changes nothing.
    with time_machine.travel(NOW, tick=False):
        assert privacy_retention_run()["unverified_accounts"] == 0


def test_it_deletes_old_audit_events_and_login_records(settings, resident: User) -> None:
    settings.PRIVACY_AUDIT_EVENT_DAYS = 365
    settings.PRIVACY_LOGIN_LOG_DAYS = 90
    with time_machine.travel("2025-06-01 12:00:00+00:00", tick=False):
        audit_record(actor=resident, action="view", obj=resident)
        AccessLog.objects.create(username=resident.email, ip_address="192.0.2.1", user_agent="x")
        AccessAttempt.objects.create(
            username=resident.email, ip_address="192.0.2.1", user_agent="x", failures_since_start=1
        )
    with time_machine.travel("2026-11-01 12:00:00+00:00", tick=False):
        audit_record(actor=resident, action="view", obj=resident)
        AccessLog.objects.create(username=resident.email, ip_address="192.0.2.1", user_agent="y")
    with time_machine.travel(NOW, tick=False):
        done = privacy_retention_run()
    assert done["audit_events"] == 1 and done["login_records"] == 2
    assert AuditEvent.objects.count() == 1 and AccessLog.objects.get().user_agent == "y"


def test_it_runs_the_retention_jobs_other_apps_register() -> None:
    seen: list[datetime.datetime] = []

    def job(now: datetime.datetime) -> int:
        seen.append(now)
        return 7

    privacy.register("stand_in", retention=job)
    try:
        with time_machine.travel(NOW, tick=False):
            done = privacy_retention_run()
    finally:
        privacy.unregister("stand_in")
    assert done["stand_in"] == 7
    assert seen == [datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC)]


def test_it_runs_from_the_command_and_as_a_task(old_accounts: dict[str, User]) -> None:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("privacy_retention", stdout=out)
    assert "unverified_accounts: 1" in out.getvalue()
    with time_machine.travel(NOW, tick=False):
        result = privacy_retention.enqueue()  # immediate backend in tests
    assert result.return_value is not None
    assert result.return_value["unverified_accounts"] == 0  # the command did it already
