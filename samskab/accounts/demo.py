"""Demo content for accounts: a second factor for the demo administrator, and the sample
address-to-area table that places the demo's test identities in their local areas."""

from __future__ import annotations

from pathlib import Path

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from samskab.accounts.addresses import address_areas_import
from samskab.accounts.models import AddressArea, User
from samskab.accounts.residency import LocalRegister

# Made-up but plausible roads of Slagelse, Korsør, Skælskør and the villages.
SAMPLE_ADDRESS_TABLE = Path(__file__).parent / "data" / "slagelse_address_areas.csv"

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


def seed_demo_address_table() -> None:
    """Load the sample address table when the table is empty, and put the demo residents
    in the local area of their made-up address, as their MitID login would (idempotent)."""
    from samskab.core.management.commands.seed_demo import DEMO_USERS

    if not AddressArea.objects.exists():
        address_areas_import(actor=None, data=SAMPLE_ADDRESS_TABLE.read_bytes())
    register = LocalRegister()
    for email, _name, _role, _department, _staff, cpr in DEMO_USERS:
        if cpr:
            residence = register.residence(cpr=cpr, claims={})
            User.objects.filter(email=email, is_municipal_resident=True).update(area=residence.area)
