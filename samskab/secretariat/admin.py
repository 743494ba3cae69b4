from django.contrib import admin

from samskab.secretariat.models import CommitteeReport


@admin.register(CommitteeReport)
class CommitteeReportAdmin(admin.ModelAdmin[CommitteeReport]):
    list_display = ["title", "year", "quarter", "published_at"]
    list_filter = ["year", "quarter"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    filter_horizontal = ["highlighted_ideas", "highlighted_experiments", "highlighted_learnings"]
