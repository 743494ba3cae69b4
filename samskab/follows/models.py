"""Following ("Følg"): a person asks to hear about an idea, proposal, experiment, plan or
meeting, at once or in a daily digest. Anything registered with ``samskab.engagement`` can
be followed; what may be seen is decided by that registration."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follower"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    target = GenericForeignKey("content_type", "object_id")
    digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("One e-mail a day with everything new, instead of one e-mail per change."),
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follows_follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.content_type_id}:{self.object_id}"


class PendingNotice(models.Model):
    """News for a follower who wants a daily digest, kept until the digest is sent."""

    follow = models.ForeignKey(
        Follow, verbose_name=_("follow"), on_delete=models.CASCADE, related_name="pending"
    )
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pending notice")
        verbose_name_plural = _("pending notices")

    def __str__(self) -> str:
        return self.subject
