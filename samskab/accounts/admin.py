from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from samskab.accounts.addresses import AddressTableError, address_areas_import
from samskab.accounts.forms import AdminLoginForm
from samskab.accounts.middleware import has_second_factor
from samskab.accounts.models import AddressArea, User
from samskab.core.audit import audit_record
from samskab.core.locks import reference_data_lock


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


MAX_IMPORT_BYTES = 20 * 1024 * 1024


class AddressTableImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns postnr, vejnavn, husnr_fra, husnr_til, side (alle, ulige or lige) and "
            "omraade, separated by semicolons or commas, saved as UTF-8. The file replaces "
            "the whole table; a file with a bad line imports nothing."
        ),
    )


@admin.register(AddressArea)
class AddressAreaAdmin(admin.ModelAdmin[AddressArea]):
    """The municipality's address-to-area table, imported from CSV (addresses.py)."""

    list_display = ["postcode", "road", "side", "number_from", "number_to", "area"]
    list_filter = ["area", "postcode", "side"]
    search_fields = ["road", "postcode"]
    list_select_related = ["area"]
    change_list_template = "admin/accounts/addressarea/change_list.html"

    def get_urls(self) -> list[Any]:
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="accounts_addressarea_import",
            ),
            *super().get_urls(),
        ]

    def may_import(self, request: HttpRequest) -> bool:
        return request.user.has_perms(["accounts.add_addressarea", "accounts.delete_addressarea"])

    # The table changes only by importing the whole file, which checks every line against
    # the others; single lines are not added or edited by hand.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # Deleting a line moves its addresses out of their area: not while a vote runs.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return reference_data_lock() is None and super().has_delete_permission(request, obj)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {**(extra_context or {}), "may_import": self.may_import(request)}
        return super().changelist_view(request, extra_context=context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.may_import(request):
            raise PermissionDenied
        form = AddressTableImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_IMPORT_BYTES:
                form.add_error("file", _("The file is too large (at most 20 MB)."))
            else:
                try:
                    summary = address_areas_import(actor=request.user, data=upload.read())
                except AddressTableError as error:
                    for message in error.messages:
                        form.add_error("file", message)
                else:
                    self.message_user(
                        request,
                        _("Imported %(count)d lines; they replace the table's %(old)d lines.")
                        % {"count": summary.imported, "old": summary.replaced},
                        messages.SUCCESS,
                    )
                    return redirect("admin:accounts_addressarea_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import the address-to-area table"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/accounts/addressarea/import.html", context)
