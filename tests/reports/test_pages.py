"""Web pages: the CISO files a report without JavaScript; the office reviews; access per role."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone, translation

from reports.models import FindingsReport
from reports.selectors import obligations_of_letter, today_in_seoul
from reports.services import obligations_sync, report_correct
from tests.factories import ApplicationFactory, FindingsReportFactory, LetterFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(company):
    return LetterFactory(application=ApplicationFactory(granted=True, company=company))


def _form(prefix_tests=1, prefix_findings=1, **fields):
    data = {
        "tests-TOTAL_FORMS": str(prefix_tests), "tests-INITIAL_FORMS": "0",
        "findings-TOTAL_FORMS": str(prefix_findings), "findings-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_ciso_writes_saves_and_files_a_report(client, login, ciso, letter):
    login(ciso)
    page = client.get(f"/reports/letters/{letter.reference}/")
    assert page.status_code == 200 and letter.reference in page.text
    new = client.get(f"/reports/letters/{letter.reference}/new/?kind=interim")
    assert new.status_code == 200 and 'name="file"' in new.text
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    draft = client.post(f"/reports/letters/{letter.reference}/new/", _form(
        kind="interim", save="1",
        **{"tests-0-performed_on": yesterday, "tests-0-tools": "Claude", "tests-0-systems": "API gateway",
           "findings-0-description": "<script>alert(1)</script> 반쯤 쓴 항목", "findings-0-status": "open"}))
    assert draft.status_code == 302
    report = FindingsReport.objects.get()
    assert report.is_draft
    detail = client.get(f"/reports/{report.pk}/")
    assert "<script>alert(1)</script>" not in detail.text and "&lt;script&gt;" in detail.text
    # Filing it incomplete shows the error on the finding's row, and changes nothing.
    edit = client.get(f"/reports/{report.pk}/edit/")
    assert edit.status_code == 200
    data = _form(1, 1, **{"tests-INITIAL_FORMS": "1", "findings-INITIAL_FORMS": "1", "file": "1",
                          "tests-0-performed_on": yesterday, "tests-0-tools": "Claude", "tests-0-systems": "API",
                          "findings-0-description": "설명", "findings-0-status": "open"})
    refused = client.post(f"/reports/{report.pk}/edit/", data)
    assert refused.status_code == 400 and "Choose the threat category" in refused.text
    report.refresh_from_db()
    assert report.is_draft
    data.update({"findings-0-category": "credential_abuse", "findings-0-severity": "high"})
    filed = client.post(f"/reports/{report.pk}/edit/", data)
    assert filed.status_code == 302
    report.refresh_from_db()
    assert report.is_filed and report.findings.get().category == "credential_abuse"
    # Filed: the edit page sends back to the report; a correction starts a new version.
    assert client.get(f"/reports/{report.pk}/edit/").status_code == 302
    correction = client.post(f"/reports/{report.pk}/correct/")
    assert correction.status_code == 302
    assert FindingsReport.objects.filter(supersedes=report, status="draft").count() == 1


def test_staff_cannot_file_from_the_page(client, login, company_staff, letter):
    login(company_staff)
    page = client.get(f"/reports/letters/{letter.reference}/new/?kind=ad_hoc")
    assert page.status_code == 200 and 'name="file"' not in page.text


def test_future_test_date_is_refused_on_the_page(client, login, ciso, letter):
    login(ciso)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(f"/reports/letters/{letter.reference}/new/", _form(
        kind="ad_hoc", file="1", **{"tests-0-performed_on": tomorrow, "tests-0-tools": "x", "tests-0-systems": "y"}))
    assert response.status_code == 400 and "future" in response.text
    assert not FindingsReport.objects.exists()


def test_other_company_gets_404(client, login, letter):
    login(UserFactory(ciso=True))
    assert client.get(f"/reports/letters/{letter.reference}/").status_code == 404
    report = FindingsReportFactory(letter=letter, filed=True)
    assert client.get(f"/reports/{report.pk}/").status_code == 404


def test_office_reviews_from_the_page(client, login, program_admin, letter, django_capture_on_commit_callbacks):
    report = FindingsReportFactory(letter=letter, filed=True)
    login(program_admin)
    page = client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200 and "Accept the report" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/{report.pk}/review/", {"decision": "accept", "note": "확인"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.review_state == "accepted"
    home = client.get("/reports/?state=accepted")
    assert home.status_code == 200 and letter.reference in home.text


def test_expired_letter_page_says_why_no_report(client, login, company):
    letter = LetterFactory(expired=True, application__company=company)
    login(UserFactory(ciso=True, company=company))
    page = client.get(f"/reports/letters/{letter.reference}/")
    assert page.status_code == 200 and "expired on" in page.text
    assert "/new/" not in page.text


@pytest.mark.parametrize(("who", "status"), [("program_admin", 200), ("auditor", 200), ("reviewer", 403),
                                             ("ciso", 403)])
def test_dashboard_access(client, login, who, status, request):
    login(request.getfixturevalue(who))
    assert client.get("/reports/dashboard/").status_code == status


@pytest.mark.parametrize(("who", "status"), [("program_admin", 200), ("auditor", 200), ("reviewer", 200),
                                             ("advisor", 200), ("ciso", 403), ("company_staff", 403)])
def test_findings_analysis_access(client, login, who, status, request):
    login(request.getfixturevalue(who))
    assert client.get("/reports/findings/").status_code == status


def test_company_home_lists_its_letters_obligations(client, login, ciso, letter):
    login(ciso)
    page = client.get("/reports/")
    assert page.status_code == 200 and letter.reference in page.text
    assert letter.obligations.count() == 2


def test_versions_are_shown_and_the_old_one_points_to_the_new(client, login, ciso, letter, program_admin):
    first = FindingsReportFactory(letter=letter, filed=True)
    second = report_correct(report=first, actor=ciso, draft=False)
    login(program_admin)
    old = client.get(f"/reports/{first.pk}/")
    assert old.status_code == 200 and "This version was corrected by version 2" in old.text
    assert "Accept the report" not in old.text  # only the newest version is reviewed
    new = client.get(f"/reports/{second.pk}/")
    assert "Accept the report" in new.text and "Versions" in new.text
    assert client.get("/reports/summary/").status_code == 200
    assert client.get(f"/reports/letters/{letter.reference}/").status_code == 200


def test_obligation_state_badges_show_their_label(client, login, ciso, program_admin, letter):
    obligations_sync()
    states = [o.state for o in obligations_of_letter(letter, today_in_seoul())]
    assert states
    for user, url in ((ciso, "/reports/"), (ciso, f"/reports/letters/{letter.reference}/"),
                      (program_admin, "/reports/"), (program_admin, f"/reports/letters/{letter.reference}/")):
        login(user)
        for lang in ("en", "ko"):
            client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
            text = client.get(url).text
            with translation.override(lang):
                for state in states:
                    assert f'reports-state-{state}">{state.label}</span>' in text, (user, url, lang)
