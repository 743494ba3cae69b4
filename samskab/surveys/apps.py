from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "samskab.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.surveys import permissions, privacy  # noqa: F401

        registry.register("surveys", export=privacy.surveys_export, erase=privacy.surveys_erase)
