import copy
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from samskab.budgets.models import (
    BudgetArea,
    BudgetProcess,
    Implementation,
    Milestone,
    Proposal,
    ProposalStatus,
    Vetting,
)
from samskab.budgets.services import (
    FROZEN_PROCESS_FIELDS,
    PROCESS_FIELDS,
    phase_index,
    rules_version_bump,
)

# The admin may not go round the rules the services keep: once voting has opened, the
# ballot's rules, budgets, dates, the proposals on the ballot and their vetting are read
# only here too, and the phase is only moved by the process page (forward, or reopening
# voting with a recorded reason).
PHASE_DATES = (
    "information_starts",
    "proposals_start",
    "vetting_start",
    "voting_start",
    "results_start",
    "implementation_start",
)
FROZEN_PROPOSAL_FIELDS = (
    "process",
    "budget_area",
    "title",
    "description",
    "estimated_cost",
    "status",
    "merged_into",
    "is_hidden",
    "exclusion_group",
)
BALLOT_PROPOSAL_FIELDS = {"budget_area", "title", "description", "estimated_cost"}


def _frozen(obj: Any) -> bool:
    process = obj if isinstance(obj, BudgetProcess) else getattr(obj, "process", None)
    return bool(process is not None and process.pk and process.rules_frozen)


class BudgetAreaInline(admin.TabularInline):
    model = BudgetArea
    extra = 1

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)


class BudgetProcessAdminForm(forms.ModelForm):
    class Meta:
        model = BudgetProcess
        fields = PROCESS_FIELDS  # the admin itself decides which are shown or read only

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk:
            before = BudgetProcess.objects.get(pk=self.instance.pk)
            after = copy.copy(before)
            for name in PHASE_DATES:
                if data.get(name) is not None:
                    setattr(after, name, data[name])
            if phase_index(after.current_phase) < phase_index(before.current_phase):
                raise ValidationError(
                    _(
                        "These dates would move the process back to an earlier phase. "
                        "Phases can only move forward."
                    )
                )
        return data


@admin.register(BudgetProcess)
class BudgetProcessAdmin(admin.ModelAdmin):
    form = BudgetProcessAdminForm
    list_display = ["title", "slug", "voting_start", "results_start", "is_published"]
    list_filter = ["is_published", "ballot_type", "result_rule"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [BudgetAreaInline]
    readonly_fields = [
        "phase_override",
        "rules_version",
        "voting_opened_notified_at",
        "results_published_at",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if _frozen(obj):
            fields += [*FROZEN_PROCESS_FIELDS, *PHASE_DATES]
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else dict(self.prepopulated_fields)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            rules_version_bump(obj.pk)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change and any(formset.has_changed() for formset in formsets):
            rules_version_bump(form.instance.pk)


class VettingInline(admin.StackedInline):
    model = Vetting
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)


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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if _frozen(obj):
            fields += FROZEN_PROPOSAL_FIELDS
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if (
            change
            and form.initial.get("status") == ProposalStatus.ACCEPTED
            and BALLOT_PROPOSAL_FIELDS & set(form.changed_data)
        ):
            # What goes on the ballot is what was vetted: a changed proposal is vetted again.
            obj.status = ProposalStatus.IN_VETTING
            Vetting.objects.filter(proposal=obj).update(decision="pending", decided_at=None)
        super().save_model(request, obj, form, change)
        if change:
            rules_version_bump(obj.process_id)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Implementation)
class ImplementationAdmin(admin.ModelAdmin):
    list_display = ["proposal", "status", "amount_granted", "amount_spent"]
    list_filter = ["status"]
    inlines = [MilestoneInline]
