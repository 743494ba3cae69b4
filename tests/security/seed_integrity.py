"""Prepare a fresh database for the live election-integrity test (run as a script).

Migrates the database named by DATABASE_URL and creates an open basket vote with assisted
voting switched on, and logged-in sessions for: a voter, a plain employee, a clerk in the
citizen service group, the secretariat and an administrator. Prints what the test needs as
JSON (the voter's CPR number is fictitious).
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

VOTER_CPR = "0107491234"
ROLES = ("voter", "employee", "clerk", "secretariat", "administrator")


def main() -> None:
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from samskab.accounts.models import Role, User
    from samskab.accounts.tests.factories import UserFactory
    from samskab.budgets.tests.factories import (
        make_desk_clerk,
        make_process,
        make_proposal,
        make_voter,
    )

    call_command("migrate", verbosity=0)
    process = make_process(assisted_voting=True, allow_ballot_change=False)
    proposals = [make_proposal(process, title=f"Forslag {n}", cost=100_000) for n in range(3)]
    users: dict[str, User] = {
        "voter": make_voter(VOTER_CPR, email="vaelger@fault.invalid"),
        "employee": UserFactory.create(role=Role.EMPLOYEE, email="ansat@fault.invalid"),
        "clerk": make_desk_clerk(email="skranke@fault.invalid"),
        "secretariat": UserFactory.create(role=Role.SECRETARIAT, email="sek@fault.invalid"),
        "administrator": UserFactory.create(
            role=Role.ADMINISTRATOR,
            email="admin@fault.invalid",
            is_staff=True,
            is_superuser=True,
        ),
    }
    sessions = {}
    for name in ROLES:
        user = users[name]
        store = SessionStore()
        store.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
        )
        store.set_expiry(timezone.now() + timedelta(hours=1))
        store.create()
        sessions[name] = store.session_key
    slug = process.slug
    print(
        json.dumps(
            {
                "slug": slug,
                "process_id": process.pk,
                "ballot": reverse("budgets:ballot", args=[slug]),
                "assisted": reverse("budgets:assisted", args=[slug]),
                "edit": reverse("budgets:process_edit", args=[slug]),
                "phase": reverse("budgets:process_phase", args=[slug]),
                "csv": reverse("budgets:csv", args=[slug]),
                "pabulib": reverse("budgets:pabulib", args=[slug, "slagelse-kommune"]),
                "area": process.areas.get().area.slug,
                "area_id": process.areas.get().area_id,
                "projects": [p.pk for p in proposals],
                "cpr": VOTER_CPR,
                "sessions": sessions,
                "csrf": secrets.token_hex(16),
            }
        )
    )


if __name__ == "__main__":
    main()
