from django.contrib import admin
from django.http import HttpRequest

from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    Implementation,
    Milestone,
    Proposal,
    Vetting,
)


class BudgetAreaInline(admin.TabularInline):
    model = BudgetArea
    extra = 1


@admin.register(BudgetProcess)
class BudgetProcessAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "voting_start", "results_start", "is_published"]
    list_filter = ["is_published", "ballot_type", "result_rule"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [BudgetAreaInline]
    readonly_fields = ["voting_opened_notified_at", "results_published_at"]


class VettingInline(admin.StackedInline):
    model = Vetting
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "budget_area", "status", "is_hidden"]
    list_filter = ["process", "status", "is_hidden", "category"]
    search_fields = ["title", "description"]
    raw_id_fields = ["merged_into"]
    # Proposals are made on the site by their proposer; never here in someone's name.
    readonly_fields = ["author"]
    inlines = [VettingInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Implementation)
class ImplementationAdmin(admin.ModelAdmin):
    list_display = ["proposal", "status", "amount_granted", "amount_spent"]
    list_filter = ["status"]
    inlines = [MilestoneInline]
