"""Every form a role is shown, posted empty and with hostile input, by that role.

The forms come from a crawl of the role's pages (every ``<form method="post">``, one per kind of
action). Each is posted four times: with nothing; with markup, template and format syntax in every
text field, wrong types in number, date and choice fields and a renamed non-PDF in file fields;
with the same markup but every other field valid (so that it is stored and shown again); and with very
long text and the hidden fields replaced too. Hidden fields are sent as served except in the last. Asserted: no 5xx (also on the page a redirect leads to), and the hostile markup never
comes back unescaped, neither in the answer nor later on any page of that role or of the program office.
"""

import os
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.e2e.crawl.crawler import crawl, fetch, internal
from tests.e2e.crawl.world_view import crawl_world
from tests.screening.helpers import pdf_bytes
from tests.world import ROLES

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("qa-xss")</script>'
HOSTILE = SCRIPT + '<img src=x onerror=alert(1)>"\'><b>{{ 7|add:7 }}{% now "Y" %}%(x)s %s {0}'
RAW_MARKERS = (SCRIPT, "<img src=x onerror", "<b>{{")
LONG = ("가나다 " * 17_000) + HOSTILE  # about 100,000 characters
NO_POST = ("/logout/", "/i18n/")
# Forms that change the signed-in session itself go last, so that they cannot cut the rest short.
SESSION_FORMS = ("/mfa/", "/account/", "/password-reset/", "/login/")
COMMON_FORMS = (*SESSION_FORMS, "/verify/")
COMMON_FORMS_BY = ("anonymous", "ciso", "reviewer")
# Roles whose posts leave text that the program office reads (the office reads its own anyway).
STORES_FOR_THE_OFFICE = ("ciso", "company_staff", "reviewer", "advisor")
TEXT_KINDS = {"text", "textarea", "email", "search", "url", "tel", "password"}


def _value(kind: str, options: list[str], variant: str):
    """A field's value: ``hostile`` (markup in text, wrong types elsewhere), ``long`` (long text, out of
    range numbers and dates), ``stored`` (markup in text, everything else valid, so that it is saved)."""
    choices = [option for option in options if option]
    if kind in TEXT_KINDS:
        return LONG if variant == "long" else HOSTILE
    if kind == "number":
        return {"hostile": "abc", "long": "9" * 40}.get(variant, "3")
    if kind in ("date", "datetime-local", "month"):
        return {"hostile": "2026-13-45", "long": "-1"}.get(variant, timezone.localdate().isoformat())
    if kind in ("select", "radio"):
        return HOSTILE if variant == "hostile" else (choices[-1] if variant == "long" and choices else
                                                     choices[0] if choices else "")
    if kind == "checkbox":
        return choices or "on"
    if kind == "file":
        content = pdf_bytes() if variant == "stored" else b"MZ\x90\x00 not a pdf " + HOSTILE.encode()
        return SimpleUploadedFile(SCRIPT + ".pdf", content, "application/pdf")
    return HOSTILE  # hidden, and anything unknown


def payloads(form) -> dict[str, dict]:
    def fill(variant, kinds_kept=("hidden", "submit")):
        return {name: _value(kind, form.options.get(name, []), variant)
                for name, kind in form.fields.items() if kind not in kinds_kept}

    return {
        "empty": {},
        "hostile": {**form.values, **fill("hostile")},
        "stored": {**form.values, **fill("stored")},
        "long": fill("long", kinds_kept=()),
    }


def _key(form) -> tuple:
    return re.sub(r"\d+", "N", urlsplit(form.action).path), tuple(sorted(form.fields))


def forms_of(result) -> list:
    found = {}
    for page in result.pages:
        for form in page.forms:
            if form.method != "post":
                continue
            path = urlsplit(form.action).path
            if path.startswith(NO_POST) or urlsplit(form.action).netloc not in ("", "testserver"):
                continue
            found.setdefault(_key(form), form)
    return sorted(found.values(), key=lambda f: (urlsplit(f.action).path.startswith(SESSION_FORMS), f.action))


def _unescaped(body: str) -> list[str]:
    return [marker for marker in RAW_MARKERS if marker in body]


