"""Demo applications (idempotent): a company is left alone once it has any application.

The first demo company (login ``ciso`` / ``staff``) gets a draft that still lacks its self-assessment
and attestation, to finish and submit; the second (``ciso2``) one that was withdrawn and one submitted
and found eligible, ready for the program office to schedule. Everything goes through the services,
so the history, the audit log and the mails are those of real use. Only the demo's own logins
(``is_demo``) act, and only where the settings allow demo data.

The review part: - The three phases of docs/screening.md: June-July 2026 (about 10), August-September (10-20), October-December
  (the rest). With today in late November 2026, phases 1 and 2 are closed and phase 3 is open.
- Three more eligible companies apply (a CISO login each, ``ciso3``..``ciso5``), are scheduled into
  phase 3 and reviewed by the demo experts: the first has every score and assessment in and waits for
  the office to complete and decide; the other two wait for ``reviewer`` and ``advisor`` (their queues).

Everything goes through the services, so history, audit log and mails are those of real use. A company
that already has an application, or a phase number that exists, is left alone; so is a login the demo
did not create (``is_demo``): the demo never acts as it, and skips the company whose CISO name it has.
"""

import datetime as dt

from django.db import transaction

from portal.accounts.demo import DEMO_MAIL_DOMAIN, DEMO_PASSWORD, demo_brn, warn_not_a_demo_login
from portal.accounts.enums import Role
from portal.accounts.models import Company, User
from portal.common.demo_guard import require_demo_allowed
from portal.errors import PortalError
from screening.catalogues.rubric import load_rubric
from screening.enums import PhaseState, Recommendation
from screening.models import Application, Phase
from screening.services import application_create, application_submit, fire_transition
from screening.services.assignments import assignment_create
from screening.services.reviews import assessment_save, score_sheet_save

_CONTENT = {
    "scope_ai_vulnerability_assessment": True,
    "scope_saas_security": True,
    "ai_models": [{"name": "Claude Opus", "vendor": "Anthropic"}, {"name": "GPT-5", "vendor": "OpenAI"}],
    "saas_products": [{"name": "Prisma Cloud", "vendor": "Palo Alto Networks"}],
    "systems_in_scope": (
        "보안관제 분석망(SEC-DMZ-02)의 취약점 점검 서버 12대와 모의해킹 전용 단말 6대.\n"
        "내부 업무망과는 방화벽 2중 구성으로 분리하며 원격 접속은 허용하지 않음."
    ),
    "compensating_controls": ["isolated_environment", "egress_allowlist", "data_minimisation", "activity_logging",
                              "human_approval"],
    "compensating_controls_other": "분기별 외부 전문기관 점검",
}
_SELF_ASSESSMENT = (
    "정보보호 전담 인력 52명(정보보호최고책임자 직속), AI 보안 전담 6명. ISMS-P 인증 유지, "
    "최근 3년간 중대 침해사고 없음. 생성형 AI 내부 이용 지침(2025) 시행."
)


def _company_users(username: str):
    user = User.objects.filter(username=username, is_active=True, is_demo=True).select_related("company").first()
    if user is None or user.company_id is None:
        return None
    return user


def seed(stdout=None) -> None:
    require_demo_allowed("screening.demo.seed")
    seed_phases(stdout)  # the three phases of docs/screening.md, before any application names one
    ciso = _company_users("ciso")
    staff = User.objects.filter(username="staff", role=Role.COMPANY_STAFF, is_demo=True).first()
    if ciso and not Application.objects.filter(company_id=ciso.company_id).exists():
        draft = application_create(actor=staff or ciso, data=_CONTENT)
        if stdout:
            stdout.write(f"  application #{draft.pk}: a draft of {ciso.company.name_ko} for `ciso` to finish")

    ciso2 = _company_users("ciso2")
    if ciso2 and not Application.objects.filter(company_id=ciso2.company_id).exists():
        early = application_create(actor=ciso2, data={"scope_saas_security": True})
        fire_transition(application=early, name="withdraw", actor=ciso2,
                        data={"reason": "범위를 다시 정해 새로 신청합니다."})
        filed = application_create(actor=ciso2, data={**_CONTENT, "self_assessment": _SELF_ASSESSMENT,
                                                      "attestation": True})
        filed = application_submit(application=filed, actor=ciso2)
        if stdout:
            stdout.write(f"  application #{filed.pk}: {ciso2.company.name_ko}, submitted and {filed.state}")
    seed_reviews(stdout)  # three applications under review in phase 3, for the experts' queues


# --- the review part ------------------------------------------------------------------------------


