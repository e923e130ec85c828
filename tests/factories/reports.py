"""Factories for reports: findings reports with their tests and findings, and a whole program in bulk.

``FindingsReportFactory(letter=...)`` is a draft interim report with one test and one finding;
``filed=True`` files it. ``bulk_program(n)`` builds n granted letters (from stored stand-in bytes, like
``LetterFactory``, but with bulk inserts and without writing files, which the dashboards never read)
with their applications, score sheets, obligations and a filed report each, in a few dozen queries,
for the query-count tests and the benchmark.
"""

import datetime as dt
import itertools

import factory
from django.db import transaction
from django.utils import timezone

from letters.conditions import CURRENT_VERSION
from letters.domain.dates import seoul_date, valid_until
from letters.models import Letter, LetterStatus, ReferenceCounter, format_reference
from letters.pdf.files import letter_pdf_name, sha256_hex
from portal.accounts.enums import Role, Sector
from portal.accounts.models import Company, User
from reports.catalogues.taxonomy import CURRENT_TAXONOMY_VERSION, load_taxonomy
from reports.enums import FindingStatus, ReportKind, ReportStatus, ReviewState, Severity
from reports.models import Finding, FindingsReport, Obligation, VulnerabilityTest
from reports.services import obligations_ensure, obligations_sync
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric
from screening.enums import ApplicationState as S
from screening.models import Application, Assignment, ScoreSheet

from .accounts import _brn
from .letters import LetterFactory, stored_pdf_bytes


def finding_data(**overrides) -> dict:
    values = {
        "category": "prompt_injection", "severity": "high",
        "description": "업무 문서 요약 기능에 숨겨진 지시문으로 내부 URL 목록이 노출됨.",
        "anticipated_risk": "공격자가 내부 시스템 구조를 파악해 표적 공격에 활용할 수 있음.",
        "defence": "입력 정제, 도구 호출 허용목록, 응답 필터 적용.",
        "status": "in_progress",
    }
    values.update(overrides)
    return values


def performed_test(**overrides) -> dict:
    values = {"performed_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
              "tools": "Claude (Anthropic), 자체 퍼징 도구", "systems": "인터넷뱅킹 API 게이트웨이 (DMZ-SEC-02)"}
    values.update(overrides)
    return values


def report_body(kind: str = "interim", *, findings: int = 1, draft: bool | None = None, **overrides) -> dict:
    body = {"kind": kind, "tests": [performed_test()], "findings": [finding_data() for _ in range(findings)]}
    if draft is not None:
        body["draft"] = draft
    body.update(overrides)
    return body


class FindingsReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FindingsReport
        skip_postgeneration_save = True

    letter = factory.SubFactory(LetterFactory)
    kind = ReportKind.INTERIM
    version = 1
    status = ReportStatus.DRAFT
    taxonomy_version = CURRENT_TAXONOMY_VERSION
    created_by = factory.LazyAttribute(
        lambda o: User.objects.filter(company_id=o.letter.application.company_id).first()
        or o.letter.application.created_by)

    class Params:
        filed = factory.Trait(status=ReportStatus.FILED, filed_at=factory.LazyFunction(timezone.now),
                              filed_by=factory.SelfAttribute("created_by"))
        accepted = factory.Trait(filed=True, review_state=ReviewState.ACCEPTED,
                                 reviewed_at=factory.LazyFunction(timezone.now))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        letter, kind = kwargs["letter"], kwargs["kind"]
        if kind != ReportKind.AD_HOC and "obligation" not in kwargs:
            obligations_ensure(letter=letter)
            kwargs["obligation"] = Obligation.objects.get(letter=letter, kind=kind)
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def tests(obj, create, extracted, **kwargs):
        for i, data in enumerate(extracted if extracted is not None else [performed_test()]):
            VulnerabilityTest.objects.create(report=obj, position=i, performed_on=dt.date.fromisoformat(
                str(data["performed_on"])), tools=data["tools"], systems=data["systems"])

    @factory.post_generation
    def findings(obj, create, extracted, **kwargs):
        for i, data in enumerate(extracted if extracted is not None else [finding_data()]):
            Finding.objects.create(report=obj, position=i, **data)


# --- a whole program in bulk -------------------------------------------------------------------------
SECTORS = [Sector.BANK, Sector.INSURANCE, Sector.SECURITIES, Sector.CARD, Sector.FINTECH]
SEVERITIES = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]
_counter = itertools.count(1)


