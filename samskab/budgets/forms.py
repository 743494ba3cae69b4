from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.accounts.models import Role, User
from samskab.budgets.models import (
    BallotType,
    BudgetArea,
    BudgetProcess,
    CarriedOutBy,
    Category,
    Implementation,
    Phase,
    Proposal,
    ResultRule,
    Vetting,
    VoteMethod,
)
from samskab.budgets.services import FROZEN_PROCESS_FIELDS, PROCESS_FIELDS, ProposalInput
from samskab.budgets.uploads import clean_image
from samskab.core.forms import CoordinateField, limited_formfields
from samskab.core.models import Area, Department
from samskab.core.validators import (
    MAX_AGE,
    MAX_CHOICES,
    MAX_KRONER,
    MAX_POINTS,
    validate_single_line,
)
from samskab.meetings.goals import GoalChoiceField
from samskab.organisations import selectors as organisation_selectors
from samskab.organisations.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


FROZEN_HELP = _("Frozen: voting has opened, so this rule can no longer be changed.")


# The process's numbers and one-line texts, for the site's form and the admin's alike.
PROCESS_NUMBER_LIMITS: dict[str, tuple[int, int]] = {
    "min_age": (0, MAX_AGE),
    "proposer_min_age": (0, MAX_AGE),
    "min_projects": (0, MAX_CHOICES),
    "max_projects": (0, MAX_CHOICES),
    "points_total": (0, MAX_POINTS),
    "rank_count": (0, MAX_CHOICES),
    "max_project_cost": (0, MAX_KRONER),
}
PROCESS_SINGLE_LINE = ("title",)


