"""Supporting documents: PDFs checked by content, kept privately, at most 20 MB each and 100 MB per application."""

import hashlib
import unicodedata
from pathlib import PurePath

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening import rules
from screening.enums import APPLICATION_DOCUMENTS_MAX_BYTES, DOCUMENT_MAX_BYTES, ORIGINAL_NAME_MAX
from screening.models import Application, SupportingDocument
from screening.pdfcheck import NotAPdf, inspect_pdf
from screening.storage import delete_private, new_document_name, write_private

from .core import check_visible, lock_application, state_label


def display_name(raw: str | None) -> str:
    """The uploader's file name, for display and Content-Disposition only: no folders, no control
    characters, at most 255 characters, and ending in .pdf."""
    name = PurePath(str(raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip() or "document.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    if len(name) > ORIGINAL_NAME_MAX:
        name = name[: ORIGINAL_NAME_MAX - 4] + ".pdf"
    return name


def _read_limited(uploaded) -> bytes:
    size = getattr(uploaded, "size", None)
    if size is not None and size > DOCUMENT_MAX_BYTES:
        raise InvalidInput({"file": [_("The file is larger than %(max)d MB. Split it or reduce its size.")
                                     % {"max": DOCUMENT_MAX_BYTES // (1024 * 1024)}]})
    uploaded.seek(0)
    return uploaded.read(DOCUMENT_MAX_BYTES + 1)


def _check_editable(application: Application) -> None:
    if not application.is_editable:
        raise Conflict(
            _("Documents can be added or removed only as a draft or when a supplement is requested; "
              "the application is now %(state)s.") % {"state": state_label(application.state)},
            code="not_editable", extra={"state": application.state},
        )


def document_upload(*, application: Application, actor, uploaded) -> SupportingDocument:
    """Add a PDF to an application the actor's company may edit now. The content is checked (magic
    bytes and a parse: not empty, not a program, not encrypted, not broken); the total per application
    is checked under the row lock, so two uploads at once cannot pass the limit together."""
    if uploaded is None:
        raise InvalidInput({"file": [_("Choose a PDF file to upload.")]})
    data = _read_limited(uploaded)
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        if not rules.can_upload_document(actor, locked):
            raise NotAllowed(_("Only the company's CISO and staff may add documents."))
        _check_editable(locked)
        try:
            facts = inspect_pdf(data)
        except NotAPdf as refused:
            raise InvalidInput({"file": [refused.message]}) from None
        used = locked.documents.aggregate(total=Sum("size"))["total"] or 0
        if used + len(data) > APPLICATION_DOCUMENTS_MAX_BYTES:
            raise InvalidInput({"file": [
                _("An application may hold at most %(max)d MB of documents; %(used)d MB are used already.")
                % {"max": APPLICATION_DOCUMENTS_MAX_BYTES // (1024 * 1024), "used": used // (1024 * 1024)}
            ]})
        stored_name = new_document_name(locked.pk)
        write_private(stored_name, data)
        try:
            document = SupportingDocument(
                application=locked, original_name=display_name(getattr(uploaded, "name", "")),
                stored_name=stored_name, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                page_count=facts.page_count, uploaded_by=actor,
            )
            document.full_clean()
            document.save()
            audit_record(actor=actor, action="application.document_upload", obj=locked,
                         after={"document": document.pk, "name": document.original_name,
                                "size": document.size, "sha256": document.sha256})
        except BaseException:
            delete_private(stored_name)
            raise
    return document


def document_delete(*, document: SupportingDocument, actor) -> None:
    """Remove a document while the application is editable. The file goes once the removal is committed."""
    with transaction.atomic():
        locked = lock_application(document.application_id)
        check_visible(actor, locked)
        if not rules.can_upload_document(actor, locked):
            raise NotAllowed(_("Only the company's CISO and staff may remove documents."))
        _check_editable(locked)
        try:
            document = locked.documents.get(pk=document.pk)
        except SupportingDocument.DoesNotExist:
            raise NotFound(_("This document does not exist or is not available to you.")) from None
        stored_name = document.stored_name
        audit_record(actor=actor, action="application.document_delete", obj=locked,
                     before={"document": document.pk, "name": document.original_name, "sha256": document.sha256})
        document.delete()
        transaction.on_commit(lambda: delete_private(stored_name))
