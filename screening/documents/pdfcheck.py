"""Is this upload a readable, unencrypted PDF without active content? Judged by its content, never by
its name. Uploads and downloads of stored documents ask the same question (``CHECK_VERSION`` says
which rules a stored document's cached answer was given under)."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PyPdfError

from screening.documents.pdfscan import LIMITS, ScanLimit, active_content
from screening.enums import DOCUMENT_MAX_BYTES

# Raise it when the rules below change: stored documents checked under an older version are checked
# again on their next download.
CHECK_VERSION = 1

# Signatures of programs: Windows PE, ELF, Mach-O (both byte orders, fat), scripts with a shebang.
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa",
                     b"\xca\xfe\xba\xbe", b"#!")
_PDF_MAGIC = b"%PDF-"


class NotAPdf(Exception):
    """The upload was refused; ``message`` says why, in words the uploader can act on."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class PdfFacts:
    page_count: int


def _mb(n: int) -> int:
    return n // (1024 * 1024)


def _active_content_message(code: str) -> str:
    messages = {
        "javascript": _("This PDF contains JavaScript, which could run on the computer of whoever opens it. "
                        "Save or print it to a new PDF without scripts and upload the new copy."),
        "launch": _("This PDF contains an action that starts a program or opens a file. "
                    "Save or print it to a new PDF without such actions and upload the new copy."),
        "embedded_file": _("This PDF has files embedded in it or attached to it. Upload each document as a PDF of "
                           "its own, without attachments."),
        "xfa": _("This PDF contains an XFA form, which can carry scripts. Save or print it as an ordinary "
                 "(flattened) PDF and upload the new copy."),
        "external_action": _("This PDF contains actions that open other documents or read or send form data. "
                             "Save or print it to a new PDF without such actions and upload the new copy."),
        "media": _("This PDF contains embedded media or 3D content, which runs its own player. "
                   "Save or print it to a new PDF without it and upload the new copy."),
        "uri": _("This PDF contains a link to an address that is not a web address (http or https), such as "
                 "javascript: or file:. Remove the link and upload the new copy."),
    }
    return messages[code]


# Short names of each refusal, for the notice that a stored document is withheld.
REFUSAL_LABELS = {
    "javascript": gettext_lazy("JavaScript"),
    "launch": gettext_lazy("an action that starts a program or opens a file"),
    "embedded_file": gettext_lazy("embedded or attached files"),
    "xfa": gettext_lazy("an XFA form"),
    "external_action": gettext_lazy("actions that open other documents or send form data"),
    "media": gettext_lazy("embedded media or 3D content"),
    "uri": gettext_lazy("a link to an address other than http or https"),
    "too_complex": gettext_lazy("too complex to check"),
    "broken": gettext_lazy("damaged"),
    "encrypted": gettext_lazy("encrypted"),
    "not_pdf": gettext_lazy("not a PDF"),
    "not_pdf_start": gettext_lazy("not a PDF from its first byte"),
    "executable": gettext_lazy("a program"),
    "empty": gettext_lazy("empty"),
    "too_large": gettext_lazy("too large"),
}


def _hit_a_limit(error: BaseException) -> bool:
    """pypdf reports running out of stack or memory as a read error caused by it."""
    while error is not None:
        if isinstance(error, ScanLimit | LimitReachedError | RecursionError | MemoryError):
            return True
        error = error.__cause__ or error.__context__
    return False


def inspect_pdf(data: bytes) -> PdfFacts:
    """The page count of a PDF that may be stored and served; ``NotAPdf`` (with a message for the
    uploader and a code) otherwise. Bounded in time and memory (``screening.documents.pdfscan.LIMITS``)."""
    if not data:
        raise NotAPdf(_("The file is empty. Choose the PDF document again."), "empty")
    if len(data) > DOCUMENT_MAX_BYTES:
        raise NotAPdf(_("The file is larger than %(max)d MB. Split it or reduce its size.")
                      % {"max": _mb(DOCUMENT_MAX_BYTES)}, "too_large")
    head = data[:1024]
    if head.startswith(_EXECUTABLE_MAGIC):
        raise NotAPdf(_("This file is a program (an executable), not a PDF, whatever its name says. "
                        "Only PDF documents can be uploaded."), "executable")
    if _PDF_MAGIC not in head:
        raise NotAPdf(_("This file is not a PDF (its content is not PDF, whatever its name says). "
                        "Only PDF documents can be uploaded."), "not_pdf")
    if not data.startswith(_PDF_MAGIC):
        # Viewers and browsers disagree on such files (an HTML page with a PDF after it is both).
        raise NotAPdf(_("This file does not start as a PDF does: something else, a web page for example, comes "
                        "before the PDF. Only files that are PDF from their first byte can be uploaded. Save or "
                        "export it as a PDF again and upload the new copy."), "not_pdf_start")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False, xref_stream_maximum_entries=LIMITS.objects)
        if reader.is_encrypted:
            raise NotAPdf(_("This PDF is encrypted or password-protected. Upload a copy without a password."),
                          "encrypted")
        pages = len(reader.pages)
        if pages < 1:
            raise PyPdfError("no pages")  # answered as damaged below
        for page in reader.pages[:3]:
            page.get_contents()
        found = active_content(reader, data)
    except NotAPdf:
        raise
    except (ScanLimit, PyPdfError, RecursionError, ValueError, KeyError, TypeError, AttributeError,
            IndexError) as error:
        if _hit_a_limit(error):
            raise NotAPdf(_("This PDF is too large or too complex to check (more than %(objects)s objects, nested "
                            "too deeply or too slow to read). Save or export it again, or split it, and upload the "
                            "new copies.") % {"objects": f"{LIMITS.objects:,}"}, "too_complex") from None
        raise NotAPdf(_("This PDF is damaged and cannot be read. Save or export it again and upload the new copy."),
                      "broken") from None
    if found:
        raise NotAPdf(_active_content_message(found), found)
    return PdfFacts(page_count=pages)