PHASES = [
    {"number": 1, "name": "1차 심사 (6–7월)", "name_en": "Phase 1 (June–July)", "starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2026, 7, 31),
     "capacity_min": 8, "capacity_max": 12, "state": PhaseState.CLOSED},
    {"number": 2, "name": "2차 심사 (8–9월)", "name_en": "Phase 2 (August–September)", "starts_on": dt.date(2026, 8, 1), "ends_on": dt.date(2026, 9, 30),
     "capacity_min": 10, "capacity_max": 20, "state": PhaseState.CLOSED},
    {"number": 3, "name": "3차 심사 (4분기)", "name_en": "Phase 3 (Q4)", "starts_on": dt.date(2026, 10, 1), "ends_on": dt.date(2026, 12, 31),
     "capacity_min": 1, "capacity_max": 30, "state": PhaseState.OPEN},
]

_REVIEW_COMPANIES = [  # (index into accounts' demo companies, CISO username, CISO name)
    (2, "ciso3", "박민준"), (3, "ciso4", "최지우"), (4, "ciso5", "정하은"),
]
_EXPERTS = ("reviewer", "reviewer2", "reviewer3", "advisor", "advisor2")


def seed_phases(stdout=None) -> None:
    require_demo_allowed("screening.demo.seed_phases")
    for row in PHASES:
        phase, created = Phase.objects.get_or_create(number=row["number"], defaults=row)
        if created and stdout:
            stdout.write(f"  phase {phase}")


def _ciso(company: Company, username: str, name: str) -> User | None:
    """The demo's CISO login ``username`` for ``company``; None when someone else has that name."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=Role.CISO, company=company, first_name=name,
                    email=f"{username}@{DEMO_MAIL_DOMAIN}", is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user if user.is_demo else None


def seed_reviews(stdout=None) -> None:
    require_demo_allowed("screening.demo.seed_reviews")
    office = User.objects.filter(username="office", is_active=True, is_demo=True).first()
    experts = {u.username: u for u in User.objects.filter(username__in=_EXPERTS, is_active=True, is_demo=True)}
    phase = Phase.objects.filter(number=3, state=PhaseState.OPEN).first()
    if office is None or phase is None or len(experts) < len(_EXPERTS):
        return
    codes = load_rubric().codes()
    for order, (index, username, name) in enumerate(_REVIEW_COMPANIES):
        company = Company.objects.filter(brn=demo_brn(index)).first()
        if company is None or Application.objects.filter(company=company).exists():
            continue
        try:
            application = review_demo_application(company, username, name, order, office, experts, phase, codes,
                                                  stdout)
        except PortalError as error:  # e.g. run after phase 3 has ended: the demo skips this part
            if stdout:
                stdout.write(f"  skipped the demo review of {company.name_ko}: {error.message}")
            continue
        if stdout and application is not None:
            stdout.write(f"  application #{application.pk}: {company.name_ko}, under review in {phase}")


def review_demo_application(company, username, name, order, office, experts, phase, codes, stdout=None):
    """One demo company applies, is scheduled into ``phase`` and reviewed; with ``order`` 0 every expert
    has finished (ready for the office to complete), otherwise some wait. Also used by letters' demo.
    None (and nothing written) when ``username`` is a login the demo did not create."""
    require_demo_allowed("screening.demo.review_demo_application")
    with transaction.atomic():
        ciso = _ciso(company, username, name)
        if ciso is None:
            warn_not_a_demo_login(stdout, username)
            return None
        application = application_create(actor=ciso, data={**_CONTENT, "self_assessment": _SELF_ASSESSMENT,
                                                           "attestation": True, "preferred_phase": phase.pk})
        application = application_submit(application=application, actor=ciso)
        if application.state != "eligible":
            return None
        application = fire_transition(application=application, name="schedule", actor=office,
                                      data={"phase": phase.pk})
        for username_ in _EXPERTS:
            assignment_create(application=application, actor=office, user=experts[username_])
        application = fire_transition(application=application, name="start_review", actor=office)
        finished = ("reviewer", "reviewer2", "reviewer3", "advisor", "advisor2") if order == 0 else (
            "reviewer2", "reviewer3", "advisor2")
        for offset, username_ in enumerate(finished):
            expert = experts[username_]
            if expert.role == Role.REVIEWER:
                # Mostly 4s and 5s, close together; on the fourth criterion the second reviewer is far
                # lower, so the decision page has one disagreement to discuss (not every criterion).
                scores = {code: 4 + (i + offset + order) % 2 for i, code in enumerate(codes)}
                if offset == 1:
                    scores[codes[3]] = 2
                score_sheet_save(application=application, actor=expert, scores=scores,
                                 comment="증빙 자료가 충실하며 관리체계가 안정적임.")
            else:
                assessment_save(application=application, actor=expert,
                                recommendation=Recommendation.RECOMMEND_WITH_CONDITIONS,
                                narrative="AI 모델 검증 절차와 데이터 보호 통제가 갖추어져 있음.",
                                conditions="반기별 AI 모델 위험 점검 결과를 금융위원회에 제출할 것.")
    return application
