"""Uploading, downloading and removing supporting documents from the application page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorList
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import Conflict, InvalidInput, NotFound
from portal.ui.services import run_service
from screening import services
from screening.api.applications import document_response
from screening.views.common import visible_application
from screening.views.pages import application_page_context


@login_required
@require_POST
def document_upload(request, pk: int):
    """A refused file (400) shows the application page again with the reason at the upload field, as
    every form page answers; a conflict (not editable now) goes back to the page with a message."""
    application = visible_application(request, pk)
    refusals = ErrorList(field_id="id_file")  # the page's error summary links it to the upload field

    def upload():
        try:
            return services.document_upload(application=application, actor=request.user,
                                            uploaded=request.FILES.get("file"))
        except InvalidInput as invalid:
            refusals.extend(invalid.fields.get("file") or [invalid.message])
            return None

    document, _refused = run_service(
        request, upload, on_conflict_redirect=reverse("screening:application-detail", args=[pk]))
    if refusals:
        context = {**application_page_context(request, visible_application(request, pk)), "upload_errors": refusals}
        return render(request, "screening/application_detail.html", context, status=400)
    if document is not None:
        messages.success(request, _("The document %(name)s was added.") % {"name": document.original_name})
    return redirect("screening:application-detail", pk=pk)


@login_required
def document_download(request, pk: int, document_id: int):
    application = visible_application(request, pk)
    document = get_object_or_404(application.documents.all(), pk=document_id)
    try:
        document = services.document_cleared_for_download(document=document, actor=request.user)
        return document_response(document)
    except Conflict as withheld:
        return render(request, "portal/error.html", {"status": 409, "message": withheld.message}, status=409)
    except NotFound as missing:
        return render(request, "portal/error.html", {"status": 404, "message": missing.message}, status=404)


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
