from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "samskab.budgets"
    label = "budgets"
    verbose_name = _("Citizen budgets")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.budgets import (
            engagement,
            permissions,  # noqa: F401 - registers the rules
            privacy,
            selectors,
        )
        from samskab.core.locks import register_reference_guard

        engagement.register_proposals()
        register_reference_guard(selectors.reference_data_lock_reason)
        registry.register(
            "budgets",
            export=privacy.budgets_export,
            erase=privacy.budgets_erase,
            retention=privacy.budgets_retention,
        )
