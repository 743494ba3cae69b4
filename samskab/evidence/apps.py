from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "samskab.evidence"
    label = "evidence"
    verbose_name = _("Evidence registry")

    def ready(self) -> None:
        # Registers the django-rules permissions (rules only autodiscovers rules.py).
        from . import permissions  # noqa: F401
