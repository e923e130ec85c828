"""Issued PDFs under PRIVATE_STORAGE_ROOT/letters/ (outside the web root), written once and durably."""

import hashlib
import os
import tempfile
from pathlib import Path

from screening.storage import path_of


def letter_pdf_name(*, year: int, reference: str, sha256: str) -> str:
    # The digest in the name: two workers racing on one letter never write to the same file.
    return f"letters/{int(year)}/{reference}-{sha256[:16]}.pdf"


def write_letter_pdf(name: str, data: bytes) -> Path:
    """Write atomically and durably (fsync, then rename), readable by the portal's user only."""
    path = path_of(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".letter-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_letter_pdf(name: str) -> bytes:
    return path_of(name).read_bytes()


def delete_letter_pdf(name: str) -> None:
    path_of(name).unlink(missing_ok=True)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
