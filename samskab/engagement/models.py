"""Support ("I support this"), comments and reports of abusive content, on any object.

Each row points at its object through a generic relation (content type + id), so ideas,
citizen-budget proposals and whatever comes later share one implementation. Which models
take part, and who may see them, is declared in ``samskab.engagement.registry``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TargetedModel(models.Model):
    """Something said about one object of any model."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="%(app_label)s_%(class)s_target"
            )
        ]


class Support(TargetedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta(TargetedModel.Meta):
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="engagement_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.content_type_id}:{self.object_id}"


class Comment(TargetedModel):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Written on behalf of an organisation the author is a member of: shown with the
    # organisation's name; the author is still recorded (for moderation).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    body = models.TextField(_("comment"))
    # Replies go one level deep: a reply's parent is never itself a reply.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta(TargetedModel.Meta):
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]


class Report(TargetedModel):
    """A report that an object or a comment is abusive, for the secretariat to resolve."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Hidden")
        KEPT = "kept", _("Kept")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("moderation", "reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta(TargetedModel.Meta):
        ordering = ["created_at", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.content_type_id}:{self.object_id}"
