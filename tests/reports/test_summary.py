"""The printable PDF summary: a real PDF with the Korean font embedded, figures as of the given day."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from reports.analytics.summary import program_summary
from tests.factories import FindingsReportFactory, LetterFactory, StateChangeFactory, finding_data

pytestmark = pytest.mark.django_db


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_pdf_with_korean_font(client, login, auditor):
    letter = LetterFactory()
    FindingsReportFactory(letter=letter, filed=True, findings=[finding_data(severity="critical")])
    login(auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.get("/reports/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert any("Nanum" in name for name in _fonts(pdf))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "비조치의견서" in text and letter.company_name_ko not in text  # no company named


@pytest.mark.parametrize(("query", "status"), [("?date=2026-13-40", 400), ("?date=2999-01-01", 400)])
def test_bad_dates(client, login, program_admin, query, status):
    login(program_admin)
    response = client.get(f"/reports/summary.pdf{query}")
    assert response.status_code == status and "YYYY-MM-DD" in response.text or "past" in response.text


@pytest.mark.parametrize("who", ["reviewer", "ciso"])
def test_for_the_office_and_auditors_only(client, login, who, request):
    login(request.getfixturevalue(who))
    assert client.get("/reports/summary.pdf").status_code == 403


def test_figures_as_of_a_past_day():
    today = timezone.localdate()
    before = today - dt.timedelta(days=30)
    revoked = LetterFactory(revoked=True, issued_at=timezone.now() - dt.timedelta(days=100))
    type(revoked.application).objects.filter(pk=revoked.application_id).update(
        created_at=timezone.now() - dt.timedelta(days=120))
    StateChangeFactory(application=revoked.application, from_state="approved", to_state="granted",
                       transition="grant", at=timezone.now() - dt.timedelta(days=100))
    StateChangeFactory(application=revoked.application, from_state="granted", to_state="revoked",
                       transition="revoke", at=timezone.now())
    FindingsReportFactory(letter=revoked, filed=True, filed_at=timezone.now() - dt.timedelta(days=60))
    then = program_summary(before)
    assert then.letters == {"issued": 1, "in_force": 1, "expired": 0, "revoked": 0}
    assert dict(then.by_state)["Granted"] == 1 and dict(then.by_state)["Revoked"] == 0
    assert then.findings == 1
    now = program_summary(today)
    assert now.letters["revoked"] == 1 and now.letters["in_force"] == 0
    assert dict(now.by_state)["Revoked"] == 1
    assert program_summary(today - dt.timedelta(days=200)).letters["issued"] == 0
