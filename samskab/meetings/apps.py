from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samskab.meetings"
    label = "meetings"
    verbose_name = _("Meetings, networks and local areas")

    def ready(self) -> None:
        # Registers the django-rules permissions (rules only autodiscovers rules.py).
        from samskab.accounts import privacy
        from samskab.engagement.registry import register
        from samskab.meetings import permissions  # noqa: F401
        from samskab.meetings.models import LocalPlan, Meeting
        from samskab.meetings.services import (
            meetings_delete_expired,
            meetings_erase_for_user,
            meetings_export_for_user,
        )

        def can_view(permission: str) -> Any:
            return lambda user, obj: user.has_perm(permission, obj)

        def can_engage(permission: str) -> Any:
            def check(user: Any, obj: Any) -> bool:
                return bool(
                    getattr(user, "is_authenticated", False)
                    and user.is_active
                    and user.has_perm(permission, obj)
                )

            return check

        # Meetings and local plans take part in comments, support and following.
        register(
            Meeting,
            can_view=can_view("meetings.see_meeting"),
            can_engage=can_engage("meetings.see_meeting"),
        )
        register(
            LocalPlan,
            can_view=can_view("meetings.view_plan"),
            can_engage=can_engage("meetings.view_plan"),
        )

        privacy.register(
            "meetings",
            export=meetings_export_for_user,
            erase=meetings_erase_for_user,
            retention=meetings_delete_expired,
        )
