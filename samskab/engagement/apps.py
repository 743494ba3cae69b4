from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "samskab.engagement"
    label = "engagement"
    verbose_name = _("Support, comments and moderation")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.engagement import privacy

        registry.register("engagement", export=privacy.engagement_export)
