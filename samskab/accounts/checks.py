"""A system check: the site's own permissions never take the name of a Django permission.

Django's admin asks ``user.has_perm("<app>.add_<model>")`` (and change_, delete_, view_);
django-rules answers the same question from the site's rules. A rule with such a name
would give everyone the rule allows the admin page as well, and a model permission given
in the admin would pass the site's own check. So the names must differ, and this check
makes ``manage.py check`` (and every test run) fail when they do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.core import checks
from rules.permissions import permissions as site_permissions


def django_model_permissions() -> set[str]:
    """Every permission Django makes for the installed models, as "<app>.<codename>"."""
    names: set[str] = set()
    for model in apps.get_models():
        meta = model._meta
        names.update(
            f"{meta.app_label}.{action}_{meta.model_name}" for action in meta.default_permissions
        )
        names.update(f"{meta.app_label}.{codename}" for codename, _name in meta.permissions)
    return names


def check_permission_names(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[checks.CheckMessage]:
    return [
        checks.Error(
            f"The site permission {name!r} has the name of a Django model permission.",
            hint="Name site permissions with another verb (create_, edit_, see_, ...).",
            obj=name,
            id="samskab.E001",
        )
        for name in sorted(set(site_permissions) & django_model_permissions())
    ]
