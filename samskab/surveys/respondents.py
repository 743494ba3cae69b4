"""The keyed hash that marks "this person has answered this survey" without saying who.

HMAC-SHA256 with a key derived from the site's SECRET_KEY (Django's ``salted_hmac``) over
the survey and the person's user id (stable when they verify their identity later or
their account is erased). Without the secret the hash cannot be tied to a person; with it,
a person's own rows can be found again (for their data export and erasure), and only so.
"""

from __future__ import annotations

from typing import Any

from django.utils.crypto import salted_hmac

SALT = "samskab.surveys.respondent"


def respondent_key(survey: Any, user: Any) -> str:
    return salted_hmac(SALT, f"{survey.pk}:user:{user.pk}", algorithm="sha256").hexdigest()
