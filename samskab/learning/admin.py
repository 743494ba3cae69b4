"""Coordinators and zero-error areas are managed here. Reports are deliberately not in the
admin site: a confidential report is read only through the app, where access is logged."""

from django.contrib import admin

from samskab.learning.models import LearningCoordinator, ZeroErrorArea


@admin.register(LearningCoordinator)
class LearningCoordinatorAdmin(admin.ModelAdmin[LearningCoordinator]):
    list_display = ["user", "department"]
    list_filter = ["department"]
    search_fields = ["user__name", "user__email"]
    raw_id_fields = ["user"]


@admin.register(ZeroErrorArea)
class ZeroErrorAreaAdmin(admin.ModelAdmin[ZeroErrorArea]):
    list_display = ["name", "department", "handling_days", "responsible", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["responsible"]
