"""The main pages in a real browser (headless Chromium, Debian's package), at a desktop and a phone width:
no page is wider than the window, and the page's Content-Security-Policy refuses nothing.

Looking at the pages found the decision page 1545 px wide on a 1280 px screen (a wide table in a grid
cell) and the panel, allocation and phase pages 729 px wide on a 390 px phone (screen-reader texts in a
table escaping its scrolling frame); this keeps them fixed. People sign in by the session cookie of a
verified login, so the walk is only the pages.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from portal.audit.services import audit_record
from tests.e2e.crawl.world_view import crawl_world
from tests.factories import CompanyFactory, LetterFactory, UserFactory, login_verified

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WIDTHS = (1280, 390)
COMMON = ("/", "/applications/", "/letters/", "/reports/", "/account/security/")
PAGES = {
    "ciso": COMMON,
    "reviewer": (*COMMON, "/screening/queue/", "/screening/conflicts/", "/reports/findings/"),
    "program_admin": (*COMMON, "/companies/", "/screening/board/", "/screening/allocation/", "/screening/phases/",
                      "/reports/dashboard/", "/reports/findings/", "/reports/exports/", "/reports/summary/",
                      "/audit/"),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()  # the connection this thread held while the loop ran


def _signed_in(browser, live_server, portal, role: str):
    client = Client()
    portal.client_for(client, role)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    context.set_default_timeout(20_000)
    return context


def test_no_page_is_wider_than_the_window_nor_refused_by_its_own_policy(live_server, browser):
    portal = crawl_world()
    problems = []
    for role, pages in PAGES.items():
        # Company A's application, review, panel and decision pages: those with the widest tables.
        wide = [url for url in portal.key_urls if url.endswith(("/review/", "/assignments/", "/decision/"))]
        urls = [*pages, portal.key_urls[0], *(wide if role != "ciso" else ())]
        context = _signed_in(browser, live_server, portal, role)
        page = context.new_page()
        refused = []
        page.on("console", lambda message, sink=refused: sink.append(message.text)
                if "Content Security Policy" in message.text else None)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for url in urls:
                response = page.goto(url, wait_until="domcontentloaded")
                if response is None or response.status != 200:
                    continue  # pages this role may not open (the crawl checks their answers)
                scroll = page.evaluate("() => document.documentElement.scrollWidth")
                if scroll > width + 1:
                    problems.append(f"{role} {url} at {width} px: the page is {scroll} px wide")
        problems += [f"{role}: {text}" for text in sorted(set(refused))]
        context.close()
    assert not problems, "\n".join(problems)


def test_the_longest_menu_fits_one_row_at_desktop_width_in_both_languages(live_server, browser):
    """The program office has the most entries; English labels are the longer ones."""
    portal = crawl_world()
    for language in ("ko", "en"):
        context = _signed_in(browser, live_server, portal, "program_admin")
        context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto("/", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")  # measured in the web font, not a fallback
        assert page.evaluate("() => document.documentElement.lang") == language
        rows = page.evaluate("""() => [...document.querySelectorAll('.krds-main-menu .gnb-menu > li')].map(li => {
            const range = document.createRange();
            range.selectNodeContents(li.querySelector('a'));
            return [li.offsetTop, range.getClientRects().length];  // the label's line boxes
        })""")
        assert len(rows) >= 10, rows
        assert len({top for top, _lines in rows}) == 1, f"{language}: the menu wraps: {rows}"
        assert {lines for _top, lines in rows} == {1}, f"{language}: a label breaks over lines: {rows}"
        context.close()


def _context(browser, live_server, user, language: str, width: int):
    """A browser signed in as ``user`` (or nobody), reading ``language``, ``width`` px wide."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    cookies = [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = login_verified(Client(), user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        cookies.append({"name": cookie.key, "value": cookie.value, "url": live_server.url})
    context.add_cookies(cookies)
    context.set_default_timeout(20_000)
    return context


# Cells whose content is cut: wider than the cell (and hidden), or reaching past the window's right edge.
CLIPPED_CELLS = """(selector) => [...document.querySelectorAll(selector)].filter(cell => {
    const box = cell.getBoundingClientRect();
    return cell.scrollWidth > cell.clientWidth + 1 || box.right > window.innerWidth + 1 || box.left < -1;
}).map(cell => cell.textContent.trim())"""

