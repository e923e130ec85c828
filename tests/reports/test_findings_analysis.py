"""The findings analysis: what it counts, anonymisation per role, and a thousand letters (its query count:
tests/test_query_counts.py)."""

import pytest

from reports.analytics.findings import Filters, company_label, findings_analysis
from tests.factories import (
    CompanyFactory,
    FindingsReportFactory,
    LetterFactory,
    bulk_program,
    finding_data,
    performed_test,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_companies():
    bank = LetterFactory(application__company=CompanyFactory(name_ko="가온은행", sector="bank"))
    card = LetterFactory(application__company=CompanyFactory(name_ko="나래카드", sector="card"))
    FindingsReportFactory(letter=bank, filed=True, findings=[
        finding_data(category="prompt_injection", severity="critical", description="은행 치명적 발견"),
        finding_data(category="credential_abuse", severity="low")])
    old = FindingsReportFactory(letter=card, kind="ad_hoc", filed=True, findings=[
        finding_data(category="prompt_injection", severity="high", description="카드 옛 버전")])
    # A filed correction replaces the old version; a draft does not count at all.
    FindingsReportFactory(letter=card, kind="ad_hoc", filed=True, version=2, supersedes=old, findings=[
        finding_data(category="saas_data_exfiltration", severity="high", description="카드 새 버전")])
    FindingsReportFactory(letter=card, kind="final", findings=[finding_data(severity="critical")])
    return bank, card


def test_counts_current_filed_versions_only(two_companies, program_admin):
    analysis = findings_analysis(viewer=program_admin)
    assert (analysis.findings, analysis.reports, analysis.companies) == (3, 2, 2)
    by_category = dict(analysis.by_category)
    assert by_category["Prompt injection"] == [0, 0, 0, 1]  # low, medium, high, critical
    assert by_category["Data exfiltration through SaaS"] == [0, 0, 1, 0]
    assert analysis.sector_labels == ["Bank", "Card"]
    assert [f.description for f in analysis.severe] == ["은행 치명적 발견", "카드 새 버전", analysis.severe[2].description]
    assert sum(sum(values) for _, values in analysis.by_quarter) == 3


def test_program_office_sees_names(two_companies, program_admin, superuser):
    for viewer in (program_admin, superuser):
        analysis = findings_analysis(viewer=viewer)
        assert analysis.named
        assert {f.company for f in analysis.severe} == {"가온은행", "나래카드"}
        assert all(f.reference.startswith("FSC-NAL-") for f in analysis.severe)


@pytest.mark.parametrize("role", ["auditor", "reviewer", "advisor"])
def test_other_regulators_see_labels(two_companies, role, request, client, login):
    viewer = request.getfixturevalue(role)
    analysis = findings_analysis(viewer=viewer)
    assert not analysis.named
    assert [f.company for f in analysis.severe] == ["Company A", "Company B", "Company A"]
    assert all(f.reference == "" for f in analysis.severe)
    login(viewer)
    page = client.get("/reports/findings/")
    assert page.status_code == 200
    for name in ("가온은행", "나래카드", two_companies[0].reference, two_companies[1].reference):
        assert name not in page.text
    assert "Company A" in page.text


def test_filters(two_companies, program_admin, client, login):
    assert findings_analysis(viewer=program_admin, filters=Filters(sector="card")).findings == 1
    assert findings_analysis(viewer=program_admin, filters=Filters(category="prompt_injection")).findings == 1
    login(program_admin)
    page = client.get("/reports/findings/?sector=moon&since=yesterday")
    assert page.status_code == 200 and "was ignored" in page.text


def test_labels():
    assert [company_label(i) for i in (0, 1, 25, 26, 27)] == [
        "Company A", "Company B", "Company Z", "Company AA", "Company AB"]


def test_narratives_are_escaped(program_admin, client, login):
    letter = LetterFactory()
    FindingsReportFactory(letter=letter, filed=True, tests=[performed_test()], findings=[
        finding_data(severity="critical", description="<img src=x onerror=alert(1)>")])
    login(program_admin)
    page = client.get("/reports/findings/")
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


def test_the_analysis_of_a_thousand_letters(client, login, auditor):
    bulk_program(1000)
    login(auditor)
    page = client.get("/reports/findings/")
    assert page.status_code == 200
    analysis = findings_analysis(viewer=auditor)
    assert analysis.findings == 2000 and analysis.companies == 1000
    assert "Company L" in page.text  # 12 most severe findings, 12 companies
