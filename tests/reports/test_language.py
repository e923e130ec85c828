"""The reports pages and the printable summary speak the reader's language: a Korean page is Korean
throughout (dates YYYY-MM-DD, "한국 표준시" rather than a time-zone database name), an English one English."""

import io
import re

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from letters.domain.dates import SEOUL
from reports.selectors import today_in_seoul
from tests.factories import FindingsReportFactory, LetterFactory, finding_data

pytestmark = pytest.mark.django_db

HANGUL = re.compile("[가-힣]")


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


def _pdf_text(response) -> str:
    assert response.status_code == 200
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_dashboard_date_is_in_korean_standard_time(client, login, program_admin):
    login(program_admin)
    today = today_in_seoul().isoformat()
    korean = _get(client, "/reports/dashboard/", "ko").text
    assert f"{today} 기준(한국 표준시)" in korean and "Asia/Seoul" not in korean
    english = _get(client, "/reports/dashboard/", "en").text
    assert f"As of {today} (KST)" in english and "Asia/Seoul" not in english


def test_findings_quarters_in_the_readers_language(client, login, program_admin):
    report = FindingsReportFactory(letter=LetterFactory(), filed=True, findings=[finding_data()])
    day = timezone.localtime(report.filed_at, SEOUL).date()
    year, quarter = day.year, (day.month - 1) // 3 + 1
    login(program_admin)
    korean = _get(client, "/reports/findings/", "ko").text
    assert f"{year}년 {quarter}분기" in korean and f"{year} Q{quarter}" not in korean
    english = _get(client, "/reports/findings/", "en").text
    assert f"{year} Q{quarter}" in english and "분기" not in english


def test_summary_pdf_is_in_the_readers_language(client, login, auditor):
    FindingsReportFactory(letter=LetterFactory(), filed=True, findings=[finding_data(severity="high")])
    login(auditor)
    today = today_in_seoul().isoformat()
    korean = _pdf_text(_get(client, "/reports/summary.pdf", "ko"))
    assert f"{today} 기준(한국 표준시)" in korean
    assert "As of" not in korean and "Revoked" not in korean and "Findings" not in korean
    english = _pdf_text(_get(client, "/reports/summary.pdf", "en"))
    assert f"As of {today} (KST)" in english and "Revoked" in english
    assert not HANGUL.search(english), HANGUL.findall(english)


def test_a_revoked_letter_is_철회_and_a_withdrawn_application_신청_취하(client, login, program_admin):
    LetterFactory(revoked=True)
    login(program_admin)
    dashboard = _get(client, "/reports/dashboard/", "ko").text
    assert "철회된 의견서" in dashboard and "신청 취하" in dashboard
    assert "신청 철회" not in dashboard and "취소" not in dashboard
    summary = _pdf_text(_get(client, "/reports/summary.pdf", "ko"))
    assert "철회" in summary and "신청 취하" in summary
    assert "취소" not in summary and "신청 철회" not in summary
