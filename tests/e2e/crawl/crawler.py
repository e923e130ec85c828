"""A bounded crawler over the portal's own pages, through Django's test client.

It follows every internal ``<a href>`` from the home page (GET only), counts the SQL queries of each
request, and reads each HTML page once: its ``lang``, ``<title>``, ``<h1>`` elements, visible text nodes
and a few attributes people read (``title``, ``aria-label``, ``placeholder``, ``alt``), and its
``<form method="post">`` elements with their fields, for the hostile-input pass.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from time import perf_counter
from urllib.parse import urldefrag, urljoin, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

SKIP_PREFIXES = ("/static/", "/logout/", "/i18n/", "/admin/", "/api/", "/healthz")
# Files rather than pages: fetched once per role (status only), never parsed.
DOWNLOAD = re.compile(r"(\.pdf|\.csv|\.xlsx|/pdf/|/download/|/documents/\d+/)$")
# The summary PDF renders with WeasyPrint (about a second); the crawl fetches it once in all.
SLOW_DOWNLOADS = re.compile(r"/reports/summary\.pdf$")
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


@dataclass
class Form:
    action: str
    fields: dict[str, str]  # name -> input type ("text", "textarea", "select", "file", "checkbox", ...)
    options: dict[str, list[str]] = field(default_factory=dict)  # select name -> option values
    values: dict[str, str] = field(default_factory=dict)  # hidden and submit values as served
    method: str = "post"


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    queries: int
    ms: float
    lang: str | None = None
    titles: list[str] = field(default_factory=list)
    h1s: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    body: str = ""

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html") and not 300 <= self.status < 400


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.titles, self.h1s, self.texts, self.links, self.forms = [], [], [], [], []
        self._stack: list[str] = []
        self._capture: list[list[str]] | None = None
        self._form: Form | None = None
        self._select: str | None = None
        self._skip = 0  # inside <script> or <style>
        self._svg = 0  # inside <svg>, where <title> names a shape, not the document

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag in ("script", "style"):
            self._skip += 1
        elif tag == "svg":
            self._svg += 1
        elif tag == "title" and not self._svg:
            self.titles.append("")
            self._capture = self.titles
        elif tag == "h1":
            self.h1s.append("")
            self._capture = self.h1s
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = Form(action=attrs.get("action") or "", fields={},
                              method=(attrs.get("method") or "get").lower())
        elif self._form is not None and tag in ("input", "textarea", "select", "button") and attrs.get("name"):
            kind = tag if tag != "input" else (attrs.get("type") or "text").lower()
            name = attrs["name"]
            if kind in ("hidden", "submit") or tag == "button":
                self._form.values.setdefault(name, attrs.get("value") or "")
            if tag != "button":
                self._form.fields.setdefault(name, kind)
            if tag == "select":
                self._select = name
                self._form.options.setdefault(name, [])
            if kind in ("radio", "checkbox"):
                self._form.options.setdefault(name, []).append(attrs.get("value") or "on")
        elif tag == "option" and self._form is not None and self._select:
            self._form.options[self._select].append(attrs.get("value") or "")
        for attribute in READ_ATTRIBUTES:
            if attrs.get(attribute):
                self.texts.append(attrs[attribute].strip())
        if tag == "input" and (attrs.get("type") or "").lower() in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"].strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "svg":
            self._svg = max(0, self._svg - 1)
        elif tag in ("title", "h1") and self._capture is not None:
            if self._capture is not None and self._capture:
                self._capture[-1] = " ".join(self._capture[-1].split())
            self._capture = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._capture is not None:
            self._capture[-1] += data
        text = " ".join(data.split())
        if text:
            self.texts.append(text)


def fetch(client, url: str, *, method: str = "get", data=None) -> tuple[object, Page]:
    """One request with its queries counted; the response is read whole (streams too)."""
    start = perf_counter()
    with CaptureQueriesContext(connection) as queries:
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data=data or {})
        if getattr(response, "streaming", False):
            # Reading the stream to its end closes the response (the test client's wrapper does it, with
            # the signal that would close the test's database connection held back).
            content = b"".join(response.streaming_content)
        else:
            content = response.content
    page = Page(url=url, status=response.status_code, content_type=response.get("Content-Type", ""),
                queries=len(queries), ms=(perf_counter() - start) * 1000)
    if page.is_html and not 300 <= response.status_code < 400:
        page.body = content.decode("utf-8", "replace")
        reader = _Reader()
        reader.feed(page.body)
        reader.close()
        page.lang, page.titles, page.h1s = reader.lang, reader.titles, reader.h1s
        page.texts, page.links, page.forms = reader.texts, reader.links, reader.forms
        for form in page.forms:
            form.action = urljoin(url, form.action) if form.action else url
    if 300 <= response.status_code < 400 and response.get("Location"):
        page.links = [response["Location"]]
    return response, page


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def internal(base: str, href: str) -> str | None:
    """The site-relative URL of ``href`` (found on ``base``), or None when it leaves the portal."""
    href = urldefrag(href.strip())[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Crawl:
    pages: list[Page]
    downloads: list[Page]
    skipped: int  # links beyond the per-shape budget

    def all(self) -> list[Page]:
        return self.pages + self.downloads


def crawl(client, *, start: tuple[str, ...] = ("/",), limit: int = 300, per_shape: int = 6, per_query_path: int = 3,
          downloads: bool = True, slow_downloads: bool = False) -> Crawl:
    """Breadth-first over internal links, at most ``limit`` pages, ``per_shape`` URLs of one shape
    (digits taken as N, so /applications/7/ and /applications/9/ count together) and ``per_query_path``
    query-string variants of one path (filters, pages of a list)."""
    queue, seen = list(start), set(start)
    shapes: dict[str, int] = {}
    query_paths: dict[str, int] = {}
    pages, files, skipped = [], [], 0
    while queue and len(pages) + len(files) < limit:
        url = queue.pop(0)
        is_download = bool(DOWNLOAD.search(url.split("?")[0]))
        if is_download and (not downloads or (SLOW_DOWNLOADS.search(url) and not slow_downloads)):
            continue
        _response, page = fetch(client, url)
        (files if is_download else pages).append(page)
        for href in page.links:
            target = internal(url, href)
            if target is None or target in seen or target.startswith(SKIP_PREFIXES):
                continue
            seen.add(target)
            path, _, query = target.partition("?")
            shape = _shape(target if not query else path + "?")
            if shapes.get(shape, 0) >= per_shape or (query and query_paths.get(path, 0) >= per_query_path):
                skipped += 1
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            if query:
                query_paths[path] = query_paths.get(path, 0) + 1
            queue.append(target)
    return Crawl(pages=pages, downloads=files, skipped=skipped)
