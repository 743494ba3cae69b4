"""Helpers for tests that need a logged-in administrator verified with a second factor."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samskab.accounts.models import User


def log_in_with_second_factor(client: Client, user: User) -> TOTPDevice:
    """Log ``user`` in as if they had entered their password and a TOTP code."""
    device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
