"""E-mail notifications, in the recipient's language, sent after the change is committed."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def subject_line(text: str) -> str:
    """One line of text for an e-mail subject: every run of whitespace (line breaks
    included) becomes one space.

    Titles reach subjects from many forms and imports; a line break in a header would make
    Django refuse the whole message (``BadHeaderError``) or, worse, inject a header."""
    return " ".join(str(text).split())


def notify(
    *,
    recipient: Any,
    subject: str,
    template: str,
    context: dict[str, Any] | None = None,
    force: bool = False,
) -> bool:
    """Send ``template`` (a plain-text template) to ``recipient`` once the transaction commits.

    ``subject`` is a translatable text, rendered in Danish (the site's language). Nothing is
    sent to users who turned notifications off, unless ``force`` (receipts the user asked
    for, such as a vote receipt). Returns whether an e-mail was queued.
    """
    if recipient is None or not getattr(recipient, "email", ""):
        return False
    if not force and not getattr(recipient, "email_notifications", True):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        full_context = {"site_name": settings.SAMSKAB_SITE_NAME, "site_url": settings.SITE_URL}
        full_context.update(context or {})
        full_context["recipient"] = recipient
        body = render_to_string(template, full_context)
        subject_text = subject_line(subject)
    address = recipient.email

    def send() -> None:
        try:
            send_mail(subject_text, body, None, [address])
        except Exception:
            # The change is committed; nothing about the e-mail (a mail server that is down,
            # a refused header, a broken backend) may turn it into an error page. Logged
            # at ERROR, so the operators hear of it.
            logger.exception("Could not send notification %r", template)

    transaction.on_commit(send)
    return True
