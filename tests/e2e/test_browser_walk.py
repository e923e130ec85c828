"""The whole program in a real browser: headless Chromium (Debian's package) driven by Playwright,
against the portal served by a live server thread on a real PostgreSQL database.

A CISO logs in, starts an application and fills every section through the web forms, attests and
submits; the program office (with its second factor) schedules it into a phase, assigns a reviewer and
starts the review; the reviewer (with theirs) states no conflict and scores; the office completes and
approves; the letter is issued (the Celery task runs eagerly, in the server); the CISO downloads it,
and the bytes are the stored letter (a PDF whose SHA-256 is the letter's).

Every page of the walk is photographed (tests/artifacts/walk/, not committed) and checked by axe-core,
which is served from the portal's own static files (so the page's Content-Security-Policy stays on):
no serious or critical accessibility violation anywhere. Setting up the people and the phase is not
part of the walk and uses factories.
"""

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.utils import timezone
from playwright.sync_api import sync_playwright

from letters.models import Letter
from screening.enums import ApplicationState
from screening.models import Application
from tests.factories import CompanyFactory, PhaseFactory, UserFactory, totp_code, totp_device
from tests.factories.accounts import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE = Path(django_settings.BASE_DIR) / "portal" / "static" / "vendor" / "axe" / "axe.min.js"
ARTIFACTS = Path(django_settings.BASE_DIR) / "tests" / "artifacts" / "walk"
TIMEOUT_MS = 20_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]

AXE_SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM calls are
    # still synchronous and sequential, which is what this flag allows.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # While that loop runs, Django keeps this thread's database connection per context (asgiref's
        # thread-critical Local), so the test body had a connection of its own: close it, or it would
        # outlive the test and keep the test database from being dropped.
        connections.close_all()


