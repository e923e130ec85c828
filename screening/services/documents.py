"""Supporting documents: PDFs checked by content (no active content), kept privately, at most 20 MB each,
100 MB per application and ``settings.COMPANY_DOCUMENTS_QUOTA_MB`` per company; served only while they
pass the same check."""

import hashlib
import unicodedata
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.common.storage import delete_private, read_private, write_private
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening import rules
from screening.documents.pdfcheck import CHECK_VERSION, REFUSAL_LABELS, NotAPdf, inspect_pdf
from screening.enums import APPLICATION_DOCUMENTS_MAX_BYTES, DOCUMENT_MAX_BYTES, ORIGINAL_NAME_MAX
from screening.mail import notify_document_withheld
from screening.models import Application, SupportingDocument
from screening.services.core import check_visible, lock_application, lock_company, state_label

MB = 1024 * 1024
DOCUMENT_TEMP_PREFIX = ".upload-"


def new_document_name(application_id: int) -> str:
    """A generated name under the private root; the uploader's file name never becomes part of a path."""
    return f"documents/{int(application_id)}/{uuid.uuid4().hex}.pdf"


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
                                     % {"max": DOCUMENT_MAX_BYTES // MB}]})
    uploaded.seek(0)
    return uploaded.read(DOCUMENT_MAX_BYTES + 1)


def _check_editable(application: Application) -> None:
    if not application.is_editable:
        raise Conflict(
            _("Documents can be added or removed only as a draft or when a supplement is requested; "
              "the application is now %(state)s.") % {"state": state_label(application.state)},
            code="not_editable", extra={"state": application.state},
        )


def _check_may_upload(actor, application: Application) -> None:
    check_visible(actor, application)
    if not rules.can_upload_document(actor, application):
        raise NotAllowed(_("Only the company's CISO and staff may add documents."))
    _check_editable(application)


def _check_quota(company_id: int, size: int) -> None:
    """The company's stored documents together stay within its quota; the caller holds the company's lock."""
    quota = settings.COMPANY_DOCUMENTS_QUOTA_MB * MB
    stored = SupportingDocument.objects.filter(application__company_id=company_id).aggregate(
        total=Sum("size"))["total"] or 0
    if stored + size > quota:
        raise InvalidInput({"file": [
            _("Your company's documents may take up at most %(quota)d MB in all, and %(used)s MB are stored "
              "already, so this file of %(size)s MB does not fit. Remove documents that are no longer needed "
              "from a draft, or ask the program office.")
            % {"quota": settings.COMPANY_DOCUMENTS_QUOTA_MB, "used": f"{stored / MB:.1f}", "size": f"{size / MB:.1f}"}
        ]})


def document_upload(*, application: Application, actor, uploaded) -> SupportingDocument:
    """Add a PDF to an application the actor's company may edit now. The content is checked (magic
    bytes from the first byte, and a bounded parse of every object: not empty, not a program, not
    encrypted, not broken, no active content — see ``screening.documents.pdfscan``) before any lock is taken.
    The totals per application and per company are checked under the company's and the application's
    row locks, so two uploads at once cannot pass a limit together."""
    if uploaded is None:
        raise InvalidInput({"file": [_("Choose a PDF file to upload.")]})
    _check_may_upload(actor, application)  # before parsing: a refusal costs nothing
    data = _read_limited(uploaded)
    try:
        facts = inspect_pdf(data)
    except NotAPdf as refused:
        raise InvalidInput({"file": [refused.message]}) from None
    with transaction.atomic():
        lock_company(application.company_id)
        locked = lock_application(application.pk)
        _check_may_upload(actor, locked)
        used = locked.documents.aggregate(total=Sum("size"))["total"] or 0
        if used + len(data) > APPLICATION_DOCUMENTS_MAX_BYTES:
            raise InvalidInput({"file": [
                _("An application may hold at most %(max)d MB of documents; %(used)d MB are used already.")
                % {"max": APPLICATION_DOCUMENTS_MAX_BYTES // MB, "used": used // MB}
            ]})
        _check_quota(locked.company_id, len(data))
        stored_name = new_document_name(locked.pk)
        write_private(stored_name, data, prefix=DOCUMENT_TEMP_PREFIX)
        try:
            document = SupportingDocument(
                application=locked, original_name=display_name(getattr(uploaded, "name", "")),
                stored_name=stored_name, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                page_count=facts.page_count, uploaded_by=actor, checked_version=CHECK_VERSION,
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


def _check_stored(document: SupportingDocument, actor) -> SupportingDocument:
    """Run the current content check on a document last checked under an older version (or never),
    once: the row is locked, so two downloads at once parse it once and notify once."""
    with transaction.atomic():
        locked = SupportingDocument.objects.select_for_update().get(pk=document.pk)
        if locked.checked_version >= CHECK_VERSION:
            return locked
        try:
            data = read_private(locked.stored_name)
        except FileNotFoundError:
            raise NotFound(_("The file of this document is missing. Ask the program office.")) from None
        try:
            inspect_pdf(data)
            reason = ""
        except NotAPdf as refused:
            reason = refused.code
        locked.checked_version = CHECK_VERSION
        locked.withheld_because = reason
        locked.save(update_fields=["checked_version", "withheld_because"])
        if reason:
            audit_record(actor=actor, action="application.document_flagged", object_type="screening.application",
                         object_id=locked.application_id,
                         after={"document": locked.pk, "name": locked.original_name, "sha256": locked.sha256,
                                "reason": reason, "check_version": CHECK_VERSION})
            document_id = locked.pk
            transaction.on_commit(lambda: notify_document_withheld(document_id))
    return locked


def document_cleared_for_download(*, document: SupportingDocument, actor) -> SupportingDocument:
    """The document, when it may be served: it passes the content check of the current version. One
    stored before that check (or under an older one) is checked now and the answer kept on the row. A
    flagged one is withheld (409 ``document_withheld``, every attempt audited); the program office is
    mailed once, when the check first flags it. The caller has checked that the actor may see it."""
    if document.checked_version < CHECK_VERSION:
        document = _check_stored(document, actor)
    if document.withheld_because:
        reason = document.withheld_because
        audit_record(actor=actor, action="application.document_withheld", object_type="screening.application",
                     object_id=document.application_id,
                     after={"document": document.pk, "name": document.original_name, "reason": reason})
        label = REFUSAL_LABELS.get(reason, reason)
        raise Conflict(
            _("This document is withheld: the portal's check found content in it that could act on the computer "
              "that opens it, or that it cannot check (%(reason)s). The program office has been told; the file "
              "stays stored unchanged.") % {"reason": label},
            code="document_withheld", extra={"reason": reason},
        )
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