def bulk_program(n: int, *, issued_at: dt.datetime | None = None, findings_per_report: int = 2,
                 revoked_every: int = 10) -> list[Letter]:
    """n companies, each with a granted application scored by three reviewers, a letter (every
    ``revoked_every``-th revoked), its obligations and a filed interim report with findings."""
    issued_at = issued_at or timezone.now() - dt.timedelta(days=200)
    valid_from = seoul_date(issued_at)
    batch = next(_counter)
    rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    codes = load_taxonomy().codes()
    with transaction.atomic():
        companies = Company.objects.bulk_create([
            Company(name_ko=f"대량금융{batch}-{i}", name_en=f"Bulk Financial {batch}-{i}", brn=_brn(100_000 * batch + i),
                    sector=SECTORS[i % len(SECTORS)], total_assets_krw=20 * 10**12,
                    assets_as_of=dt.date(2025, 12, 31), regular_staff=2_000, efta_covered=True, ciso_appointed=True,
                    ciso_name="홍길동")
            for i in range(n)
        ])
        staff = User.objects.create(username=f"bulk-staff-{batch}", role=Role.COMPANY_STAFF, company=companies[0])
        reviewers = [User.objects.create(username=f"bulk-reviewer-{batch}-{k}", role=Role.REVIEWER) for k in range(3)]
        revoked = [revoked_every and i % revoked_every == revoked_every - 1 for i in range(n)]
        applications = Application.objects.bulk_create([
            Application(company=company, created_by=staff, state=S.REVOKED if revoked[i] else S.GRANTED,
                        scope_ai_vulnerability_assessment=True, attestation=True, submitted_at=issued_at,
                        eligibility_snapshot={"eligible": True, "ruleset": "2026-05", "criteria": []},
                        rubric_version=CURRENT_RUBRIC_VERSION, decided_at=issued_at, granted_at=issued_at,
                        revoked_at=timezone.now() if revoked[i] else None)
            for i, company in enumerate(companies)
        ])
        assignments = Assignment.objects.bulk_create([
            Assignment(application=application, expert=reviewer, kind="reviewer", due_on=valid_from)
            for application in applications for reviewer in reviewers
        ])
        ScoreSheet.objects.bulk_create([
            ScoreSheet(assignment=assignment, rubric_version=rubric.version, submitted_at=issued_at,
                       scores={code: 1 + (j + k) % 5 for k, code in enumerate(rubric.codes())})
            for j, assignment in enumerate(assignments)
        ])
        year = valid_from.year
        ReferenceCounter.objects.get_or_create(year=year)
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        first = counter.last_number + 1
        counter.last_number += n
        counter.save()
        letters = []
        for i, (application, company) in enumerate(zip(applications, companies, strict=True)):
            reference = format_reference(year, first + i)
            sha = sha256_hex(stored_pdf_bytes(reference))
            letters.append(Letter(
                application=application, reference=reference, year=year, number=first + i,
                company_name_ko=company.name_ko, company_name_en=company.name_en, issued_at=issued_at,
                valid_from=valid_from, valid_until=valid_until(valid_from), conditions_version=CURRENT_VERSION,
                pdf_name=letter_pdf_name(year=year, reference=reference, sha256=sha), pdf_size=100, sha256=sha,
                status=LetterStatus.REVOKED if revoked[i] else LetterStatus.VALID,
                revoked_at=timezone.now() if revoked[i] else None,
            ))
        letters = Letter.objects.bulk_create(letters)
    obligations_sync()
    interim = dict(Obligation.objects.filter(letter__in=letters, kind="interim").values_list("letter_id", "id"))
    filed_at = timezone.now() - dt.timedelta(days=20)
    reports = FindingsReport.objects.bulk_create([
        FindingsReport(letter=letter, obligation_id=interim[letter.pk], kind=ReportKind.INTERIM,
                       status=ReportStatus.FILED, taxonomy_version=CURRENT_TAXONOMY_VERSION, created_by=staff,
                       filed_by=staff, filed_at=filed_at - dt.timedelta(days=i % 90),
                       review_state=ReviewState.ACCEPTED if i % 3 == 0 else ReviewState.PENDING)
        for i, letter in enumerate(letters)
    ])
    VulnerabilityTest.objects.bulk_create([
        VulnerabilityTest(report=report, performed_on=valid_from, tools="Claude", systems="API gateway")
        for report in reports
    ])
    Finding.objects.bulk_create([
        Finding(report=report, position=k, category=codes[(i + k) % len(codes)],
                severity=SEVERITIES[(i + k) % len(SEVERITIES)], description=f"발견 사항 {i}-{k}",
                anticipated_risk="공격에 악용될 경우 내부 정보 노출", defence="허용목록 적용",
                status=FindingStatus.OPEN)
        for i, report in enumerate(reports) for k in range(findings_per_report)
    ])
    return letters
