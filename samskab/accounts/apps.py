from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from django.core import checks

        from samskab.accounts import permissions, privacy, selectors
        from samskab.accounts.checks import check_permission_names

        del permissions  # imported for its rules.add_perm() calls
        checks.register(check_permission_names)
        privacy.register("accounts", export=selectors.account_export)
