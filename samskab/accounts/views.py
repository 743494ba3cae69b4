from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samskab.accounts.forms import PreferencesForm
from samskab.accounts.models import User
from samskab.accounts.services import user_update_preferences


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            user_update_preferences(
                user=user, email_notifications=form.cleaned_data["email_notifications"]
            )
            messages.success(request, _("Your settings have been saved."))
            return redirect("accounts:preferences")
    else:
        form = PreferencesForm(initial={"email_notifications": user.email_notifications})
    return render(request, "accounts/preferences.html", {"form": form})
