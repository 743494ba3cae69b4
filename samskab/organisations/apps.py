from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samskab.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.organisations import (
            permissions,  # noqa: F401 - registers the rules
            privacy,
        )

        registry.register(
            "organisations",
            export=privacy.organisations_export,
            erase=privacy.organisations_erase,
        )
