"""Issued PDFs under PRIVATE_STORAGE_ROOT/letters/: their names and digests. portal.common.storage writes
them (once, atomically and durably) and reads them back."""

import hashlib

LETTER_TEMP_PREFIX = ".letter-"


def letter_pdf_name(*, year: int, reference: str, sha256: str) -> str:
    # The digest in the name: two workers racing on one letter never write to the same file.
    return f"letters/{int(year)}/{reference}-{sha256[:16]}.pdf"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