def post_all(client, forms) -> tuple[list[str], int]:
    problems, posts = [], 0
    for form in forms:
        action = internal("/", form.action) or form.action
        for variant, data in payloads(form).items():
            response, page = fetch(client, action, method="post", data=data)
            posts += 1
            where = f"POST {action} ({variant})"
            if os.environ.get("QA_FORMS_LOG"):
                with open(os.environ["QA_FORMS_LOG"], "a") as log:  # noqa: PTH123
                    log.write(f"{where} -> {page.status} {response.get('Location', '')}\n")
            if page.status >= 500:
                problems.append(f"{where}: HTTP {page.status}")
            if page.is_html and _unescaped(page.body):
                problems.append(f"{where}: unescaped {_unescaped(page.body)}")
            location = response.get("Location") if 300 <= page.status < 400 else None
            target = internal(action, location) if location else None
            if target and not target.startswith(("/logout/", "/static/")):
                _r, landed = fetch(client, target)
                if landed.status >= 500:
                    problems.append(f"{where} -> GET {target}: HTTP {landed.status}")
                if landed.is_html and _unescaped(landed.body):
                    problems.append(f"{where} -> GET {target}: unescaped {_unescaped(landed.body)}")
    return problems, posts


def _after(client, who: str, start: tuple[str, ...]) -> list[str]:
    result = crawl(client, start=start, limit=60, per_shape=1, downloads=False)
    return [f"{who} GET {page.url}: " + (f"HTTP {page.status}" if page.status >= 500 else
                                         f"unescaped {_unescaped(page.body)}")
            for page in result.pages if page.status >= 500 or (page.is_html and _unescaped(page.body))]


# The superuser's forms are the program office's (the crawl still walks the superuser's pages).
@pytest.mark.parametrize("role", (*(role for role in ROLES if role != "superuser"), "anonymous"))
def test_every_form_refuses_or_escapes_hostile_input(client, role):
    portal = crawl_world()
    portal.client_for(client, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    start = ("/", "/verify/", f"/verify/{portal.letters_a[0].reference}/", "/login/", "/password-reset/",
             *portal.key_urls)
    forms = forms_of(crawl(client, start=start, limit=200, per_shape=1, downloads=False))
    if role not in COMMON_FORMS_BY:  # the same sign-in and verification forms for every role
        forms = [form for form in forms if not urlsplit(form.action).path.startswith(COMMON_FORMS)]
    assert forms, f"{role} was shown no form"

    problems, posts = post_all(client, forms)
    # What was stored is shown escaped: to the role that posted it (signed in again, should a form
    # have ended the session), and to the program office.
    again = Client()
    portal.client_for(again, role)
    problems += _after(again, role, ("/", *portal.key_urls))
    if role in STORES_FOR_THE_OFFICE:
        office = Client()
        portal.client_for(office, "program_admin")
        problems += _after(office, "program_admin", ("/", *portal.key_urls))
    print(f"{role}: {len(forms)} forms, {posts} posts")  # noqa: T201
    assert not problems, "\n".join(problems)


def _filter_urls(result) -> list[str]:
    """Each GET form (filters, searches) filled with markup and with wrong types, and each list with
    page numbers that are not page numbers."""
    urls, seen = [], set()
    for page in result.pages:
        for form in page.forms:
            action = internal(page.url, form.action) or page.url
            key = _key(form)
            if form.method != "get" or key in seen or action.startswith(NO_POST):
                continue
            seen.add(key)
            base = action.split("?")[0]
            for variant in ("hostile", "long"):
                query = {name: _value(kind, form.options.get(name, []), variant)
                         for name, kind in form.fields.items() if kind != "file"}
                query = {name: value[:2000] if isinstance(value, str) else value for name, value in query.items()}
                urls.append(base + "?" + urlencode(query, doseq=True))
        for href in page.links:
            target = internal(page.url, href)
            if target and "page=" in target and target.split("?")[0] not in seen:
                seen.add(target.split("?")[0])
                urls += [target.split("?")[0] + f"?page={bad}" for bad in ("abc", "-1", "0", "9" * 30, SCRIPT)]
    return urls


@pytest.mark.parametrize("role", ("ciso", "reviewer", "program_admin", "auditor", "anonymous"))
def test_every_filter_and_page_number_refuses_or_escapes_hostile_input(client, role):
    portal = crawl_world()
    portal.client_for(client, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    result = crawl(client, start=("/", "/verify/", *portal.key_urls), limit=200, per_shape=1, downloads=False)
    urls = _filter_urls(result)
    problems = []
    for url in urls:
        _response, page = fetch(client, url)
        if page.status >= 500:
            problems.append(f"GET {url[:200]}: HTTP {page.status}")
        if page.is_html and _unescaped(page.body):
            problems.append(f"GET {url[:200]}: unescaped {_unescaped(page.body)}")
    print(f"{role}: {len(urls)} filter and page URLs")  # noqa: T201
    assert not problems, "\n".join(problems)