# Words split over two lines: a line that starts where the text before it has no space.
BROKEN_WORDS = """(selector) => {
    const broken = [];
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let text = "", tops = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                text += node.data[i];
                tops.push(rect ? rect.top : null);
            }
        }
        let last = null;
        for (let i = 0; i < text.length; i++) {
            if (tops[i] === null || /\\s/.test(text[i])) continue;
            if (last !== null && tops[i] > tops[last] + 2 && !/\\s/.test(text.slice(last + 1, i) || text[last])) {
                broken.push(text.slice(Math.max(0, last - 6), i + 6));
            }
            last = i;
        }
    }
    return broken;
}"""


def test_phone_tables_banner_and_forms_read_whole(live_server, browser):
    """At 390 px: the registry and the verify page's facts show every value whole, the government banner
    and the footer wrap between words, and the verify page's button stands apart from the next label."""
    office = UserFactory(program_admin=True)
    for name_ko, name_en in (("바다생명보험", "Bada Life Insurance"), ("찬솔생명보험", "Chansol Life Insurance")):
        CompanyFactory(name_ko=name_ko, name_en=name_en, total_assets_krw=271_864_197_523_000)
    letter = LetterFactory()
    for language in ("en", "ko"):
        context = _context(browser, live_server, office, language, 390)
        page = context.new_page()
        page.goto("/", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert page.locator(".portal-registry tbody tr").count() >= 3
        assert page.evaluate(CLIPPED_CELLS, ".portal-registry tbody th, .portal-registry tbody td") == [], language
        assert page.evaluate(BROKEN_WORDS, ".nuri-txt, .ban-txt, #krds-footer .info-cs li") == [], language

        page.goto(f"/verify/{letter.reference}/", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert page.locator(".portal-facts td", has_text=letter.reference).count() == 1
        assert page.evaluate(CLIPPED_CELLS, ".portal-facts th, .portal-facts td") == [], language
        gap = page.evaluate("""() => {
            const button = document.querySelector('form.portal-upload button').getBoundingClientRect();
            return document.querySelector('label[for=id_sha256]').getBoundingClientRect().top - button.bottom;
        }""")
        assert gap >= 16, f"{language}: the file button is {gap} px from the next label"
        context.close()


def test_audit_log_fits_a_desktop_screen(live_server, browser):
    """At 1280 px the audit table fits without scrolling, its codes on one line, and a letter reference in
    the reason is not broken at its hyphens."""
    office = UserFactory(program_admin=True)
    letter = LetterFactory()
    audit_record(actor=office, action="assignment.no_conflict_statement", obj=letter,
                 reason="Reviewer's assessment: the panel's average of 70 or more and every criterion met.")
    audit_record(actor=None, action="application.grant", obj=letter.application, reason=letter.reference)
    for language in ("ko", "en"):
        context = _context(browser, live_server, office, language, 1280)
        page = context.new_page()
        page.goto("/audit/", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        frame = page.evaluate("""() => { const wrap = document.querySelector('.portal-audit').parentElement;
            return [wrap.scrollWidth, wrap.clientWidth]; }""")
        assert frame[0] <= frame[1] + 1, f"{language}: the audit table scrolls: {frame}"
        lines = page.evaluate("""() => [...document.querySelectorAll('.portal-audit code, .portal-audit td.c-reason')]
            .filter(el => el.textContent.trim() && !el.textContent.includes(' '))
            .map(el => { const range = document.createRange(); range.selectNodeContents(el);
                         return [el.textContent.trim(), new Set([...range.getClientRects()].map(r => r.top)).size]; })""")
        assert letter.reference in [text for text, _count in lines]
        assert [text for text, count in lines if count != 1] == [], language
        context.close()


def test_login_security_sections_stand_apart(live_server, browser):
    user = UserFactory(program_admin=True)
    context = _context(browser, live_server, user, "ko", 1280)
    page = context.new_page()
    page.goto("/account/security/", wait_until="load")
    gaps = page.evaluate("""() => [...document.querySelectorAll('.portal-main h2')].map(h2 => {
        const before = h2.closest('section').previousElementSibling;
        return h2.getBoundingClientRect().top - before.getBoundingClientRect().bottom; })""")
    assert len(gaps) == 2 and min(gaps) >= 32, gaps
    rows = page.evaluate("""() => [...document.querySelectorAll('.portal-main section > * + *')].map(el =>
        el.getBoundingClientRect().top - el.previousElementSibling.getBoundingClientRect().bottom)""")
    assert rows and min(rows) >= 8, rows
    context.close()