class Walk:
    """One browser context per person; every page of the walk is photographed and checked by axe."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.step = 0
        self.violations: dict[str, list] = {}
        self.signed_in: set[str] = set()
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
        ARTIFACTS.mkdir(parents=True)

    def person(self):
        context = self.browser.new_context(base_url=self.base_url, locale="ko-KR", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        return page

    def check(self, page, name: str, *, axe: bool = True) -> None:
        self.step += 1
        label = f"{self.step:02d}-{name}"
        page.screenshot(path=str(ARTIFACTS / f"{label}.jpeg"), full_page=True, type="jpeg", quality=70)
        if not axe:
            return
        page.add_script_tag(url="/static/vendor/axe/axe.min.js")
        found = page.evaluate(AXE_SERIOUS)
        if found:
            self.violations[f"{label} {page.url}"] = found

    def log_in(self, page, user, *, device=None) -> None:
        # The sign-in pages are the same for everyone: axe reads them the first time.
        first = not self.signed_in
        self.signed_in.add(user.username)
        page.goto("/login/")
        self.check(page, f"login-{user.username}", axe=first)
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("main form[action='/login/'] button[type=submit]")
        if device is not None:
            page.wait_for_url(re.compile(r"/mfa/verify/"))
            self.check(page, f"second-factor-{user.username}", axe=len(self.signed_in) == 2)
            page.fill("#id_code", totp_code(device))
            page.click("main form[action='/mfa/verify/'] button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url and "/mfa/" not in url)


def _submit(page, form_selector: str = "main form.portal-form", button: str = "button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(f"{form_selector} {button}")


def test_ciso_to_letter_in_a_browser(live_server, browser, letters_in_process):
    assert AXE.exists(), f"{AXE} is missing: `make test` vendors the axe-core devDependency there"
    company = CompanyFactory()
    ciso = UserFactory(ciso=True, company=company, username="ciso_walk")
    office = UserFactory(program_admin=True, username="office_walk")
    reviewer = UserFactory(reviewer=True, username="reviewer_walk")
    office_device, reviewer_device = totp_device(office), totp_device(reviewer)
    phase = PhaseFactory(number=1, name="1차")
    walk = Walk(browser, live_server.url)

    # --- the CISO fills in and submits an application ---------------------------------------------
    cp = walk.person()
    walk.log_in(cp, ciso)
    walk.check(cp, "ciso-home")
    cp.goto("/applications/")
    walk.check(cp, "ciso-applications")
    _submit(cp, "main form[action='/applications/new/']")
    application = Application.objects.get(company=company)
    detail = f"/applications/{application.pk}/"
    assert cp.url.endswith(detail)
    walk.check(cp, "ciso-new-application")

    cp.goto(f"{detail}edit/scope/")
    # KRDS draws its own check boxes over the native ones: people click the label.
    cp.click("label[for=id_scope_ai_vulnerability_assessment]")
    cp.fill("#id_ai-0-name", "Claude Opus")
    cp.fill("#id_ai-0-vendor", "Anthropic")
    walk.check(cp, "ciso-scope")
    _submit(cp)
    cp.goto(f"{detail}edit/systems/")
    cp.fill("#id_systems_in_scope", "보안관제 분석망 (DMZ-SEC-02), 취약점 점검 서버 10대")
    walk.check(cp, "ciso-systems")
    _submit(cp)
    cp.goto(f"{detail}edit/controls/")
    cp.click("label[for=id_compensating_controls_0]")
    cp.click("label[for=id_compensating_controls_1]")
    walk.check(cp, "ciso-controls")
    _submit(cp)
    cp.goto(f"{detail}edit/self_assessment/")
    cp.fill("#id_self_assessment", "정보보호 전담 인력 45명, AI 보안 전문 인력 6명.")
    _submit(cp)
    cp.goto(f"{detail}edit/attestation/")
    cp.click("label[for=id_attestation]")
    walk.check(cp, "ciso-attestation")
    _submit(cp)
    walk.check(cp, "ciso-complete-draft")
    _submit(cp, f"main form[action='{detail}transitions/submit/']")
    application.refresh_from_db()
    assert application.state == ApplicationState.ELIGIBLE
    walk.check(cp, "ciso-submitted")

    # --- the program office schedules, assigns a reviewer and starts the review -------------------
    op = walk.person()
    walk.log_in(op, office, device=office_device)
    walk.check(op, "office-home")
    op.goto(detail)
    walk.check(op, "office-application")
    op.click(f"main a[href='{detail}transitions/schedule/']")
    op.select_option("#id_phase", str(phase.pk))
    walk.check(op, "office-schedule")
    _submit(op)
    op.goto("/screening/board/")
    walk.check(op, "office-board")
    op.click(f"main a[href='{detail}assignments/']")
    op.select_option("#id_user", str(reviewer.pk))
    walk.check(op, "office-panel")
    _submit(op)
    walk.check(op, "office-panel-assigned")
    op.goto(detail)
    _submit(op, f"main form[action='{detail}transitions/start_review/']")
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    walk.check(op, "office-review-started")

    # --- the reviewer states no conflict and scores -------------------------------------------------
    rp = walk.person()
    walk.log_in(rp, reviewer, device=reviewer_device)
    rp.goto("/screening/queue/")
    walk.check(rp, "reviewer-queue")
    rp.click(f"main a[href='{detail}review/']")
    walk.check(rp, "reviewer-statement")
    _submit(rp, f"main form[action='{detail}review/no-conflict/']")
    for group in rp.locator("main .review-criterion").all():
        group.locator("input[type=radio][value='4'] + label").click()
    rp.fill("#id_comment", "통제 설계가 충실하고 AI 보안 운영 역량이 확인됨.")
    walk.check(rp, "reviewer-score-sheet")
    _submit(rp, "main form.review-score-form", "button[name=submit]")
    walk.check(rp, "reviewer-scores-submitted")

    # --- the office completes and approves; the letter is issued ------------------------------------
    op.goto(f"{detail}decision/")
    walk.check(op, "office-decision")
    _submit(op, "main form.portal-form", "button[name=complete]")
    application.refresh_from_db()
    assert application.state == ApplicationState.SCREENED
    op.fill("#id_reason", "보안 관리 체계와 AI 역량이 요건을 충족함.")
    walk.check(op, "office-approve")
    _submit(op, "main form.portal-form", "button[name=approve]")
    walk.check(op, "office-approved")
    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    letter = Letter.objects.get(application=application)
    assert letter.valid_from == timezone.localdate()

    # --- the CISO downloads the letter ------------------------------------------------------------------
    cp.goto(detail)
    walk.check(cp, "ciso-granted")
    cp.locator("header a[href='/letters/']:visible").first.click()  # the main menu
    walk.check(cp, "ciso-letters")
    with cp.expect_download() as download:
        cp.click(f"main a[href='/letters/{letter.reference}/pdf/']")
    assert download.value.suggested_filename == f"{letter.reference}.pdf"
    saved = ARTIFACTS / f"{letter.reference}.pdf"
    download.value.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == letter.sha256

    assert walk.violations == {}, "axe-core found serious or critical violations:\n" + "\n".join(
        f"{page}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
        for page, found in walk.violations.items() for v in found
    )
    assert os.listdir(ARTIFACTS)
