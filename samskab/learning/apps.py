from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "samskab.learning"
    label = "learning"
    verbose_name = _("Learning from errors")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.learning import privacy

        registry.register("learning", export=privacy.learning_export, erase=privacy.learning_erase)
