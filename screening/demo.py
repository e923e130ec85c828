"""Demo applications (idempotent): a company is left alone once it has any application.

The first demo company (login ``ciso`` / ``staff``) gets a draft that still lacks its self-assessment
and attestation, to finish and submit; the second (``ciso2``) one that was withdrawn and one submitted
and found eligible, ready for the program office to schedule. Everything goes through the services,
so the history, the audit log and the mails are those of real use. Only the demo's own logins
(``is_demo``) act, and only where the settings allow demo data.
"""

from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.demo_guard import require_demo_allowed

from .models import Application
from .services import application_create, application_submit, fire_transition

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
    from .review_demo import seed_phases, seed_reviews

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
