from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samskab.meetings"
    label = "meetings"
    verbose_name = _("Meetings, networks and local areas")

    def ready(self) -> None:
        # Registers the django-rules permissions (rules only autodiscovers rules.py).
        from samskab.accounts import privacy
        from samskab.meetings import permissions  # noqa: F401
        from samskab.meetings.services import (
            meetings_delete_expired,
            meetings_erase_for_user,
            meetings_export_for_user,
        )

        privacy.register(
            "meetings",
            export=meetings_export_for_user,
            erase=meetings_erase_for_user,
            retention=meetings_delete_expired,
        )
