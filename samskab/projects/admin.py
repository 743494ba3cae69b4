from django.contrib import admin

from samskab.projects.models import ProjectRules


@admin.register(ProjectRules)
class ProjectRulesAdmin(admin.ModelAdmin[ProjectRules]):
    list_display = ["process", "start_within_months", "finish_within_months", "remind_days_before"]
