from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samskab.core.locks import reference_data_lock
from samskab.core.models import Area, AuditEvent, Department

admin.site.site_header = _("Samskab administration")
admin.site.site_title = _("Samskab administration")
admin.site.index_title = _("Administration")


class AreaAdminForm(forms.ModelForm[Area]):
    """An area's kind and parent decide who may vote on which budget: locked while a vote
    runs (``samskab.core.locks``)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        moved = [name for name in ("kind", "parent") if name in self.changed_data]
        if self.instance.pk and moved:
            locked = reference_data_lock()
            if locked:
                for name in moved:
                    self.add_error(name, locked)
        return cleaned


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    form = AreaAdminForm
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "email"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__email"]
    list_select_related = ["actor"]

    # The log is append-only, also for administrators.
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
