from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "samskab.follows"
    label = "follows"
    verbose_name = _("Following")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.follows import privacy

        registry.register("follows", export=privacy.follows_export, erase=privacy.follows_erase)
