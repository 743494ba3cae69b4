"""Organisations: list, page, create and edit, invitations and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.models import User
from samskab.core.forms import form_add_errors
from samskab.meetings.selectors import plans_of_organisation
from samskab.organisations import selectors, services
from samskab.organisations.forms import InvitationForm, OrganisationForm, RoleForm
from samskab.organisations.models import Invitation, Membership, Organisation


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _require(request: HttpRequest, permission: str, obj: Any) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _organisation_or_404(pk: int) -> Organisation:
    organisation = selectors.organisation_get(pk=pk)
    if organisation is None:
        raise Http404
    return organisation


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/index.html",
        {
            "organisations": selectors.organisation_list(),
            "can_add": request.user.has_perm("organisations.create_organisation"),
            "invitations": selectors.pending_invitations_for(user=request.user),
        },
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    user = request.user
    can_see_members = user.has_perm("organisations.see_members", organisation)
    can_manage = user.has_perm("organisations.manage_members", organisation)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "membership": selectors.membership_of(organisation=organisation, user=user),
            "members": selectors.members(organisation=organisation) if can_see_members else [],
            "can_see_members": can_see_members,
            "can_manage": can_manage,
            "can_change": user.has_perm("organisations.edit_organisation", organisation),
            "pending": selectors.pending_invitations_of(organisation=organisation)
            if can_manage
            else [],
            "role_form": RoleForm(),
            "plans": plans_of_organisation(organisation=organisation, user=user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    _require(request, "organisations.create_organisation", None)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=_actor(request), data=form.data_for_service()
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    _require(request, "organisations.edit_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, actor=_actor(request), data=form.data_for_service()
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    _require(request, "organisations.manage_members", organisation)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                actor=_actor(request),
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect(organisation)
    return render(
        request, "organisations/invite.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    _require(request, "organisations.manage_members", organisation)
    invitation = get_object_or_404(
        Invitation,
        pk=invitation_pk,
        organisation=organisation,
        status=Invitation.Status.PENDING,
    )
    services.invitation_withdraw(invitation=invitation, actor=_actor(request))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect(organisation)


def _answer(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if request.POST.get("answer") == "accept":
        try:
            services.invitation_accept(invitation=invitation, user=_actor(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You are now a member of the organisation."))
        return redirect(invitation.organisation)
    services.invitation_decline(invitation=invitation, user=_actor(request))
    messages.success(request, _("You have declined the invitation."))
    return redirect("organisations:index")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the e-mail: whoever holds it may answer the invitation."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html", status=404)
    if request.method == "POST":
        return _answer(request, invitation)
    return render(request, "organisations/invitation.html", {"invitation": invitation})


@login_required
@require_POST
def invitation_answer(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    """Answer an invitation to the logged-in user's own e-mail address, on the site."""
    invitation = get_object_or_404(
        selectors.pending_invitations_for(user=request.user), pk=invitation_pk
    )
    return _answer(request, invitation)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    membership = selectors.membership_of(organisation=organisation, user=request.user)
    if membership is None:
        raise PermissionDenied
    try:
        services.membership_end(membership=membership, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have left the organisation."))
    return redirect(organisation)


def _member_or_404(organisation: Organisation, membership_pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation"),
        pk=membership_pk,
        organisation=organisation,
        left_at__isnull=True,
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    _require(request, "organisations.manage_members", organisation)
    membership = _member_or_404(organisation, membership_pk)
    try:
        services.membership_end(membership=membership, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The member has been removed."))
    return redirect(organisation)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = _organisation_or_404(pk)
    _require(request, "organisations.manage_members", organisation)
    membership = _member_or_404(organisation, membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect(organisation)
    try:
        services.membership_role_set(
            membership=membership, actor=_actor(request), role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role has been changed."))
    return redirect(organisation)
