from django.contrib import admin
from django.http import HttpRequest

from samskab.engagement.models import Comment, Report, Support


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["__str__", "author", "content_type", "object_id", "created_at", "is_hidden"]
    list_filter = ["is_hidden", "content_type"]
    # Comments are written on the site by their author; never here in someone's name.
    readonly_fields = ["author"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["__str__", "reporter", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["reporter", "resolved_by"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin[Support]):
    list_display = ["user", "content_type", "object_id", "created_at"]
    readonly_fields = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
