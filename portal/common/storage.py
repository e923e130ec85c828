"""Private files: under settings.PRIVATE_STORAGE_ROOT (outside the web root), named by the portal.

Every app keeps its files here (screening's documents, letters' PDFs, reports' exports) and names
them itself; this module only places them. A write is atomic and durable: the bytes go to a temporary
file in the target's own directory (so the rename never crosses a file system), are flushed and
fsynced, made readable by the portal's user only (0600), renamed over the target, and the directory is
fsynced so the rename survives a crash. A reader sees the old file or the new one, never part of one;
on any failure the temporary file is removed and the target is left as it was.

The root is read at call time, not import time, so a changed setting (tests, deployments) is always
honoured.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

TEMP_PREFIX = ".private-"


def private_root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT).resolve()


def path_of(name: str) -> Path:
    """The absolute path of a stored name; ValueError for a name that would leave the root
    (``../x``, an absolute path, the root itself)."""
    root = private_root()
    path = (root / name).resolve()
    if root not in path.parents:
        raise ValueError("stored name escapes the private root")
    return path


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def private_writer(name: str, *, prefix: str = TEMP_PREFIX) -> Iterator[BinaryIO]:
    """A binary handle whose bytes replace ``name`` when the block ends without an exception, and
    are thrown away when it raises (the exception propagates). For files written incrementally."""
    path = path_of(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def write_private(name: str, data: bytes, *, prefix: str = TEMP_PREFIX) -> Path:
    """Write ``data`` as ``name``, atomically and durably (see the module's docstring)."""
    with private_writer(name, prefix=prefix) as handle:
        handle.write(data)
    return path_of(name)


def read_private(name: str) -> bytes:
    """The stored bytes; FileNotFoundError when the file is missing."""
    return path_of(name).read_bytes()


def open_private(name: str) -> BinaryIO:
    """The stored file opened for reading (the caller closes it, e.g. a FileResponse);
    FileNotFoundError when it is missing."""
    return path_of(name).open("rb")


def delete_private(name: str) -> None:
    """Remove the file; a missing one is not an error."""
    path_of(name).unlink(missing_ok=True)
