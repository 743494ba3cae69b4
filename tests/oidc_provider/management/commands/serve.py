"""Create the provider's database, seed users and clients, and serve on localhost."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application

from tests.oidc_provider.scenarios import (
    MITID_CLIENT_ID,
    MITID_CLIENT_SECRET,
    PASSWORD,
    STAFF_CLIENT_ID,
    STAFF_CLIENT_SECRET,
    USERS,
)


class Command(BaseCommand):
    help = "Serve the test OpenID Connect provider on ADDRPORT (localhost only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        for username in USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.set_password(PASSWORD)
            user.save()
        for client_id, secret, name in [
            (MITID_CLIENT_ID, MITID_CLIENT_SECRET, "Samskab (MitID)"),
            (STAFF_CLIENT_ID, STAFF_CLIENT_SECRET, "Samskab (medarbejdere)"),
        ]:
            Application.objects.filter(client_id=client_id).delete()
            Application.objects.create(
                client_id=client_id,
                client_secret=secret,
                name=name,
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                algorithm=Application.RS256_ALGORITHM,
                redirect_uris="http://localhost/",
                skip_authorization=False,
            )
        call_command("runserver", options["addrport"], use_reloader=False, use_threading=True)
