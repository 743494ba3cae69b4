"""Prepare a fresh database for tests/security/test_identity_http.py (run as a script).

Migrates the database named by DATABASE_URL and creates the administrator whose e-mail an
impostor's work account claims, an open basket vote, and an employee at the assisted-voting
desk with a logged-in session; prints what the test needs as JSON.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

CHIEF_EMAIL = "chef@slagelse.dk"


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from samskab.accounts.models import Role, User
    from samskab.accounts.permissions import CITIZEN_SERVICE_GROUP
    from samskab.budgets.tests.factories import make_process, make_proposal

    call_command("migrate", verbosity=0)
    User.objects.create_user(
        email=CHIEF_EMAIL,
        password=None,
        name="Chefen",
        role=Role.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
    )
    desk = User.objects.create_user(
        email="borgerservice@slagelse.dk",
        password=None,
        name="Bo Borgerservice",
        role=Role.EMPLOYEE,
    )
    desk.groups.add(Group.objects.get_or_create(name=CITIZEN_SERVICE_GROUP)[0])
    process = make_process(assisted_voting=True)
    proposal = make_proposal(process, title="Sti", cost=100_000)
    store = SessionStore()
    store.update(
        {
            "_auth_user_id": str(desk.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": desk.get_session_auth_hash(),
        }
    )
    store.set_expiry(timezone.now() + timedelta(hours=1))
    store.create()
    print(
        json.dumps(
            {
                "assisted": reverse("budgets:assisted", args=[process.slug]),
                "area": process.areas.get().area.slug,
                "project": proposal.pk,
                "desk_session": store.session_key,
                "csrf": secrets.token_hex(16),
            }
        )
    )


if __name__ == "__main__":
    main()
