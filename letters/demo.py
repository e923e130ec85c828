"""Demo data of letters (idempotent): one granted application with its signed letter.

A sixth demo company (login ``ciso6``) applies, is reviewed in phase 3 by every demo expert, and the
office completes and approves it with a specific condition; the letter is then issued here, rendered
and signed with the development identity that letters' start-up step created, exactly as the worker
would (the task that the approval queued finds the letter and does nothing). Its CISO can download
the letter, anyone can check it at ``/verify/<reference>/``, and reports' demo (run next) gives it
its reporting obligations and an interim findings report.

A company that already has an application is left alone, and so is a login the demo did not create
(``is_demo``); without the signing files, or once phase 3 has closed, this part of the demo is skipped
with a message. Only where the settings allow demo data: it takes a number of the gapless sequence.
"""

from django.db import transaction

from letters.bootstrap import configured_files
from letters.services import letter_issue
from portal.accounts.demo import demo_brn
from portal.accounts.models import Company, User
from portal.common.demo_guard import require_demo_allowed
from portal.errors import PortalError
from screening.catalogues.rubric import load_rubric
from screening.demo import review_demo_application
from screening.enums import PhaseState
from screening.models import Application, Phase
from screening.services import fire_transition

_COMPANY_INDEX, _CISO_USERNAME, _CISO_NAME = 5, "ciso6", "강도윤"
_EXPERTS = ("reviewer", "reviewer2", "reviewer3", "advisor", "advisor2")
_REASON = "심사위원 평가 결과 평균 70점 이상이며 모든 평가항목이 기준을 충족함."
_CONDITIONS = "AI 모델이 생성한 취약점 점검 결과는 보안관제 책임자가 검토한 뒤에만 조치에 반영할 것."


def seed(stdout=None) -> None:

    require_demo_allowed("letters.demo.seed")
    company = Company.objects.filter(brn=demo_brn(_COMPANY_INDEX)).first()
    office = User.objects.filter(username="office", is_active=True, is_demo=True).first()
    experts = {u.username: u for u in User.objects.filter(username__in=_EXPERTS, is_active=True, is_demo=True)}
    phase = Phase.objects.filter(number=3, state=PhaseState.OPEN).first()
    if company is None or office is None or len(experts) < len(_EXPERTS):
        return
    if Application.objects.filter(company=company).exists():
        return
    if not configured_files().exist():
        _say(stdout, "  no demo letter: the signing key, certificate and CA are not all present")
        return
    if phase is None:
        _say(stdout, "  no demo letter: phase 3 is not open")
        return
    try:
        with transaction.atomic():
            application = review_demo_application(company, _CISO_USERNAME, _CISO_NAME, 0, office, experts,
                                                  phase, load_rubric().codes(), stdout)
            if application is None:
                return
            application = fire_transition(application=application, name="complete", actor=office)
            application = fire_transition(application=application, name="approve", actor=office,
                                          data={"reason": _REASON, "conditions": _CONDITIONS})
            letter = letter_issue(application_id=application.pk)
    except PortalError as error:  # e.g. run after phase 3 has ended
        _say(stdout, f"  no demo letter for {company.name_ko}: {error.message}")
        return
    _say(stdout, f"  letter {letter.reference}: {company.name_ko}, valid {letter.valid_from} to {letter.valid_until}")


def _say(stdout, text: str) -> None:
    if stdout:
        stdout.write(text)
