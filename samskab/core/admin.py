from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Area, Department

admin.site.site_header = _("Samskab administration")
admin.site.site_title = _("Samskab administration")
admin.site.index_title = _("Administration")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "email"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
