"""A realistic portal for the crawl: two companies with applications in every state, phases, panels,
score sheets, assessments, letters (stored bytes), obligations and findings reports, one user per role.

Company A ("한빛은행", Hanbit Bank) is the company whose CISO and staff crawl; company B ("누리증권",
Nuri Securities) has the same kinds of data, and none of its names may ever reach A's users. The
reviewer and advisor are on A's panels and on some of B's; the reviewer declared a conflict with a third
company C, whose application must stay out of their sight.

Built through the services where the portal's own writes matter (create, submit, upload, conflict,
scores, assessments, reports, acceptance) and through the factories for the states that only a
decision, a render or the passage of time would reach.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from letters.models import LetterStatus
from portal.accounts.models import User
from reports.services import obligations_ensure
from reports.services.findings import report_submit
from reports.services.review import report_accept
from screening.enums import ApplicationState as S
from screening.models import Application
from screening.services.assignments import conflict_declare
from screening.services.documents import document_upload
from screening.services.intake import application_create, application_submit
from screening.services.reviews import assessment_save, score_sheet_save
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    CompanyFactory,
    LetterFactory,
    PhaseFactory,
    StateChangeFactory,
    UserFactory,
    finding_data,
    login_verified,
    performed_test,
    uniform_scores,
)

ROLES = ("ciso", "company_staff", "reviewer", "advisor", "program_admin", "auditor", "superuser")
COMPANY_ROLES = ("ciso", "company_staff")

# States the factories build directly (the others come from the services or a letter).
FACTORY_STATES = (S.SUBMITTED, S.ELIGIBLE, S.INELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED,
                  S.SCREENED, S.APPROVED, S.REJECTED, S.WITHDRAWN)


@dataclass
class Portal:
    users: dict[str, User]
    company_a: object
    company_b: object
    # Strings of company B (and C) that a user of company A must never be shown.
    foreign_strings: frozenset[str] = field(default_factory=frozenset)
    # Text stored in the data set on purpose (user data), which may be English on Korean pages.
    data_strings: frozenset[str] = field(default_factory=frozenset)
    letters_a: list = field(default_factory=list)
    # Names of company C, with which the reviewer declared a conflict: never on their work pages.
    conflicted_strings: frozenset[str] = field(default_factory=frozenset)
    # Company A's application pages in every state, its review, panel and decision pages, a filed
    # report: where the forms are (a crawl that takes two pages of a kind may miss some).
    key_urls: list[str] = field(default_factory=list)
    foreign_urls: list[str] = field(default_factory=list)  # the same pages of company B

    def client_for(self, client, role: str):
        if role == "anonymous":
            return client
        return login_verified(client, self.users[role])


def small_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _company_world(company, ciso, staff, phase, reviewer, advisor, *, tag: str) -> dict:
    """Applications of ``company`` in every state, with panels, scores, assessments, letters and reports."""
    apps = {}
    for state in FACTORY_STATES:
        extra = {"phase": phase} if state in (S.SCHEDULED, S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED, S.SCREENED,
                                              S.APPROVED, S.REJECTED) else {}
        apps[state] = ApplicationFactory.in_state(state, company=company, created_by=ciso, **extra)
        StateChangeFactory(application=apps[state], actor=ciso, from_state=S.DRAFT, to_state=S.SUBMITTED)

    # Panels: the reviewer and advisor on the application under review (a draft score sheet) and on the
    # screened one (submitted sheet and assessment), plus a second reviewer who scored both.
    other_reviewer = UserFactory(reviewer=True, username=f"reviewer-{tag}-2")
    under_review, screened = apps[S.UNDER_REVIEW], apps[S.SCREENED]
    for application in (under_review, screened, apps[S.SUPPLEMENT_REQUESTED]):
        AssignmentFactory(application=application, expert=reviewer, stated=True)
        AssignmentFactory(application=application, expert=advisor, stated=True)
        AssignmentFactory(application=application, expert=other_reviewer, stated=True)
    score_sheet_save(application=under_review, actor=reviewer, scores=uniform_scores(4), comment="초안", draft=True)
    score_sheet_save(application=under_review, actor=other_reviewer, scores=uniform_scores(3), comment="제출")
    assessment_save(application=under_review, actor=advisor, recommendation="recommend",
                    narrative="검토 중", draft=True)
    # Scores are recorded while under review: the screened application goes back for them, then on.
    Application.objects.filter(pk=screened.pk).update(state=S.UNDER_REVIEW)
    screened = Application.objects.get(pk=screened.pk)
    score_sheet_save(application=screened, actor=reviewer, scores=uniform_scores(4), comment="충실함")
    score_sheet_save(application=screened, actor=other_reviewer, scores=uniform_scores(2), comment="미흡")
    assessment_save(application=screened, actor=advisor, recommendation="recommend_with_conditions",
                    narrative="AI 모델 검증 체계가 갖추어져 있음.", conditions="분기별 점검 결과 제출")
    Application.objects.filter(pk=screened.pk).update(state=S.SCREENED)

    # Letters: one valid with obligations and reports (a filed and accepted interim, a draft ad hoc),
    # one expired, one revoked.
    letter = LetterFactory(application=ApplicationFactory(granted=True, company=company, created_by=ciso))
    obligations_ensure(letter=letter)
    interim, _ = report_submit(letter=letter, actor=ciso, kind="interim", draft=False, data={
        "tests": [performed_test()], "findings": [finding_data(), finding_data(severity="critical",
                                                                               category="saas_data_exfiltration")]})
    report_accept(report=interim, actor=UserFactory(program_admin=True, username=f"office-{tag}"), note="확인")
    report_submit(letter=letter, actor=staff, kind="ad_hoc", draft=True,
                  data={"tests": [performed_test()], "findings": [finding_data(severity="low")]})
    expired = LetterFactory(expired=True, application__company=company, application__created_by=ciso)
    revoked = LetterFactory(revoked=True, application__company=company, application__created_by=ciso)
    for item in (expired, revoked):
        obligations_ensure(letter=item)
    apps[S.GRANTED], apps[S.EXPIRED], apps[S.REVOKED] = letter.application, expired.application, revoked.application
    assert expired.status == LetterStatus.EXPIRED  # noqa: S101
    # Last (so first in the lists): a draft filled through the service, with a document; another
    # submitted through the service (-> eligible).
    draft = application_create(actor=staff, data={
        "scope_ai_vulnerability_assessment": True, "scope_saas_security": True,
        "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
        "saas_products": [{"name": "보안관제 SaaS", "vendor": f"{tag} 클라우드"}],
        "systems_in_scope": "취약점 점검 서버 (DMZ-SEC-02)", "compensating_controls": ["isolated_environment"],
        "self_assessment": "정보보호 전담 인력 40명.",
    })
    document_upload(application=draft, actor=staff,
                    uploaded=SimpleUploadedFile("망분리 예외 구성도.pdf", small_pdf(), "application/pdf"))
    apps[S.DRAFT] = draft
    submitted = application_create(actor=ciso, data={
        "scope_ai_vulnerability_assessment": True, "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
        "systems_in_scope": "보안관제 분석망", "compensating_controls": ["isolated_environment", "egress_allowlist"],
        "self_assessment": "AI 보안 전문 인력 6명.", "attestation": True,
    })
    apps["eligible_by_service"] = application_submit(application=submitted, actor=ciso)

    key_urls = [f"/applications/{a.pk}/" for a in apps.values()]
    key_urls += [f"/applications/{a.pk}/{page}/" for a in (under_review, screened) for page in
                 ("review", "assignments", "decision")]
    key_urls += [f"/reports/{interim.pk}/", f"/reports/letters/{letter.reference}/",
                 f"/reports/{interim.pk}/edit/", f"/reports/letters/{letter.reference}/new/?kind=final",
                 f"/letters/{letter.reference}/pdf/"]
    document = draft.documents.first()
    key_urls += [f"/applications/{draft.pk}/edit/scope/", f"/applications/{draft.pk}/documents/{document.pk}/",
                 f"/applications/{draft.pk}/transitions/withdraw/"]
    return {"apps": apps, "letters": [letter, expired, revoked], "key_urls": key_urls}


def build_portal() -> Portal:
    phase = PhaseFactory(number=1, name="1차 (6-7월)")
    PhaseFactory(number=2, name="2차 (8-9월)", planned=True,
                 starts_on=timezone.localdate() + dt.timedelta(days=70),
                 ends_on=timezone.localdate() + dt.timedelta(days=130))
    PhaseFactory(number=3, name="3차 (4분기)", closed=True,
                 starts_on=timezone.localdate() - dt.timedelta(days=200),
                 ends_on=timezone.localdate() - dt.timedelta(days=100))

    company_a = CompanyFactory(name_ko="한빛은행", name_en="Hanbit Bank", ciso_name="김보안")
    company_b = CompanyFactory(name_ko="누리증권", name_en="Nuri Securities", ciso_name="이정보",
                               sector="securities")
    company_c = CompanyFactory(name_ko="다솜카드", name_en="Dasom Card", sector="card")
    CompanyFactory(name_ko="소망저축은행", name_en="Somang Savings Bank", sector="savings_bank", ineligible=True)
    for n in range(8):  # a registry long enough to have more than one row of each kind
        CompanyFactory(name_ko=f"가온금융{n}", name_en=f"Gaon Financial {n}")

    users = {
        "ciso": UserFactory(ciso=True, company=company_a, username="ciso_hanbit", first_name="보안", last_name="김"),
        "company_staff": UserFactory(staff=True, company=company_a, username="staff_hanbit"),
        "reviewer": UserFactory(reviewer=True, username="reviewer_kim"),
        "advisor": UserFactory(advisor=True, username="advisor_lee"),
        "program_admin": UserFactory(program_admin=True, username="office_park"),
        "auditor": UserFactory(auditor=True, username="auditor_choi"),
        "superuser": User.objects.create_superuser("root", "root@example.test", "Root-Password-123"),
    }
    ciso_b = UserFactory(ciso=True, company=company_b, username="ciso_nuri")
    staff_b = UserFactory(staff=True, company=company_b, username="staff_nuri")
    ciso_c = UserFactory(ciso=True, company=company_c, username="ciso_dasom")

    world_a = _company_world(company_a, users["ciso"], users["company_staff"], phase, users["reviewer"], users["advisor"],
                   tag="a")
    world_b = _company_world(company_b, ciso_b, staff_b, phase, users["reviewer"], users["advisor"], tag="b")
    # Company C: an application under review that the reviewer may never see (declared conflict).
    ApplicationFactory(under_review=True, company=company_c, created_by=ciso_c, phase=phase)
    conflict_declare(actor=users["reviewer"], company=company_c, nature="최근 3년 내 자문 계약")

    foreign = {company_b.name_ko, company_b.name_en, company_b.brn, ciso_b.username, staff_b.username,
               company_c.name_ko, company_c.name_en, company_c.brn}
    foreign |= {letter.reference for letter in world_b["letters"]}
    return Portal(users=users, company_a=company_a, company_b=company_b, foreign_strings=frozenset(foreign),
                  data_strings=frozenset({"Claude", "Anthropic"}), letters_a=world_a["letters"],
                  conflicted_strings=frozenset({company_c.name_ko, company_c.name_en}), key_urls=world_a["key_urls"],
                  foreign_urls=world_b["key_urls"])
