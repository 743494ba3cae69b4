from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "samskab.projects"
    label = "projects"
    verbose_name = _("Citizen projects")

    def ready(self) -> None:
        from samskab.accounts import privacy as registry
        from samskab.projects import (
            permissions,  # noqa: F401 - registers the rules
            privacy,
        )

        registry.register("projects", export=privacy.projects_export, erase=privacy.projects_erase)
