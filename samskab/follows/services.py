"""Following and the e-mails followers get.

``followers_notify`` is what other apps call on a change of status, an answer or a new
comment: followers who want e-mails at once get one after the transaction commits, the
others get the news in the next daily digest (``digests_send``). Every e-mail carries a
one-click unsubscribe link (a signed token that works without logging in) and the
``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers of RFC 8058.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.accounts.models import User
from samskab.follows.models import Follow, PendingNotice

logger = logging.getLogger(__name__)

TOKEN_SALT = "samskab.follows.unsubscribe"  # noqa: S105 (a signing salt, not a secret)


def _target_filter(target: models.Model) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(target), "object_id": target.pk}


@transaction.atomic
def follow_add(*, user: User, target: models.Model, digest: bool = False) -> Follow:
    """Follow ``target`` (again: only the digest choice changes)."""
    follow, created = Follow.objects.get_or_create(
        user=user, **_target_filter(target), defaults={"digest": digest}
    )
    if not created and follow.digest != digest:
        follow.digest = digest
        follow.save(update_fields=["digest"])
    return follow


@transaction.atomic
def follow_remove(*, user: User, target: models.Model) -> bool:
    deleted, _rows = Follow.objects.filter(user=user, **_target_filter(target)).delete()
    return bool(deleted)


def unsubscribe_token(follow: Follow) -> str:
    return signing.dumps({"f": follow.pk, "u": follow.user_id}, salt=TOKEN_SALT, compress=True)


def follow_from_token(token: str) -> Follow | None:
    """The follow a token names, or None when the token is forged or the follow is gone."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), int):
        return None
    return Follow.objects.filter(pk=data["f"], user_id=data.get("u", 0)).first()


@transaction.atomic
def follow_unsubscribe(*, token: str) -> bool:
    """One-click unsubscribe: stop following. True if a follow was removed."""
    follow = follow_from_token(token)
    if follow is None:
        return False
    follow.delete()
    return True


def _unsubscribe_url(token: str) -> str:
    return settings.SITE_URL + reverse("follows:unsubscribe", args=[token])


def _send(*, address: str, subject: str, body: str, unsubscribe: str) -> None:
    """Send after commit, with the RFC 8058 one-click headers; a mail server that is down
    must not undo the change that was committed."""

    def send() -> None:
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[address],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        try:
            message.send()
        except OSError:
            logger.exception("Could not send a follow notification")

    transaction.on_commit(send)


def _wants_mail(user: User) -> bool:
    return bool(user.is_active and user.email and getattr(user, "email_notifications", True))


def followers_notify(
    *,
    target: models.Model,
    subject: Any,
    text: str,
    exclude: tuple[int | None, ...] = (),
) -> int:
    """Tell the followers of ``target`` about a change (``text``: plain, already written
    in Danish). ``exclude`` holds user ids who are told otherwise (such as the one who
    made the change). Returns the number of followers told or queued for their digest."""
    follows = (
        Follow.objects.filter(**_target_filter(target))
        .exclude(user_id__in=[pk for pk in exclude if pk is not None])
        .select_related("user")
    )
    told = 0
    follows_list = list(follows)
    if not follows_list:
        return 0
    get_url = getattr(target, "get_absolute_url", None)
    url = settings.SITE_URL + get_url() if get_url is not None else settings.SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        subject_text = str(subject)
    for follow in follows_list:
        if not _wants_mail(follow.user):
            continue
        if follow.digest:
            PendingNotice.objects.create(follow=follow, subject=subject_text, text=text, url=url)
        else:
            token = unsubscribe_token(follow)
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "follows/email/notice.txt",
                    {
                        "site_name": settings.SAMSKAB_SITE_NAME,
                        "recipient": follow.user,
                        "target": follow.target,
                        "text": text,
                        "url": url,
                        "unsubscribe_url": _unsubscribe_url(token),
                    },
                )
            _send(
                address=follow.user.email,
                subject=subject_text,
                body=body,
                unsubscribe=_unsubscribe_url(token),
            )
        told += 1
    return told


def _digest_for(user_id: int) -> bool:
    with transaction.atomic():
        notices = list(
            PendingNotice.objects.select_for_update(of=("self",))
            .filter(follow__user_id=user_id)
            .select_related("follow", "follow__user", "follow__content_type")
        )
        if not notices:
            return False
        user = notices[0].follow.user
        PendingNotice.objects.filter(pk__in=[n.pk for n in notices]).delete()
        if not _wants_mail(user):
            return False
        links = [_unsubscribe_url(unsubscribe_token(n.follow)) for n in notices]
        items = [
            {"notice": n, "unsubscribe_url": link} for n, link in zip(notices, links, strict=True)
        ]
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "follows/email/digest.txt",
                {"site_name": settings.SAMSKAB_SITE_NAME, "recipient": user, "items": items},
            )
            subject = str(
                translation.gettext("News about what you follow on %(site)s")
                % {"site": settings.SAMSKAB_SITE_NAME}
            )
        # The header unsubscribes from the first item's follow; each item has its own link.
        _send(
            address=user.email,
            subject=subject,
            body=body,
            unsubscribe=links[0],
        )
        return True


def digests_send() -> int:
    """Send each follower who wants a digest one e-mail with their pending news (daily).
    Each follower is handled in their own transaction. Returns the number of e-mails."""
    user_ids = PendingNotice.objects.values_list("follow__user_id", flat=True).distinct().order_by()
    sent = 0
    for user_id in list(user_ids):
        try:
            sent += _digest_for(user_id)
        except Exception:  # one broken digest must not stop the others
            logger.exception("Could not send the follow digest of user %s", user_id)
    return sent
