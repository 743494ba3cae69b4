from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from samskab.accounts.forms import AdminLoginForm
from samskab.accounts.middleware import has_second_factor
from samskab.accounts.models import User
from samskab.core.audit import audit_record


class SecondFactorAdminSite(OTPAdminSite):
    """The admin site for staff whose session is verified with a second factor.

    OTPAdminSite asks ``user.is_verified()``, which Samskab does not install (the name
    is a field of our User, see samskab/accounts/middleware.py); ask for the device.
    """

    def has_permission(self, request: HttpRequest) -> bool:
        return AdminSite.has_permission(self, request) and has_second_factor(request.user)


# The admin site requires a second factor: only staff verified with an authenticator app
# (set up at /konto/to-faktor/) get in. django-otp documents swapping the class of the
# default site, which keeps every app's admin.site.register() working.
admin.site.__class__ = SecondFactorAdminSite
admin.site.login_template = "accounts/admin_login.html"
admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "department", "is_verified", "is_active"]
    list_filter = ["role", "is_verified", "is_active", "department"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "role", "is_verified", "department", "area")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["person_key", "staff_subject", "erased_at"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return (*fieldsets, (_("Identity"), {"fields": self.readonly_fields}))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Looking at a person's data in the admin is access to personal data: record it.
        response = super().change_view(request, object_id, form_url, extra_context)
        user = self.get_object(request, object_id)
        if request.method == "GET" and user is not None and response.status_code == 200:
            audit_record(actor=request.user, action="view", obj=user, detail={"via": "admin"})
        return response

    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "name", "role", "password1", "password2")},
        ),
    )
