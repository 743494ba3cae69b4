"""Demo content for accounts: a second factor for the demo administrator."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from samskab.accounts.models import User

DEMO_ADMIN_EMAIL = "admin@demo.samskab.dk"
# A one-time backup code that the demo administrator enters as the second factor at
# /admin/. Used codes are gone; running the seed again brings it back. DEBUG only.
DEMO_BACKUP_CODE = "demo2fa"


def seed_demo_accounts() -> None:
    """Give the demo administrator the backup code above (idempotent)."""
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        return
    device, _created = StaticDevice.objects.get_or_create(
        user=admin, name="Demo", defaults={"confirmed": True}
    )
    StaticToken.objects.get_or_create(device=device, token=DEMO_BACKUP_CODE)
