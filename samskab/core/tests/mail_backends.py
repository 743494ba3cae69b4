"""E-mail backends that fail, for tests of what the user sees when mail breaks.

Set ``EMAIL_BACKEND`` to one of these (also usable by a test server started with that
environment variable)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


class SMTPDownBackend(BaseEmailBackend):
    """The mail server hangs up, as an SMTP server that is down or restarting does."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class BrokenBackend(BaseEmailBackend):
    """A backend with a bug: any error that is not an OSError."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise RuntimeError("the e-mail backend is broken")


class StrictBackend(BaseEmailBackend):
    """Builds each message as the SMTP backend does, so a header with a line break raises
    BadHeaderError, and keeps the subjects for the test to read."""

    subjects: list[str] = []

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            message.message()
            StrictBackend.subjects.append(str(message.subject))
        return len(email_messages)
