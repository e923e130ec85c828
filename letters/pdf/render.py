"""The letter as a PDF: Django templates laid out by WeasyPrint.

What this module guarantees:

* Every user-supplied value reaches the HTML through Django's autoescaping only, inside text nodes,
  wrapped in Unicode isolates so right-to-left or override characters cannot reorder the text
  around them. WeasyPrint fetches nothing but the portal's static files (``letters.pdf.fetcher``).
* The PDF is, in order: the Korean letter, the Korean annex of standard conditions, the English
  letter, the English annex. The annex is the same for every letter of a conditions version.

Speed (``make bench``; measured on this machine, see the report in bench/letter_render.py):

* Subsetting the Korean fonts is not the cost here: HarfBuzz's subsetter (libharfbuzz-subset, in
  RUN_DEBS) cuts the 4 MB Nanum fonts in a few milliseconds each; ``full_fonts`` would embed all of
  them (6 MB per letter, and slower). Layout and drawing, in Python, are the cost, and they grow with
  the number of boxes far more than with the amount of text. So:
* one ``FontConfiguration`` and the parsed stylesheets live for the whole process (a worker warms them
  up when it starts), and a small user-agent stylesheet replaces WeasyPrint's HTML5 one, which was
  matched against every element of every letter;
* the markup is flat (paragraphs, no tables or lists), one font family, the QR code a tiny PNG;
* the annex is laid out once per process and conditions version; each letter lays out only its own
  pages and reuses the annex's pages (WeasyPrint's documented way of combining documents).
* Renders in one process are serialised by a lock: WeasyPrint is not documented thread-safe.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from urllib.parse import quote

import segno
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from letters.conditions import CURRENT_VERSION, ConditionSet
from letters.conditions import load as load_conditions
from letters.pdf.fetcher import LetterURLFetcher, RefusedURL, static_base_url

__all__ = [
    "LetterContent", "LetterURLFetcher", "RefusedURL", "ScopeItem", "layout_letter", "render_letter_pdf",
    "static_base_url", "verification_url", "warm_up",
]

LETTER_TEMPLATE = "letters/pdf/letter.html"
ANNEX_TEMPLATE = "letters/pdf/annex.html"
STYLESHEET = "letters/pdf/letter.css"  # static files, fetched through LetterURLFetcher
UA_STYLESHEET = "letters/pdf/ua.css"
ENGLISH_ANCHOR, ANNEX_ENGLISH_ANCHOR = "english", "annex-english"

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
    scope = lambda items: [ScopeItem(isolate(i.name), isolate(i.vendor)) for i in items]  # noqa: E731
    return render_to_string(LETTER_TEMPLATE, {
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
        "conditions": content.conditions,
        "verification_url": content.verification_url,
        "qr_data_uri": qr_data_uri or qr_png_data_uri(content.verification_url),
        "english_anchor": ENGLISH_ANCHOR,
    })


def annex_html(conditions: ConditionSet) -> str:
    return render_to_string(ANNEX_TEMPLATE, {"conditions": conditions, "english_anchor": ANNEX_ENGLISH_ANCHOR})


# --- rendering ------------------------------------------------------------------------------

_lock = threading.Lock()
_resources: dict[str, object] = {}
_annexes: dict[tuple[str, str], object] = {}


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


def _layout(html: str, fetcher: LetterURLFetcher):
    font_config, stylesheet = _shared_resources()
    document = _LetterHTML(string=html, base_url=static_base_url(), url_fetcher=fetcher)
    return document.render(font_config=font_config, stylesheets=[stylesheet])


def _annex(version: str):
    """The annex of standard conditions, laid out once per process (call with ``_lock`` held)."""
    key = (version, static_base_url())
    if key not in _annexes:
        _annexes[key] = _layout(annex_html(load_conditions(version)), LetterURLFetcher())
    return _annexes[key]


def _first_page_with(document, anchor: str) -> int:
    return next(i for i, page in enumerate(document.pages) if anchor in page.anchors)


def _compose(letter, annex):
    """Korean letter, Korean annex, English letter, English annex."""
    split_letter = _first_page_with(letter, ENGLISH_ANCHOR)
    split_annex = _first_page_with(annex, ANNEX_ENGLISH_ANCHOR)
    pages = (letter.pages[:split_letter] + annex.pages[:split_annex]
             + letter.pages[split_letter:] + annex.pages[split_annex:])
    return letter.copy(pages)


def _source(content: LetterContent, fetcher: LetterURLFetcher | None) -> tuple[str, LetterURLFetcher]:
    fetcher = fetcher or LetterURLFetcher()
    qr = qr_png_data_uri(content.verification_url)
    fetcher.allow_data_uri(qr)
    return letter_html(content, qr_data_uri=qr), fetcher


def _document(content: LetterContent, fetcher: LetterURLFetcher | None):
    html, fetcher = _source(content, fetcher)
    return _compose(_layout(html, fetcher), _annex(content.conditions_version))


def layout_letter(content: LetterContent, *, fetcher: LetterURLFetcher | None = None):
    """The laid-out letter, without writing the PDF (what ``letter_layout_ms`` measures)."""
    with _lock:
        return _document(content, fetcher)


def render_letter_pdf(content: LetterContent, *, fetcher: LetterURLFetcher | None = None) -> bytes:
    """The unsigned PDF of the letter."""
    with _lock:
        return _document(content, fetcher).write_pdf()


def warm_up() -> None:
    """Load fonts, parse the stylesheets and lay out the current annex now (a worker calls this when
    its process starts), so that its first letter is as fast as the others."""
    sample = LetterContent(
        reference="FSC-NAL-2000-0000", issued_on=dt.date(2000, 1, 1), valid_from=dt.date(2000, 1, 1),
        valid_until=dt.date(2000, 12, 31), company_name_ko="가나다라 금융", company_name_en="Warm-up Co.",
        company_brn="000-00-00000", ciso_name="홍길동", ai_models=(ScopeItem("Model", "Vendor"),),
        specific_conditions=("조건",),
    )
    render_letter_pdf(sample)
