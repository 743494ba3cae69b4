from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "samskab.budgets"
    label = "budgets"
    verbose_name = _("Citizen budgets")

    def ready(self) -> None:
        from samskab.budgets import engagement, permissions  # noqa: F401 - registers the rules

        engagement.register_proposals()
