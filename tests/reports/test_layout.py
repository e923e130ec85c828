"""The reports pages in a real browser (see tests/e2e/crawl/test_layout.py): buttons and filter chips stand in
rows with room between them, headings read as headings, every chart has a visible title. KRDS makes
1rem 10 px; reports.css once sized things as if it were 16 px, and nothing laid out the button lists."""

import pytest

from reports.services import obligations_sync
from tests.e2e.crawl.test_layout import CHROMIUM, _context, browser  # noqa: F401 (browser is a fixture)
from tests.factories import (
    ApplicationFactory,
    FindingsReportFactory,
    LetterFactory,
    UserFactory,
    finding_data,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]

# [top, left, right, bottom] of each element the selector finds.
BOXES = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const box = el.getBoundingClientRect(); return [box.top, box.left, box.right, box.bottom]; })"""
FONT_SIZES = """(selector) => [...document.querySelectorAll(selector)].map(el =>
    parseFloat(getComputedStyle(el).fontSize))"""


def _apart(first, second) -> bool:
    """Side by side with a gap, or one below the other with a gap: never touching."""
    return second[1] - first[2] >= 4 or second[0] - first[3] >= 4


def _one_row_apart(boxes) -> bool:
    return len({round(box[0]) for box in boxes}) == 1 and all(
        _apart(a, b) for a, b in zip(boxes, boxes[1:], strict=False))


def _open(page, url):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    page.evaluate("() => document.fonts.ready.then(() => true)")


def test_reports_pages_lay_out_buttons_headings_and_charts(live_server, browser):  # noqa: F811
    letter = LetterFactory(application=ApplicationFactory(granted=True))
    ciso = UserFactory(ciso=True, company=letter.application.company)
    report = FindingsReportFactory(letter=letter, filed=True, findings=[finding_data(severity="high")])
    obligations_sync()
    office = UserFactory(program_admin=True)
    for language in ("ko", "en"):
        context = _context(browser, live_server, office, language, 1280)
        page = context.new_page()
        _open(page, "/reports/")
        tools, chips = page.evaluate(BOXES, ".reports-tools > li"), page.evaluate(BOXES, ".reports-filter > li")
        assert len(tools) == 4 and _one_row_apart(tools), (language, tools)
        assert len(chips) == 6 and _one_row_apart(chips), (language, chips)

        _open(page, f"/reports/{report.pk}/")
        assert min(page.evaluate(FONT_SIZES, ".reports-finding-title")) >= 17, language
        forms = page.locator(".reports-review-form h3").all_inner_texts()
        assert len(forms) == 2 and forms[0] != forms[1], forms
        labels = page.locator(".reports-review-form label[for$=note]").all_inner_texts()
        assert len(labels) == 2 and labels[0] != labels[1], labels

        _open(page, "/reports/dashboard/")
        titles = page.locator("figcaption.reports-chart-title")
        assert titles.count() == 6 and all(titles.nth(i).is_visible() for i in range(6)), language
        assert min(page.evaluate(FONT_SIZES, ".reports-h3, .reports-chart-title")) >= 17, language
        for heading, empty in zip(page.evaluate(BOXES, ".reports-chart-grid .reports-h3"),
                                  page.evaluate(BOXES, ".reports-chart-grid .portal-empty"), strict=True):
            assert abs(empty[1] - heading[1]) <= 2, (language, heading, empty)  # "None." under its heading
        context.close()

        context = _context(browser, live_server, ciso, language, 1280)
        page = context.new_page()
        _open(page, f"/reports/{report.pk}/")
        actions = page.evaluate(BOXES, ".portal-main .portal-action-list > li")
        assert len(actions) == 2 and _apart(*actions), (language, actions)
        _open(page, f"/reports/letters/{letter.reference}/")
        table = page.evaluate(BOXES, "#obligations-title ~ .krds-table-wrap")[0]
        button = page.evaluate(BOXES, ".reports-after-table .krds-btn")[0]
        assert button[0] - table[3] >= 8, (language, table, button)
        context.close()
