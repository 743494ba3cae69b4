"""Writes for support, comments and moderation. Views check permissions first."""

from __future__ import annotations

from typing import Any, Literal, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.models import Role, User
from samskab.core.audit import audit_record
from samskab.core.notifications import notify
from samskab.engagement.models import Comment, Report, Support
from samskab.engagement.registry import engageable, label_of
from samskab.follows.services import followers_notify
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import is_member

COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


def _target_filter(target: models.Model) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(target),
        "object_id": target.pk,
    }


@transaction.atomic
def support_toggle(*, user: User, target: models.Model) -> bool:
    """Add the user's support for ``target``, or take it back.

    Returns whether the user supports it afterwards."""
    filters = _target_filter(target)
    deleted, _count = Support.objects.filter(user=user, **filters).delete()
    if deleted:
        return False
    Support.objects.get_or_create(user=user, **filters)
    return True


@transaction.atomic
def comment_add(
    *,
    author: User,
    target: models.Model,
    body: str,
    parent: Comment | None = None,
    organisation: Organisation | None = None,
) -> Comment:
    """Add a comment (Markdown) by ``author`` about ``target``, or a reply to ``parent``
    (a visible top-level comment about the same target: replies go one level deep).
    With ``organisation`` (one the author is a current member of) the comment is shown as
    the organisation's; the author is still recorded for moderation."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("A comment can be at most %(max)d characters.")
                % {"max": COMMENT_MAX_LENGTH}
            }
        )
    filters = _target_filter(target)
    if parent is not None and (
        parent.parent_id is not None
        or parent.is_hidden
        or parent.content_type_id != filters["content_type"].pk
        or parent.object_id != target.pk
    ):
        raise ValidationError(_("You can only reply to a visible comment on this page."))
    if organisation is not None and not is_member(organisation=organisation, user=author):
        raise ValidationError(
            {"organisation": _("You can only comment on behalf of your own organisations.")}
        )
    comment = Comment.objects.create(
        author=author, body=body, parent=parent, organisation=organisation, **filters
    )
    followers_notify(
        target=target,
        subject=format_lazy(gettext_lazy("New comment on “{title}”"), title=str(target)),
        text=body,
        exclude=(author.pk,),
    )
    return comment


@transaction.atomic
def content_report(*, reporter: User, target: models.Model, reason: str) -> Report:
    """Report ``target`` (an object or a comment) as abusive; the secretariat is told."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us what is wrong.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH}}
        )
    filters = _target_filter(target)
    if Report.objects.filter(reporter=reporter, status=Report.Status.OPEN, **filters).exists():
        raise ValidationError(_("You have already reported this. The secretariat will look at it."))
    report = Report.objects.create(reporter=reporter, reason=reason, **filters)
    for moderator in User.objects.filter(role=Role.SECRETARIAT, is_active=True):
        notify(
            recipient=moderator,
            # A lazy text: notify renders it in the site's language.
            subject=cast(str, gettext_lazy("New report in the moderation queue")),
            template="engagement/email/new_report.txt",
            context={"report": report},
        )
    return report


@transaction.atomic
def report_resolve(*, report: Report, actor: User, action: Literal["hide", "keep"]) -> int:
    """Resolve every open report on the same content: hide it, or keep it visible.

    Hiding a comment marks it hidden; hiding another object calls the hide function its app
    registered. Returns how many reports were resolved.
    """
    if action not in ("hide", "keep"):
        raise ValidationError(_("Choose whether to hide or keep the content."))
    target = report.target
    if action == "hide" and target is not None:
        if isinstance(target, Comment):
            target.is_hidden = True
            target.hidden_at = timezone.now()
            target.save(update_fields=["is_hidden", "hidden_at"])
        else:
            config = engageable(label_of(target))
            if config is None or config.hide is None:
                raise ValidationError(_("This kind of content cannot be hidden here."))
            config.hide(target, actor)
    status = Report.Status.HIDDEN if action == "hide" else Report.Status.KEPT
    resolved = Report.objects.filter(
        content_type_id=report.content_type_id,
        object_id=report.object_id,
        status=Report.Status.OPEN,
    ).update(status=status, resolved_by=actor, resolved_at=timezone.now())
    audit_record(
        actor=actor,
        action=f"moderation_{action}",
        obj=report,
        detail={"content_type": report.content_type_id, "object_id": report.object_id},
    )
    return resolved
