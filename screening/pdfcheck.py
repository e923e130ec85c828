"""Is this upload a readable, unencrypted PDF? Judged by its content, never by its name."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .enums import DOCUMENT_MAX_BYTES

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


def inspect_pdf(data: bytes) -> PdfFacts:
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
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise NotAPdf(_("This PDF is encrypted or password-protected. Upload a copy without a password."),
                          "encrypted")
        pages = len(reader.pages)
        for page in reader.pages[:3]:
            page.get_contents()
    except NotAPdf:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise NotAPdf(_("This PDF is damaged and cannot be read. Save or export it again and upload the new copy."),
                      "broken") from None
    if pages < 1:
        raise NotAPdf(_("This PDF is damaged and cannot be read. Save or export it again and upload the new copy."),
                      "broken")
    return PdfFacts(page_count=pages)
