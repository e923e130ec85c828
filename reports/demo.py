"""Demo data for reports: the obligations of every letter, and for each letter in force whose company
has a CISO and no report yet, an interim findings report filed by that CISO (through the service, so
it is validated and audited like a real one). Running it again changes nothing.

Letters come from the letters demo (run before this one); without any, this only says so. Only the
demo's own CISO logins (``is_demo``) file reports, and only where the settings allow demo data.
"""

import datetime as dt

from letters.models import Letter, LetterStatus
from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.common.demo_guard import require_demo_allowed
from reports.selectors import today_in_seoul
from reports.services import obligations_sync, report_submit

_FINDINGS = [
    {"category": "prompt_injection", "severity": "high",
     "description": "사내 문서 요약 기능에 업로드된 문서 속 숨은 지시문으로 AI 모델이 내부 URL 목록을 응답에 포함함.",
     "anticipated_risk": "공격자가 내부 시스템 구조를 파악해 표적 공격(스피어피싱, 내부 서비스 탐색)에 활용할 수 있음.",
     "defence": "입력 문서 정제, 도구 호출 허용목록, 응답 내 내부 주소 필터링 적용.", "status": "remediated"},
    {"category": "automated_reconnaissance", "severity": "medium",
     "description": "AI 에이전트로 외부 노출 자산을 자동 수집한 결과, 폐기 예정 테스트 서버 2대가 인터넷에 노출되어 있었음.",
     "anticipated_risk": "공격자도 같은 방법으로 패치되지 않은 서버를 빠르게 찾아 초기 침투에 사용할 수 있음.",
     "defence": "외부 노출 자산 목록의 주간 자동 대조와 미사용 서버 즉시 차단.", "status": "in_progress"},
]


def seed(stdout=None) -> None:
    require_demo_allowed("reports.demo.seed")
    created = obligations_sync()
    if stdout and created:
        stdout.write(f"  reporting obligations for {created} letter(s)")
    today = today_in_seoul()
    letters = Letter.objects.filter(status=LetterStatus.VALID, valid_from__lte=today, valid_until__gte=today,
                                    findings_reports__isnull=True).select_related("application")
    for letter in letters:
        ciso = User.objects.filter(company_id=letter.application.company_id, role=Role.CISO, is_active=True,
                                   is_demo=True).first()
        if ciso is None:
            continue
        tested_on = max(letter.valid_from, today - dt.timedelta(days=7))
        data = {"tests": [{"performed_on": tested_on.isoformat(), "tools": "Claude (Anthropic), 자체 정찰 에이전트",
                           "systems": "인터넷뱅킹 API 게이트웨이, 사내 문서 요약 서비스"}],
                "findings": _FINDINGS}
        report, _ = report_submit(letter=letter, actor=ciso, kind="interim", data=data, draft=False)
        if stdout:
            stdout.write(f"  findings report #{report.pk}: interim report under {letter.reference}")
    if stdout and not Letter.objects.exists():
        stdout.write("  no letters yet: obligations and reports appear once letters are issued")
