"""Every permission the site's code asks for is one the site defines.

The site's own permissions (django-rules) never share a name with Django's model
permissions (``<app>.add_<model>``, see ``samskab.accounts.checks``). A view, selector or
template that still asks for such a name (``budgets.view_proposal`` instead of
``budgets.see_proposal``) is refused for everybody but superusers, quietly: this test finds
such names in the source. Only the admin asks for Django's model permissions.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from pathlib import Path

from django.apps import apps
from rules.permissions import permissions

SAMSKAB = Path(__file__).resolve().parents[2]


def _site_labels() -> list[str]:
    labels = []
    for config in apps.get_app_configs():
        if config.name.startswith("samskab."):
            labels.append(config.label)
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.permissions")
    return labels


def unknown_permissions(root: Path) -> list[str]:
    """Names like ``<app>.<word>`` in the source under root that are neither a site
    permission nor a model label."""
    name = re.compile(r"[\"']((?:{})\.[a-z_]+)[\"']".format("|".join(_site_labels())))
    models = {model._meta.label_lower for model in apps.get_models()}
    unknown = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".py", ".html"} or {"migrations", "tests"} & set(path.parts):
            continue
        if path.name == "admin.py":
            continue  # the admin works with Django's model permissions
        for match in name.finditer(path.read_text(encoding="utf-8")):
            found = match.group(1)
            if found not in permissions and found not in models:
                unknown.append(f"{path.relative_to(root)}: {found}")
    return unknown


def test_it_asks_only_for_permissions_the_site_defines() -> None:
    assert unknown_permissions(SAMSKAB) == []


def test_it_finds_a_model_permission_name_asked_for_in_a_view(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        'require(request, "budgets.see_proposal", p)\nrules.has_perm("budgets.view_proposal", u)\n'
    )
    (tmp_path / "admin.py").write_text('has_perm("budgets.view_proposal")\n')
    assert unknown_permissions(tmp_path) == ["views.py: budgets.view_proposal"]
