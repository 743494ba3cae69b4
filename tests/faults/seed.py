"""Prepare a fresh database for a fault test (run as a script by tests/faults/stack.py).

Migrates the database named by DATABASE_URL, creates an open basket vote and ``count``
eligible voters with logged-in sessions, and prints what the test needs as JSON.
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


def main(count: int) -> None:
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from samskab.budgets.tests.factories import (
        ADULT_CPRS,
        make_process,
        make_proposal,
        make_voter,
    )
    from samskab.core.models import Area
    from samskab.ideas.models import Theme

    call_command("migrate", verbosity=0)
    process = make_process()
    proposals = [make_proposal(process, title=f"Forslag {n}", cost=100_000) for n in range(3)]
    voters = []
    for cpr in ADULT_CPRS[:count]:
        user = make_voter(cpr, email=f"{cpr}@fault.invalid")
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
        voters.append({"id": user.pk, "session": store.session_key})
    theme = Theme.objects.first()
    print(
        json.dumps(
            {
                "ballot": reverse("budgets:ballot", args=[process.slug]),
                "receipt": reverse("budgets:receipt", args=[process.slug]),
                "idea": reverse("ideas:submit"),
                "area": process.areas.get().area.slug,
                "area_id": Area.objects.filter(kind=Area.Kind.MUNICIPALITY).get().pk,
                "theme_id": theme.pk if theme else None,
                "projects": [proposals[0].pk, proposals[1].pk],
                "voters": voters,
                "csrf": secrets.token_hex(16),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
