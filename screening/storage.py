"""Private files: under settings.PRIVATE_STORAGE_ROOT (outside the web root), named by the portal.

Read at call time, not import time, so a changed setting (tests, deployments) is always honoured.
"""

import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings


def private_root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT).resolve()


def new_document_name(application_id: int) -> str:
    """A generated relative name; the uploader's file name never becomes part of a path."""
    return f"documents/{int(application_id)}/{uuid.uuid4().hex}.pdf"


def path_of(stored_name: str) -> Path:
    root = private_root()
    path = (root / stored_name).resolve()
    if root not in path.parents:
        raise ValueError("stored name escapes the private root")
    return path


def write_private(stored_name: str, data: bytes) -> Path:
    """Write atomically (a temporary file renamed into place), readable by the portal's user only."""
    path = path_of(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def delete_private(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)


def read_private(stored_name: str) -> bytes:
    """The stored bytes; FileNotFoundError when the file is missing."""
    return path_of(stored_name).read_bytes()
