"""The idea bank for everyone: list, search, submit, and an idea's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskab.core.forms import filter_form
from samskab.engagement.selectors import engagement_panel
from samskab.ideas import selectors, services
from samskab.ideas.forms import IdeaFilterForm, IdeaForm
from samskab.ideas.models import Idea

PAGE_SIZE = 20
TEXT_FIELDS = ("title", "problem", "description")


def idea_or_404(request: HttpRequest, pk: int) -> Idea:
    """The idea with everything its page shows; 404 when the user may not see it."""
    idea = selectors.idea_get(user=request.user, pk=pk)
    if idea is None:
        raise Http404
    return idea


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = filter_form(IdeaFilterForm, request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    ideas = selectors.idea_list(
        user=request.user,
        text=filters.get("q") or "",
        status=filters.get("status") or "",
        area=filters.get("area"),
        department=filters.get("department"),
        theme=filters.get("theme"),
    )
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "ideas/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters and any(filters.values())),
        },
    )


def _similar_text(data: Any) -> str:
    return " ".join(str(data.get(name, "")) for name in TEXT_FIELDS)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.create_idea"):
        raise PermissionDenied
    can_internal = request.user.has_perm("ideas.submit_internal")
    similar: list[Idea] | None = None
    if request.method == "POST" and "check" in request.POST:
        # Without JavaScript: show similar ideas, keep what was typed, submit afterwards.
        initial: dict[str, Any] = {
            name: request.POST.get(name, "") for name in IdeaForm.Meta.fields
        }
        initial["is_internal"] = "is_internal" in request.POST
        form = IdeaForm(initial=initial, can_submit_internal=can_internal)
        similar = selectors.similar_ideas(user=request.user, text=_similar_text(request.POST))
    elif request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, can_submit_internal=can_internal)
        if form.is_valid():
            data = form.cleaned_data
            try:
                idea = services.idea_submit(
                    author=request.user,  # type: ignore[arg-type]
                    title=data["title"],
                    problem=data["problem"],
                    description=data["description"],
                    beneficiaries=data["beneficiaries"],
                    area=data["area"],
                    theme=data["theme"],
                    department=data["department"],
                    is_internal=bool(data.get("is_internal")),
                    files=data["attachments"],
                    plan_goal=data.get("plan_goal"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your idea has been submitted. You can follow it on this page."),
                )
                return redirect(idea)
    else:
        form = IdeaForm(can_submit_internal=can_internal)
    return render(request, "ideas/submit.html", {"form": form, "similar": similar})


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """HTMX: ideas similar to what is being typed in the submission form."""
    text = _similar_text(request.GET)
    ideas = selectors.similar_ideas(user=request.user, text=text) if text.strip() else None
    return render(request, "ideas/_similar.html", {"similar": ideas})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = idea_or_404(request, pk)
    user = request.user
    decisions = list(idea.decisions.all())
    context = {
        "idea": idea,
        "decision": decisions[-1] if decisions else None,
        "events": list(idea.events.all()),
        "attachments": list(idea.attachments.all()),
        "assessment": getattr(idea, "assessment", None),
        "can_view_handling": user.has_perm("ideas.view_handling", idea),
        "can_screen": user.has_perm("ideas.screen_idea", idea),
        "can_assess": user.has_perm("ideas.assess_idea", idea),
        "can_decide": user.has_perm("ideas.decide_idea", idea),
        "realisation": selectors.realisation_for(idea),
        "can_manage_realisation": user.has_perm("ideas.manage_realisation", idea),
        "can_manage_workshop": user.has_perm("ideas.manage_workshop", idea),
        "workshop": getattr(idea, "workshop", None),
        "is_author": user.is_authenticated and idea.author_id == user.pk,
        "similar": selectors.similar_ideas(
            user=user, text=f"{idea.title} {idea.problem}", exclude=idea.pk, limit=4
        ),
        "engagement": engagement_panel(target=idea, user=user, next_url=idea.get_absolute_url()),
    }
    return render(request, "ideas/detail.html", context)


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Attachments are served through this view so that an internal idea's files stay
    internal. Always as a download, never shown inline."""
    idea = idea_or_404(request, pk)
    found = next((a for a in idea.attachments.all() if a.pk == attachment_pk), None)
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    ideas = selectors.ideas_by_author(request.user)  # type: ignore[arg-type]
    return render(request, "ideas/mine.html", {"ideas": ideas})
