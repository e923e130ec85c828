"""The letter as a PDF: a Django template laid out by WeasyPrint.

What this module guarantees:

* Every user-supplied value reaches the HTML through Django's autoescaping only, inside text nodes,
  wrapped in Unicode isolates so right-to-left or override characters cannot reorder the text
  around them.
* WeasyPrint fetches nothing but the portal's own static files (``LetterURLFetcher``): user text can
  never make the server open a URL or read a local file, even if it somehow reached an attribute.
* Speed: a worker renders many letters, so the WeasyPrint ``FontConfiguration`` and the parsed
  stylesheet are created once per process and reused (layout of a letter drops by about a third).
  Korean fonts are subset by HarfBuzz, which is fast; ``full_fonts`` would embed 4 MB per font.
  Renders in one process are serialised by a lock because WeasyPrint is not documented thread-safe.
"""

import base64
import datetime as dt
import logging
import mimetypes
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from .standard_conditions import CURRENT_VERSION, ConditionSet
from .standard_conditions import load as load_conditions

logger = logging.getLogger(__name__)

TEMPLATE = "letters/pdf/letter.html"
STYLESHEET = "letters/pdf/letter.css"  # a static file, fetched through LetterURLFetcher
STATIC_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".ttf", ".otf"}

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@dataclass(frozen=True, slots=True)
class ScopeItem:
    name: str
    vendor: str


@dataclass(frozen=True, slots=True)
class LetterContent:
    """Everything printed on a letter, as plain values (no database access while rendering)."""

    reference: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date
    company_name_ko: str
    company_name_en: str
    company_brn: str
    ciso_name: str
    ai_models: tuple[ScopeItem, ...] = ()
    saas_products: tuple[ScopeItem, ...] = ()
    specific_conditions: tuple[str, ...] = ()
    conditions_version: str = CURRENT_VERSION

    @property
    def conditions(self) -> ConditionSet:
        return load_conditions(self.conditions_version)

    @property
    def verification_url(self) -> str:
        return verification_url(self.reference)


def verification_url(reference: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/verify/{quote(reference, safe='')}/"


def date_ko(value: dt.date) -> str:
    return f"{value.year}년 {value.month}월 {value.day}일"


def date_en(value: dt.date) -> str:
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def isolate(text: str) -> str:
    """Wrap user text in a bidi isolate: whatever it contains, it cannot reorder its neighbours."""
    return f"{FSI}{text}{PDI}" if text else ""


def qr_png_data_uri(url: str) -> str:
    """The verification URL as a QR code: a PNG of one pixel per module, scaled up by CSS.

    A PNG rather than inline SVG: WeasyPrint parses SVG paths in Python, which cost more than the
    rest of the page's drawing. The data: URI is made here, so the fetcher can allow exactly it.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=2)


def letter_html(content: LetterContent, *, qr_data_uri: str = "") -> str:
    conditions = content.conditions
    scope = lambda items: [ScopeItem(isolate(i.name), isolate(i.vendor)) for i in items]  # noqa: E731
    context = {
        "reference": content.reference,
        "issued_ko": date_ko(content.issued_on),
        "issued_en": date_en(content.issued_on),
        "valid_from_ko": date_ko(content.valid_from),
        "valid_from_en": date_en(content.valid_from),
        "valid_until_ko": date_ko(content.valid_until),
        "valid_until_en": date_en(content.valid_until),
        "issued_iso": content.issued_on.isoformat(),
        "company_name_ko": isolate(content.company_name_ko),
        "company_name_en": isolate(content.company_name_en),
        "company_brn": isolate(content.company_brn),
        "ciso_name": isolate(content.ciso_name),
        "ai_models": scope(content.ai_models),
        "saas_products": scope(content.saas_products),
        "specific_conditions": [isolate(text) for text in content.specific_conditions if text.strip()],
        "conditions": conditions,
        "verification_url": content.verification_url,
        "qr_data_uri": qr_data_uri or qr_png_data_uri(content.verification_url),
    }
    return render_to_string(TEMPLATE, context)


# --- fetching ---------------------------------------------------------------------------------


class RefusedURL(ValueError):
    """WeasyPrint asked for something that is not one of the portal's own static files."""


def static_base_url() -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/{settings.STATIC_URL.strip('/')}/"


class LetterURLFetcher(URLFetcher):
    """Serves the portal's static files from disk and refuses every other URL.

    Allowed: ``<PORTAL_BASE_URL><STATIC_URL><path>`` where ``path`` has no ``..`` and a known
    suffix, read through Django's static file finders (no network), and the exact ``data:`` URIs
    given to the constructor. Everything else (http, https, file, ftp, other data URIs, other
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


# --- rendering ------------------------------------------------------------------------------

UA_STYLESHEET = "letters/pdf/ua.css"

_lock = threading.Lock()
_resources: dict[str, object] = {}


class _LetterHTML(HTML):
    """Uses the letter's own small user-agent stylesheet (see static/letters/pdf/ua.css)."""

    def _ua_stylesheets(self, forms=False):
        return [_resources["ua"]]


def _shared_resources() -> tuple[FontConfiguration, CSS]:
    """One FontConfiguration and parsed stylesheets per process (call with ``_lock`` held)."""
    if not _resources:
        font_config = FontConfiguration()
        fetcher = LetterURLFetcher()
        _resources["ua"] = CSS(url=static_base_url() + UA_STYLESHEET, url_fetcher=fetcher)
        _resources["letter"] = CSS(url=static_base_url() + STYLESHEET, url_fetcher=fetcher, font_config=font_config)
        _resources["font_config"] = font_config
    return _resources["font_config"], _resources["letter"]


def _source(content: LetterContent, fetcher: LetterURLFetcher | None) -> tuple[str, LetterURLFetcher]:
    fetcher = fetcher or LetterURLFetcher()
    qr = qr_png_data_uri(content.verification_url)
    fetcher.allow_data_uri(qr)
    return letter_html(content, qr_data_uri=qr), fetcher


def _layout(html: str, fetcher: LetterURLFetcher):
    font_config, stylesheet = _shared_resources()
    document = _LetterHTML(string=html, base_url=static_base_url(), url_fetcher=fetcher)
    return document.render(font_config=font_config, stylesheets=[stylesheet])


def warm_up() -> None:
    """Load fonts and parse the stylesheets now (a worker calls this when its process starts), so the
    first letter it issues is as fast as the others."""
    from .standard_conditions import load as load_conditions

    load_conditions()
    sample = LetterContent(
        reference="FSC-NAL-2000-0000", issued_on=dt.date(2000, 1, 1), valid_from=dt.date(2000, 1, 1),
        valid_until=dt.date(2000, 12, 31), company_name_ko="가나다라 금융", company_name_en="Warm-up Co.",
        company_brn="000-00-00000", ciso_name="홍길동", ai_models=(ScopeItem("Model", "Vendor"),),
        specific_conditions=("조건",),
    )
    render_letter_pdf(sample)


def layout_letter(content: LetterContent, *, fetcher: LetterURLFetcher | None = None):
    """Lay the letter out without writing the PDF (what ``letter_layout_ms`` measures)."""
    html, fetcher = _source(content, fetcher)
    with _lock:
        return _layout(html, fetcher)


def render_letter_pdf(content: LetterContent, *, fetcher: LetterURLFetcher | None = None) -> bytes:
    """The unsigned PDF of the letter."""
    html, fetcher = _source(content, fetcher)
    with _lock:
        return _layout(html, fetcher).write_pdf()
