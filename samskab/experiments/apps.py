from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "samskab.experiments"
    label = "experiments"
    verbose_name = _("Experiments and evaluations")

    def ready(self) -> None:
        # Registers the django-rules permissions (rules only autodiscovers rules.py).
        from samskab.engagement.registry import register
        from samskab.experiments.models import Experiment

        from . import permissions

        def can_engage(user: object, experiment: Experiment) -> bool:
            return bool(
                getattr(user, "is_authenticated", False)
                and getattr(user, "is_active", False)
                and permissions.can_view_experiment(user, experiment)
            )

        # Experiments take part in comments, support and following (samskab.engagement).
        register(Experiment, can_view=permissions.can_view_experiment, can_engage=can_engage)
