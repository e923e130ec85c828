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

from .dataset import build_portal

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
    from playwright.sync_api import sync_playwright

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
    portal = build_portal()
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
    portal = build_portal()
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
