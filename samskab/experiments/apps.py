from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "samskab.experiments"
    label = "experiments"
    verbose_name = _("Experiments and evaluations")

    def ready(self) -> None:
        # Registers the django-rules permissions (rules only autodiscovers rules.py).
        from . import permissions  # noqa: F401