class ProcessForm(forms.ModelForm):
    class Meta:
        model = BudgetProcess
        fields = PROCESS_FIELDS
        formfield_callback = limited_formfields(
            PROCESS_NUMBER_LIMITS, single_line=PROCESS_SINGLE_LINE
        )
        widgets = {
            name: DateInput()
            for name in (
                "information_starts",
                "proposals_start",
                "vetting_start",
                "voting_start",
                "results_start",
                "implementation_start",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Voting has opened: the ballot's rules are shown but cannot be changed (a disabled
        # field keeps its stored value whatever is posted; the service refuses changes too).
        self.rules_frozen = bool(self.instance.pk and self.instance.rules_frozen)
        if self.instance.pk and not self.rules_frozen:
            from samskab.budgets.paper import process_has_tally, tally_rule_problem

            if process_has_tally(self.instance):
                # A tally meeting gives only totals: only greedy counting is offered.
                rule = self.fields["result_rule"]
                assert isinstance(rule, forms.ChoiceField)
                rule.choices = [(ResultRule.GREEDY.value, ResultRule.GREEDY.label)]
                rule.help_text = tally_rule_problem(BallotType.BASKET, ResultRule.MES_ADD1)
        if self.rules_frozen:
            for name in FROZEN_PROCESS_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = FROZEN_HELP

    def _post_clean(self) -> None:
        # The service validates the process as a whole (with its areas); skip the model's
        # own unique check here so that the error comes from one place.
        pass


class AreaBudgetForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False)
    budget = forms.IntegerField(
        label=_("Budget (kr.)"), min_value=1, max_value=MAX_KRONER, required=False
    )

    def __init__(self, *args: Any, frozen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if frozen:
            for field in self.fields.values():
                field.disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("area") and not data.get("budget"):
            self.add_error("budget", _("Give the area a budget."))
        if data.get("budget") and not data.get("area"):
            self.add_error("area", _("Choose the area for this budget."))
        return data


AreaBudgetFormSet = forms.formset_factory(AreaBudgetForm, extra=2)


def area_budgets(formset: Any) -> list[tuple[Area, int]]:
    return [
        (form.cleaned_data["area"], form.cleaned_data["budget"])
        for form in formset.forms
        if form.cleaned_data.get("area")
    ]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Current phase"),
        choices=[("", _("Follow the dates")), *Phase.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason (only for reopening voting)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Phases only move forward. Voting can be reopened from the results phase until "
            "the results are published, as a recorded decision with a reason."
        ),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, validators=[validate_single_line])
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should be made, where, and who will benefit? You can use Markdown."),
    )
    budget_area = forms.ModelChoiceField(label=_("Area"), queryset=BudgetArea.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    carried_out_by = forms.ChoiceField(
        label=_("Who will carry it out"),
        choices=CarriedOutBy.choices,
    )
    carried_out_by_name = forms.CharField(
        label=_("Name of the person, association or group"), max_length=150, required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of an organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Only myself"),
        help_text=_("An organisation you are a member of. It is shown as the proposer."),
    )
    plan_goal = GoalChoiceField()
    latitude = CoordinateField(
        kind="latitude",
        label=_("Latitude (optional)"),
        help_text=_("For a point on the map, e.g. 55,4028."),
    )
    longitude = CoordinateField(
        kind="longitude",
        label=_("Longitude (optional)"),
        help_text=_("E.g. 11,3546."),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_description = forms.CharField(
        label=_("What the image shows"), max_length=200, required=False
    )

    def __init__(
        self,
        *args: Any,
        process: BudgetProcess,
        user: Any = None,
        current_organisation: Organisation | None = None,
        current_goal_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        goal_field = self.fields["plan_goal"]
        assert isinstance(goal_field, GoalChoiceField)
        goal_field.include(current_goal_id)
        if not goal_field.queryset.exists():  # type: ignore[union-attr]
            del self.fields["plan_goal"]
        # The proposer's organisations, and the one the proposal already names (kept even
        # if the proposer has left it since).
        allowed = Q(pk__in=organisation_selectors.organisations_for_user(user=user).values("pk"))
        if current_organisation is not None:
            allowed |= Q(pk=current_organisation.pk)
        self.fields["organisation"].queryset = Organisation.objects.filter(allowed)  # type: ignore[attr-defined]
        if not self.fields["organisation"].queryset.exists():  # type: ignore[attr-defined]
            del self.fields["organisation"]
        self.fields["budget_area"].queryset = process.areas.select_related("area")  # type: ignore[attr-defined]
        self.fields["budget_area"].label_from_instance = lambda ba: str(ba.area)  # type: ignore[attr-defined]
        if process.areas.count() == 1:
            self.fields["budget_area"].empty_label = None  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def clean_image(self) -> Any:
        return clean_image(self.cleaned_data.get("image"))


class CostLineForm(forms.Form):
    description = forms.CharField(label=_("What it pays for"), max_length=150, required=False)
    amount = forms.IntegerField(
        label=_("Amount (kr.)"),
        min_value=0,
        max_value=MAX_KRONER,
        required=False,
        error_messages={"min_value": _("The amount cannot be negative.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A negative amount already has its own message; one message per problem.
        if data.get("description") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount for this line."))
        if data.get("amount") and not data.get("description"):
            self.add_error("description", _("Say what this amount pays for."))
        return data


CostLineFormSet = forms.formset_factory(CostLineForm, extra=3)


def proposal_input(
    form: ProposalForm, cost_lines: Any, *, remove_image: bool = False
) -> ProposalInput:
    data = form.cleaned_data
    return ProposalInput(
        budget_area=data["budget_area"],
        title=data["title"],
        description=data["description"],
        category=data["category"],
        carried_out_by=data["carried_out_by"],
        carried_out_by_name=data["carried_out_by_name"],
        cost_lines=[
            (line.cleaned_data["description"], line.cleaned_data["amount"])
            for line in cost_lines.forms
            if line.cleaned_data.get("description")
        ],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        image=data.get("image") or None,
        image_description=data.get("image_description") or "",
        remove_image=remove_image,
        organisation=data.get("organisation"),
        plan_goal=data.get("plan_goal"),
    )


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())


class VettingForm(forms.ModelForm):
    class Meta:
        model = Vetting
        fields = [
            "legal_feasibility",
            "technical_feasibility",
            "assessment",
            "investment_cost",
            "running_cost",
            "decision",
            "public_reason",
        ]
        formfield_callback = limited_formfields(
            {"investment_cost": (0, MAX_KRONER), "running_cost": (0, MAX_KRONER)}
        )
        widgets = {
            "assessment": forms.Textarea(attrs={"rows": 4}),
            "public_reason": forms.Textarea(attrs={"rows": 4}),
        }


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))


class MergeRequestForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into this proposal"), queryset=Proposal.objects.none()
    )
    reason = forms.CharField(label=_("Why merge"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (  # type: ignore[attr-defined]
            Proposal.objects.filter(budget_area=proposal.budget_area)
            .exclude(pk=proposal.pk)
            .exclude(status__in=["merged", "rejected"])
        )


class MergeAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )


class AssistedVoterForm(forms.Form):
    cpr = forms.CharField(
        label=_("The voter's CPR number"),
        max_length=11,
        help_text=_("Used once to identify the voter and their age; it is not stored."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    lives_in_municipality = forms.BooleanField(
        label=_("I have checked that the voter lives in the municipality"), required=False
    )
    area = forms.ModelChoiceField(
        label=_("The voter's home area"), queryset=Area.objects.all(), required=False
    )


class ImplementationForm(forms.ModelForm):
    class Meta:
        model = Implementation
        fields = [
            "citizen_group",
            "contact",
            "amount_granted",
            "amount_spent",
            "status",
            "cancel_reason",
        ]
        formfield_callback = limited_formfields(
            {"amount_granted": (0, MAX_KRONER), "amount_spent": (0, MAX_KRONER)}
        )
        widgets = {"cancel_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role__in=[Role.EMPLOYEE, Role.MANAGER, Role.SECRETARIAT], is_active=True
        )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=150, validators=[validate_single_line])
    due = forms.DateField(label=_("Expected by"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Reached on"), widget=DateInput())


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Update"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown.")
    )
    image = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_description = forms.CharField(
        label=_("What the photo shows"), max_length=200, required=False
    )

    def clean_image(self) -> Any:
        return clean_image(self.cleaned_data.get("image"))


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class VotingMeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, validators=[validate_single_line])
    budget_area = forms.ModelChoiceField(label=_("Budget"), queryset=BudgetArea.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, help_text=_("Address and room."))
    method = forms.ChoiceField(
        label=_("How the votes are brought in"),
        choices=VoteMethod.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, process: BudgetProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget_area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = BudgetArea.objects.filter(process=process).select_related("area")


class PaperSheetForm(forms.Form):
    """The sheet's number and whether it is invalid; the choices are read from the same
    POST with ``parse_ballot``, like the online ballot."""

    number = forms.IntegerField(
        label=_("Sheet number"),
        min_value=1,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"autofocus": True, "inputmode": "numeric"}),
    )
    is_invalid = forms.BooleanField(label=_("The sheet is invalid"), required=False)
    invalid_reason = forms.CharField(
        label=_("Why the sheet is invalid"),
        max_length=300,
        required=False,
        help_text=_("For example: more crosses than allowed, or unreadable."),
    )


class PrintSheetsForm(forms.Form):
    fra = forms.IntegerField(
        label=_("First sheet number"), min_value=1, max_value=1_000_000, initial=1
    )
    antal = forms.IntegerField(label=_("Number of sheets"), min_value=1, max_value=500, initial=50)


class VotersAdmittedForm(forms.Form):
    voters_admitted = forms.IntegerField(
        label=_("Voters let in"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("How many voters the staff at the door checked and let in to vote."),
    )


class TallyForm(forms.Form):
    """The totals come from ``votes-<proposal id>`` fields, read by the view."""

    voters_present = forms.IntegerField(label=_("Voters present"), min_value=1, max_value=1_000_000)
    counted_by_first = forms.CharField(label=_("Counted by"), max_length=150)
    counted_by_second = forms.CharField(
        label=_("Checked by"), max_length=150, help_text=_("Another person than the first.")
    )
    replace = forms.BooleanField(
        label=_("The first entry is wrong: save my numbers instead"),
        required=False,
        help_text=_("Another person must then enter the tally once more."),
    )
