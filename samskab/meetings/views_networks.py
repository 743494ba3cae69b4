"""Networks: groups of employees and citizens around a theme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.forms import form_add_errors
from samskab.meetings import selectors, services
from samskab.meetings.forms import NetworkForm
from samskab.meetings.models import Network
from samskab.meetings.views import actor, require


def network_or_404(request: HttpRequest, pk: int) -> Network:
    network = selectors.network_get(user=request.user, pk=pk)
    if network is None:
        raise Http404
    return network


@require_GET
def network_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/networks.html",
        {
            "networks": selectors.network_list(user=request.user),
            "can_add": request.user.has_perm("meetings.create_network"),
        },
    )


@require_GET
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_or_404(request, pk)
    user = request.user
    can_change = user.has_perm("meetings.edit_network", network)
    return render(
        request,
        "meetings/network.html",
        {
            "network": network,
            "members": list(network.memberships.all()),
            "is_member": selectors.is_member(network=network, user=user),
            "meetings": selectors.network_meetings(network=network, user=user),
            "ideas": selectors.network_ideas(network=network, user=user),
            "experiments": selectors.network_experiments(network=network, user=user),
            "can_join": user.has_perm("meetings.join_network", network),
            "can_change": can_change,
            # Members' names are shown to members and to those who run the network.
            "can_see_members": can_change or selectors.is_member(network=network, user=user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    require(request, "meetings.create_network", None)
    form = NetworkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(actor=actor(request), data=form.data_for_service())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The network has been created."))
            return redirect(network)
    return render(request, "meetings/network_form.html", {"form": form, "network": None})


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_or_404(request, pk)
    require(request, "meetings.edit_network", network)
    form = NetworkForm(request.POST or None, instance=network, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(
                network=network, actor=actor(request), data=form.data_for_service()
            )
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The network has been saved."))
            return redirect(network)
    return render(request, "meetings/network_form.html", {"form": form, "network": network})


@login_required
@require_POST
def network_join(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_or_404(request, pk)
    require(request, "meetings.join_network", network)
    services.network_join(network=network, user=actor(request))
    messages.success(request, _("You are now a member of the network."))
    return redirect(network)


@login_required
@require_POST
def network_leave(request: HttpRequest, pk: int) -> HttpResponse:
    network = network_or_404(request, pk)
    services.network_leave(network=network, user=actor(request))
    messages.success(request, _("You have left the network."))
    return redirect(network)
