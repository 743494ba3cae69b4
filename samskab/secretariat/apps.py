from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "samskab.secretariat"
    label = "secretariat"
    verbose_name = _("Secretariat")

    def ready(self) -> None:
        # Registers the secretariat's rules.
        from samskab.secretariat import permissions  # noqa: F401
