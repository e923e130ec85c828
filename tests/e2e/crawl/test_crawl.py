"""Crawl the portal as each role, in Korean and in English, and check every page a link leads to.

For each role the crawl starts at the home page, follows every internal link (GET only, bounded), and
asserts: no 5xx and no link into a 404; every HTML page has ``<html lang>``, one ``<title>`` and one
``<h1>``; a company user never sees another company's names, registration number, users or letters;
no Korean page shows a translated msgid in English; no page runs more than QUERY_LIMIT queries.
Set QA_CRAWL_REPORT=/some/file.json to write every page's status, queries and time there.
"""

import json
import os
import re

import pytest
from django.conf import settings

from tests.e2e.crawl.checks import QUERY_LIMIT, english_looking, structure_problems, untranslated
from tests.e2e.crawl.crawler import crawl, fetch
from tests.e2e.crawl.world_view import crawl_world
from tests.world import COMPANY_ROLES, ROLES

pytestmark = pytest.mark.django_db
# Where an expert works on applications (the company registry, which names every company, is not one).
WORK_PAGES = ("/applications/", "/screening/", "/letters/", "/reports/")
OWN_CONFLICTS = "/screening/conflicts/"  # lists the companies the expert declared, by name


def _report(role: str, lang: str, result) -> None:
    path = os.environ.get("QA_CRAWL_REPORT")
    if not path:
        return
    rows = json.loads(open(path).read()) if os.path.exists(path) else []  # noqa: PTH123, SIM115
    rows += [{"role": role, "lang": lang, "url": p.url, "status": p.status, "queries": p.queries,
              "ms": round(p.ms, 1), "english": english_looking(p) if lang == "ko" and p.is_html else []}
             for p in result.all()]
    with open(path, "w") as out:  # noqa: PTH123
        json.dump(rows, out, ensure_ascii=False, indent=1)


def _problems(result, *, role: str, lang: str, portal) -> list[str]:
    problems = []
    data = portal.data_strings | {portal.company_a.name_en}
    for page in result.all():
        where = f"{lang} {role} {page.url}"
        if page.status >= 500:
            problems.append(f"{where}: HTTP {page.status}")
        if page.status == 404:
            problems.append(f"{where}: a link leads to 404")
        if page.queries > QUERY_LIMIT:
            problems.append(f"{where}: {page.queries} SQL queries")
        if role in COMPANY_ROLES:
            leaked = sorted(s for s in portal.foreign_strings if s in page.body)
            if leaked:
                problems.append(f"{where}: shows another company's {leaked}")
        if role == "reviewer" and page.url.startswith(WORK_PAGES) and not page.url.startswith(OWN_CONFLICTS):
            seen = sorted(s for s in portal.conflicted_strings if s in page.body)
            if seen:
                problems.append(f"{where}: shows {seen}, a company the reviewer declared a conflict with")
        if not page.is_html:
            continue
        problems += [f"{where}: {problem}" for problem in structure_problems(page)]
        if page.lang != lang:
            problems.append(f"{where}: lang={page.lang!r}")
        if lang == "ko":
            raw = untranslated(page, data_strings=data)
            if raw:
                problems.append(f"{where}: English msgids on a Korean page {raw}")
    return problems


@pytest.mark.parametrize("role", (*ROLES, "anonymous"))
def test_crawl_every_page_of_each_role(client, role):
    portal = crawl_world()
    portal.client_for(client, role)
    # The public verification pages are reached from the letter's QR code, not from a link.
    start = ("/", "/verify/", *(f"/verify/{letter.reference}/" for letter in portal.letters_a))
    problems = []
    for lang in ("ko", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        # Korean over several pages of each kind (six of a shape; the superuser, whose pages are the
        # program office's, three), English once over each kind. Files (letters, documents, exports)
        # once per role; the summary PDF (a WeasyPrint render) once in all.
        per_shape = 1 if lang == "en" else 3 if role == "superuser" else 6
        result = crawl(client, start=start, limit=300, per_shape=per_shape,
                       downloads=lang == "ko", slow_downloads=role == "program_admin")
        _report(role, lang, result)
        assert len(result.pages) > 3, f"{role} reached only {[p.url for p in result.pages]}"
        problems += _problems(result, role=role, lang=lang, portal=portal)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", COMPANY_ROLES)
def test_another_companys_pages_answer_as_if_they_did_not_exist(client, role):
    """Company B's application, review, decision, document, letter and report pages, typed in by a user
    of company A, read or posted: answered exactly as the same page of an application or letter that
    does not exist (404, or the 403 of a page the role may never open), and nothing of B shown beyond
    what the user typed."""
    portal = crawl_world()
    portal.client_for(client, role)
    problems = []
    for url in portal.foreign_urls:
        nowhere = re.sub(r"FSC-NAL-\d{4}-\d{4}", "FSC-NAL-2026-9999", re.sub(r"/\d+/", "/99999999/", url))
        for method in ("get", "post"):
            _response, page = fetch(client, url, method=method)
            _response, missing = fetch(client, nowhere, method=method)
            if page.status != missing.status or page.status not in (403, 404, 405):
                problems.append(f"{method.upper()} {url}: HTTP {page.status} (a missing one: {missing.status})")
            leaked = sorted(s for s in portal.foreign_strings if s in page.body and s not in url)
            if leaked:
                problems.append(f"{method.upper()} {url}: shows {leaked}")
    assert not problems, "\n".join(problems)
