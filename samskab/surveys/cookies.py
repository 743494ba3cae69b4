"""The signed cookie that remembers which surveys this browser has answered: what stops a
second anonymous answer to a survey open to everyone. It holds survey ids only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from samskab.surveys.models import Survey

COOKIE = "samskab_surveys"
COOKIE_SALT = "samskab.surveys.answered"
COOKIE_AGE = 400 * 24 * 3600


def answered_ids(request: HttpRequest) -> set[int]:
    """The surveys this browser has answered, from the signed cookie (empty if tampered)."""
    value = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT) or ""
    return {int(part) for part in value.split(",") if part.isdigit()}


def remember_answer(response: HttpResponse, request: HttpRequest, survey: Survey) -> None:
    ids = sorted(answered_ids(request) | {survey.pk})[-200:]
    response.set_signed_cookie(
        COOKIE,
        ",".join(map(str, ids)),
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
