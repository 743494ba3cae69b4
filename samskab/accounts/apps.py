from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from samskab.accounts import permissions, privacy, selectors

        del permissions  # imported for its rules.add_perm() calls
        privacy.register("accounts", export=selectors.account_export)
