from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samskab.accounts.models import User
from samskab.core.validators import MAX_KRONER, validate_single_line
from samskab.ideas.attachments import allowed_extensions, max_bytes
from samskab.organisations.models import Organisation
from samskab.projects.models import Handover
from samskab.projects.uploads import clean_document, clean_receipt


class ExpenseForm(forms.Form):
    description = forms.CharField(
        label=_("What it paid for"), max_length=200, validators=[validate_single_line]
    )
    amount = forms.IntegerField(label=_("Amount (kr.)"), min_value=1, max_value=MAX_KRONER)
    spent_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_(
            "PDF, JPEG, PNG or WebP, at most 10 MB. Only the group and the municipality see it."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )

    def clean_receipt(self) -> Any:
        return clean_receipt(self.cleaned_data.get("receipt"))


class PayoutDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the payout")), ("return", _("Return it with a reason"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (when returned)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class HandoverForm(forms.Form):
    taken_over_by = forms.ChoiceField(
        label=_("Who takes over operation and maintenance"),
        choices=Handover.choices,
        widget=forms.RadioSelect,
    )
    party = forms.CharField(
        label=_("Name of who takes over (e.g. the association)"), max_length=200, required=False
    )
    agreement = forms.CharField(
        label=_("The agreement"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is agreed about operation, maintenance and costs afterwards."),
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200, validators=[validate_single_line])
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Nobody yet")
    )
    due = forms.DateField(
        label=_("Due (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, group: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_memberships__organisation=group,
            organisation_memberships__left_at__isnull=True,
        )
        self.fields["owner"].label_from_instance = lambda user: user.get_short_name()  # type: ignore[attr-defined]


class VolunteerForm(forms.Form):
    note = forms.CharField(label=_("How you can help (optional)"), max_length=300, required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, validators=[validate_single_line])
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("PDF, office files, images or text, at most {limit}: {types}."),
            limit=filesizeformat(max_bytes()),
            types=", ".join(allowed_extensions()),
        ),
    )
    is_public = forms.BooleanField(
        label=_("Show it on the public project page"),
        required=False,
        help_text=_("Otherwise only the group and the municipality see it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Own ids: the workspace has other forms with a title field.
        kwargs.setdefault("auto_id", "id_dokument_%s")
        super().__init__(*args, **kwargs)

    def clean_file(self) -> Any:
        return clean_document(self.cleaned_data.get("file"))


class DocumentVisibilityForm(forms.Form):
    is_public = forms.BooleanField(required=False)
