"""Reads for support, comments and the moderation queue, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from samskab.engagement.models import Comment, Report, Support
from samskab.engagement.registry import label_of

M = TypeVar("M", bound=models.Model)


def _count_subquery(model: type[models.Model], content_type: ContentType, **extra: Any) -> Any:
    rows = (
        model._default_manager.filter(content_type=content_type, object_id=OuterRef("pk"), **extra)
        .order_by()
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_engagement_counts(queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """Annotate ``support_count`` and ``comment_count`` (visible comments) on a list query."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    return queryset.annotate(
        support_count=_count_subquery(Support, content_type),
        comment_count=_count_subquery(Comment, content_type, is_hidden=False),
    )


def _counts(model: type[models.Model], objects: Sequence[models.Model]) -> dict[Any, int]:
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(objects[0])
    rows = (
        model._default_manager.filter(
            content_type=content_type, object_id__in=[obj.pk for obj in objects]
        )
        .values("object_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["object_id"]: row["n"] for row in rows}
    return {obj.pk: found.get(obj.pk, 0) for obj in objects}


def support_counts(objects: Sequence[models.Model]) -> dict[Any, int]:
    """Supports per object (by primary key), in one query. Objects share one model."""
    return _counts(Support, objects)


def comment_counts(objects: Sequence[models.Model]) -> dict[Any, int]:
    """All comments per object (hidden ones included), in one query."""
    return _counts(Comment, objects)


def comment_list(target: models.Model) -> list[Comment]:
    """Comments about ``target``, oldest first, authors included. Hidden ones are included
    so that the page can say a comment was removed; templates show no body for them.
    Replies are in the list too; ``comment_threads`` groups them under their comment."""
    return list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).select_related("author", "organisation")
    )


def comment_threads(comments: Sequence[Comment]) -> list[Comment]:
    """The top-level comments, each with ``reply_list`` (its replies, oldest first), from
    a list that already holds them all (no extra query)."""
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in comments if comment.parent_id is None]
    for comment in top:
        comment.reply_list = replies.get(comment.pk, [])  # type: ignore[attr-defined]
    return top


def user_supports(*, user: Any, target: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Support.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, user=user
    ).exists()


@dataclass
class Panel:
    """Everything ``engagement/_panel.html`` shows for one object."""

    target: models.Model
    label: str
    support_count: int
    supported: bool
    comments: list[Comment]
    can_view: bool
    can_support: bool
    can_comment: bool
    can_report: bool
    can_moderate: bool
    next_url: str
    form: Any = None
    errors: list[str] = field(default_factory=list)
    follow: Any = None  # the user's samskab.follows Follow of the target, if any

    @property
    def object_id(self) -> Any:
        return self.target.pk

    @property
    def dom_id(self) -> str:
        return f"deltagelse-{self.label.replace('.', '-')}-{self.target.pk}"

    @property
    def threads(self) -> list[Comment]:
        return comment_threads(self.comments)

    @property
    def visible_comment_count(self) -> int:
        return sum(1 for comment in self.comments if not comment.is_hidden)


def engagement_panel(*, target: models.Model, user: Any, next_url: str, form: Any = None) -> Panel:
    """The support button, comments and report links for ``target``, for ``user``."""
    from samskab.engagement.forms import CommentForm
    from samskab.follows.selectors import follow_of

    content_type = ContentType.objects.get_for_model(target)
    return Panel(
        target=target,
        label=label_of(target),
        support_count=Support.objects.filter(
            content_type=content_type, object_id=target.pk
        ).count(),
        supported=user_supports(user=user, target=target),
        comments=comment_list(target),
        can_view=user.has_perm("engagement.view_target", target),
        can_support=user.has_perm("engagement.support", target),
        can_comment=user.has_perm("engagement.comment", target),
        can_report=user.has_perm("engagement.report", target),
        can_moderate=user.has_perm("engagement.moderate"),
        next_url=next_url,
        form=form if form is not None else CommentForm(user=user),
        follow=follow_of(user=user, target=target),
    )


def report_queue() -> list[Report]:
    """Open reports, oldest first, with the reported content loaded in one query per model."""
    return list(
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related("reporter", "content_type")
        .prefetch_related("target")
    )


def report_open_get(pk: int) -> Report | None:
    return (
        Report.objects.filter(pk=pk, status=Report.Status.OPEN)
        .select_related("content_type")
        .first()
    )
