from typing import Any

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "samskab.projects"
    label = "projects"
    verbose_name = _("Citizen projects")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.projects import (
            permissions,  # noqa: F401 - registers the rules
            privacy,
        )

        registry.register("projects", export=privacy.projects_export, erase=privacy.projects_erase)
        _register_engagement()


def _can_view(user: Any, implementation: Any) -> bool:
    from samskab.budgets.permissions import can

    proposal = implementation.proposal
    return not proposal.is_hidden and can(user, "budgets.see_proposal", proposal)


def _can_engage(user: Any, implementation: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and _can_view(user, implementation)
    )


def _register_engagement() -> None:
    """A winning project's public page takes comments, support and following
    (samskab.engagement, samskab.follows)."""
    if not apps.is_installed("samskab.engagement"):
        return
    from samskab.budgets.models import Implementation
    from samskab.engagement.registry import register

    register(Implementation, can_view=_can_view, can_engage=_can_engage)
