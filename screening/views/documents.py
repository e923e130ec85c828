"""Uploading, downloading and removing supporting documents from the application page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from screening import services
from screening.api import document_response

from .common import run_service, visible_application


@login_required
@require_POST
def document_upload(request, pk: int):
    application = visible_application(request, pk)
    document, refused = run_service(
        request,
        lambda: services.document_upload(application=application, actor=request.user,
                                         uploaded=request.FILES.get("file")),
        on_conflict_redirect=reverse("screening:application-detail", args=[pk]),
    )
    if document is not None:
        messages.success(request, _("The document %(name)s was added.") % {"name": document.original_name})
    return redirect("screening:application-detail", pk=pk)


@login_required
def document_download(request, pk: int, document_id: int):
    application = visible_application(request, pk)
    document = get_object_or_404(application.documents.all(), pk=document_id)
    return document_response(document)


@login_required
@require_POST
def document_delete(request, pk: int, document_id: int):
    application = visible_application(request, pk)
    document = get_object_or_404(application.documents.all(), pk=document_id)
    done, _refused = run_service(
        request, lambda: services.document_delete(document=document, actor=request.user) or True,
        on_conflict_redirect=reverse("screening:application-detail", args=[pk]),
    )
    if done:
        messages.success(request, _("The document was removed."))
    return redirect("screening:application-detail", pk=pk)
