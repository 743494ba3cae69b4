"""The project's documents: the group adds them, public or for the group only; every file is
served through ``document``, which checks who may see it (never a bare media address)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.projects import selectors, services
from samskab.projects.forms import DocumentForm, DocumentVisibilityForm
from samskab.projects.models import Document
from samskab.projects.views import _actor, _back, _project, _proposal, _submit


@login_required
@require_POST
def document_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.manage_documents")
    actor = _actor(request)
    return _submit(
        request,
        project,
        DocumentForm(request.POST, request.FILES),
        "document_form",
        lambda data: services.document_add(project=project, actor=actor, **data),
        _("The document has been added."),
    )


@require_GET
def document(request: HttpRequest, slug: str, pk: int, document: int) -> FileResponse:
    """A public document for everyone who may see the project page; a group-only one for the
    group, the contact and the secretariat (404 for everyone else). Always a download."""
    proposal, _implementation = _proposal(request, slug, pk)
    project = selectors.project_for(proposal)
    if project is None:
        raise Http404
    row = get_object_or_404(Document, pk=document, project=project)
    if not row.is_public and not request.user.has_perm("projects.see_workspace", project):
        raise Http404
    response = FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)
    if not row.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_visibility(request: HttpRequest, slug: str, pk: int, document: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.manage_documents")
    row = get_object_or_404(Document, pk=document, project=project)
    form = DocumentVisibilityForm(request.POST)
    form.is_valid()  # an unticked or missing box means "group only"
    is_public = bool(form.cleaned_data.get("is_public"))
    services.document_visibility_set(document=row, actor=_actor(request), is_public=is_public)
    if is_public:
        messages.success(request, _("The document is shown on the public project page."))
    else:
        messages.success(request, _("Only the group and the municipality see the document."))
    return _back(project)


@login_required
@require_POST
def document_delete(request: HttpRequest, slug: str, pk: int, document: int) -> HttpResponse:
    project = _project(request, slug, pk, "projects.manage_documents")
    row = get_object_or_404(Document, pk=document, project=project)
    services.document_delete(document=row, actor=_actor(request))
    messages.success(request, _("The document has been deleted."))
    return _back(project)
