from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "samskab.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        # Ideas take part in support, comments and moderation (samskab.engagement).
        from samskab.accounts import privacy as registry
        from samskab.engagement.registry import register
        from samskab.ideas import privacy
        from samskab.ideas.models import Idea
        from samskab.ideas.permissions import can_engage_with_idea, can_view_idea
        from samskab.ideas.services import idea_hide

        def hide(idea: Idea, actor: Any) -> None:
            idea_hide(idea=idea, actor=actor)

        register(
            Idea,
            can_view=can_view_idea,
            can_engage=can_engage_with_idea,
            hide=hide,
        )
        registry.register("ideas", export=privacy.ideas_export)
