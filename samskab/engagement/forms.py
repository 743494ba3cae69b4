from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import BIGINT_MAX
from samskab.engagement.services import COMMENT_MAX_LENGTH, REASON_MAX_LENGTH
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import organisations_for_user


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Be kind and stay on topic. You can use simple formatting (Markdown)."),
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, widget=forms.HiddenInput
    )
    organisation = forms.ModelChoiceField(
        label=_("Comment as"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("An organisation you are a member of. Its name is shown on the comment."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        # Unique ids, so the panel can sit on a page that has other forms.
        kwargs.setdefault("auto_id", "id_kommentar_%s")
        super().__init__(*args, **kwargs)
        # Only members of an organisation get the choice.
        mine = organisations_for_user(user=user)
        if mine.exists():
            self.fields["organisation"].queryset = mine  # type: ignore[attr-defined]
        else:
            del self.fields["organisation"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: offensive language, personal data, or spam."),
    )


class ResolveForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", _("Hide")), ("keep", _("Keep"))])
