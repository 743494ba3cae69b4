from django.contrib import admin
from django.http import HttpRequest

from samskab.ideas.models import Assessment, Decision, Event, Idea, Meeting, Score, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class EventInline(admin.TabularInline[Event, Idea]):
    model = Event
    extra = 0
    readonly_fields = ["at", "actor", "kind", "status", "message", "deadline"]
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin[Idea]):
    list_display = ["title", "status", "area", "department", "deadline", "is_internal"]
    list_filter = ["status", "is_internal", "is_hidden", "theme", "department"]
    search_fields = ["title", "problem", "description"]
    raw_id_fields = ["responsible", "merged_into"]
    # Nobody writes a public idea in another person's name: ideas are submitted on the site
    # (by their author, through the service), and the author never changes here.
    readonly_fields = ["author", "submitted_at"]
    inlines = [EventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ScoreInline(admin.TabularInline[Score, Assessment]):
    model = Score
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["idea", "assessor", "assessed_at"]
    raw_id_fields = ["idea", "assessor"]
    inlines = [ScoreInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin[Decision]):
    list_display = ["idea", "kind", "decided_by", "decided_at"]
    list_filter = ["kind"]
    raw_id_fields = ["idea", "decided_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["title", "date", "decisions_recorded_at"]
    filter_horizontal = ["ideas"]
