"""What WeasyPrint may fetch while rendering a letter: the portal's own static files, nothing else.

User text reaches the letter only as escaped text, so it never becomes a URL; this fetcher is the
second wall: even a URL that got into the markup could not make the server open a socket or read a
local file.
"""

import base64
import logging
import mimetypes
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".ttf", ".otf"}


class RefusedURL(ValueError):
    """WeasyPrint asked for something that is not one of the portal's own static files."""


def static_base_url() -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/{settings.STATIC_URL.strip('/')}/"


class LetterURLFetcher(URLFetcher):
    """Serves the portal's static files from disk and refuses every other URL.

    Allowed: ``<PORTAL_BASE_URL><STATIC_URL><path>`` where ``path`` has no ``..`` and a known
    suffix, read through Django's static file finders (no network), and the exact ``data:`` URIs
    allowed with ``allow_data_uri`` (ones the renderer made). Everything else (http, https, file, ftp, other data URIs, other
    hosts, other paths) raises ``RefusedURL``; WeasyPrint logs it and renders without the resource.
    Refused URLs are kept in ``refused`` so tests can assert on them.
    """

    def __init__(self):
        super().__init__(timeout=1, allow_redirects=False, fail_on_errors=False)
        self._data_uris: dict[str, bytes] = {}
        self.refused: list[str] = []

    def allow_data_uri(self, uri: str) -> None:
        """Allow exactly this base64 ``data:`` URI (one the renderer generated itself)."""
        header, _, payload = uri.partition(",")
        if not header.startswith("data:") or not header.endswith(";base64"):
            raise ValueError("only base64 data: URIs can be allowed")
        self._data_uris[uri] = base64.b64decode(payload, validate=True)

    def fetch(self, url, headers=None):
        if url in self._data_uris:
            mime = url[5:].split(";", 1)[0].split(",", 1)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=self._data_uris[url], headers={"Content-Type": mime})
        relative = self._static_relative_path(url)
        if relative is not None:
            body = _static_file(relative)
            if body is not None:
                mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
        self.refused.append(url)
        logger.warning("letter renderer refused to fetch %.200r", url)
        raise RefusedURL(f"refused: {url[:200]}")

    @staticmethod
    def _static_relative_path(url: str) -> str | None:
        base = static_base_url()
        if not url.startswith(base):
            return None
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            return None
        relative = unquote(url[len(base):])
        path = PurePosixPath(relative)
        if (not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative
                or any(part in {"..", "."} for part in path.parts) or path.suffix.lower() not in STATIC_SUFFIXES):
            return None
        return relative


@cache
def _static_file(relative: str) -> bytes | None:
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if not found:
        return None
    with open(found, "rb") as handle:
        return handle.read()
