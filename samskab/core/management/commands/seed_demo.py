"""Fill an empty development database with demo data. Safe to run again."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samskab.accounts.models import Role, User
from samskab.accounts.services import user_create
from samskab.core.models import Area, Department

DEMO_PASSWORD = "samskab-demo"  # noqa: S105 - demo accounts exist only with DEBUG on

# (e-mail, name, role, department slug, staff, test CPR number)
# The CPR numbers are test identities (fictitious, with dates that make the ages plausible);
# only their keyed hash and birth date are stored.
DEMO_USERS = [
    ("borger@demo.samskab.dk", "Bente Borger", Role.RESIDENT, None, False, "0107491234"),
    ("ung@demo.samskab.dk", "Ulla Ung", Role.RESIDENT, None, False, "1503124321"),
    (
        "medarbejder@demo.samskab.dk",
        "Mads Medarbejder",
        Role.EMPLOYEE,
        "sundhed-og-aeldre",
        False,
        "2208801357",
    ),
    ("leder@demo.samskab.dk", "Lene Leder", Role.MANAGER, "miljoe-plan-og-teknik", False, None),
    (
        "sekretariat@demo.samskab.dk",
        "Sara Sekretariat",
        Role.SECRETARIAT,
        "sekretariatet-for-samskabelse",
        True,
        None,
    ),
    ("udvalg@demo.samskab.dk", "Ulrik Udvalg", Role.COMMITTEE, None, False, None),
    ("admin@demo.samskab.dk", "Anne Administrator", Role.ADMINISTRATOR, None, True, None),
]


class Command(BaseCommand):
    help = "Load demo users and content for local development (DEBUG only). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a known password and only runs with DEBUG=1."
            )
        with transaction.atomic():
            created = self._users()
        for name, seed in self._app_seeders():
            with transaction.atomic():
                seed()
            self.stdout.write(f"Demo content: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {created} new demo users "
                f"({Area.objects.count()} areas, {Department.objects.count()} departments). "
                f"Password for every demo user: {DEMO_PASSWORD}"
            )
        )

    def _app_seeders(self) -> list[tuple[str, Callable[[], object]]]:
        """Every ``seed_demo_*`` function in a ``demo`` module of a Samskab app."""
        seeders = []
        for app in apps.get_app_configs():
            if not app.name.startswith("samskab."):
                continue
            try:
                module = import_module(f"{app.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.demo":
                    raise
                continue
            for attribute in sorted(vars(module)):
                if attribute.startswith("seed_demo_") and callable(getattr(module, attribute)):
                    seeders.append((f"{app.label}.{attribute}", getattr(module, attribute)))
        return seeders

    def _users(self) -> int:
        created = 0
        slagelse = Area.objects.filter(slug="slagelse").first()
        for email, name, role, department_slug, staff, cpr in DEMO_USERS:
            if User.objects.filter(email=email).exists():
                continue
            department = (
                Department.objects.filter(slug=department_slug).first() if department_slug else None
            )
            user_create(
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                is_verified=role == Role.RESIDENT,
                department=department,
                area=slagelse,
                is_staff=staff,
                is_superuser=role == Role.ADMINISTRATOR,
                cpr=cpr,
                is_municipal_resident=cpr is not None,
            )
            created += 1
        return created
