"""A whole portal for the tests that need one: the QA crawl, the API proof, the query-count test and the
load benchmark.

``build_world(size)`` makes, for ``size`` = N:

* three phases (open, planned, closed), the program office, an auditor and a superuser;
* N reviewers and N advisors, each on every panel;
* N eligible companies, each with its CISO and staff and N applications in every state: drafts the
  staff filled through the service with N documents each, applications the CISO submitted through
  the service (so found eligible), and the others made by the factories with their path recorded in
  the history (the supplement asked for N times); panels on those under review, back for a
  supplement and screened, with score sheets and assessments (drafts of the first expert while under
  review); N times three letters from stored bytes (in force, expired, revoked) with their
  obligations, and under each letter in force an accepted interim report and N ad-hoc reports (the
  last a draft of the staff);
* N ineligible companies (the registry's other kind);
* N companies with which the first reviewer declared a conflict, each with an application under
  review that the reviewer must never see.

So every list the portal shows holds N rows or a multiple of N, which is what the query-count test
compares. Callers with another shape start from ``World.begin()`` and add what they need:
``add_reviewer``, ``add_advisor``, ``add_company(states=..., panel=..., copies=...)``,
``add_ineligible_company``, ``add_conflicted_company``.

The writes people make (filling and submitting an application, uploading, scoring, declaring a
conflict, filing and accepting reports) go through the services, so the history and the audit log hold
what the portal itself writes; states that only a decision, a rendering or time would reach come from
the factories' traits. Inside a test nothing is committed, so no mail is sent; a caller outside a test
(the benchmark) sends the services' mail wherever its settings say. Letters are never rendered.
One world per database transaction: the usernames are fixed ("office", "ciso-001", ...).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token

from letters.models import Letter
from portal.accounts.models import Company, User
from reports.models import FindingsReport
from reports.services import obligations_ensure, report_accept, report_submit
from screening.enums import ApplicationState as S
from screening.models import Application, Phase, StateChange
from screening.services import application_create, application_submit, document_upload
from screening.services.assignments import conflict_declare
from screening.services.reviews import assessment_save, score_sheet_save
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    CompanyFactory,
    LetterFactory,
    PhaseFactory,
    UserFactory,
    finding_data,
    login_verified,
    performed_test,
    uniform_scores,
)
from tests.screening.helpers import pdf_bytes

EVERY_STATE = tuple(S)
ROLES = ("ciso", "company_staff", "reviewer", "advisor", "program_admin", "auditor", "superuser")
COMPANY_ROLES = ("ciso", "company_staff")
# Where an application has a panel.
PANEL_STATES = (S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED, S.SCREENED)
LETTER_STATES = (S.GRANTED, S.EXPIRED, S.REVOKED)
# Applications in these states were scheduled: into the open phase (so the world has three phases).
PHASED_STATES = (S.SCHEDULED, *PANEL_STATES, S.APPROVED, S.REJECTED, *LETTER_STATES)

# How an application reached each state: (transition, from, to, who fired it). "ciso", "office" and
# "reviewer" are people of the world; None is the portal itself.
_SUBMITTED = [("submit", S.DRAFT, S.SUBMITTED, "ciso")]
_ELIGIBLE = [*_SUBMITTED, ("mark_eligible", S.SUBMITTED, S.ELIGIBLE, None)]
_SCHEDULED = [*_ELIGIBLE, ("schedule", S.ELIGIBLE, S.SCHEDULED, "office")]
_UNDER_REVIEW = [*_SCHEDULED, ("start_review", S.SCHEDULED, S.UNDER_REVIEW, "office")]
_SUPPLEMENT = [("request_supplement", S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED, "reviewer")]
_RESPONDED = [*_SUPPLEMENT, ("respond", S.SUPPLEMENT_REQUESTED, S.UNDER_REVIEW, "ciso")]
_SCREENED = [*_UNDER_REVIEW, ("complete", S.UNDER_REVIEW, S.SCREENED, "office")]
_APPROVED = [*_SCREENED, ("approve", S.SCREENED, S.APPROVED, "office")]
_GRANTED = [*_APPROVED, ("grant", S.APPROVED, S.GRANTED, None)]
PATHS = {
    S.SUBMITTED: _SUBMITTED,
    S.ELIGIBLE: _ELIGIBLE,
    S.INELIGIBLE: [*_SUBMITTED, ("mark_ineligible", S.SUBMITTED, S.INELIGIBLE, None)],
    S.SCHEDULED: _SCHEDULED,
    S.UNDER_REVIEW: _UNDER_REVIEW,
    S.SCREENED: _SCREENED,
    S.APPROVED: _APPROVED,
    S.REJECTED: [*_SCREENED, ("reject", S.SCREENED, S.REJECTED, "office")],
    S.GRANTED: _GRANTED,
    S.EXPIRED: [*_GRANTED, ("expire", S.GRANTED, S.EXPIRED, None)],
    S.REVOKED: [*_GRANTED, ("revoke", S.GRANTED, S.REVOKED, "office")],
    S.WITHDRAWN: [*_ELIGIBLE, ("withdraw", S.ELIGIBLE, S.WITHDRAWN, "ciso")],
}


def supplement_path(rounds: int) -> list:
    """Under review, then a supplement asked for ``rounds`` times (answered each time but the last)."""
    return [*_UNDER_REVIEW, *(_RESPONDED * (rounds - 1)), *_SUPPLEMENT]


@dataclass
class CompanyWorld:
    """One company and everything it has: its people, its applications, letters and reports."""

    company: Company
    ciso: User
    staff: User
    every_application: list[Application] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)  # valid, expired, revoked, valid, ...
    reports: list[FindingsReport] = field(default_factory=list)  # under the first letter in force

    @property
    def applications(self) -> dict[str, Application]:
        """The first application in each state."""
        first = {}
        for application in self.every_application:
            first.setdefault(application.state, application)
        return first

    @property
    def letter(self) -> Letter:
        """The first letter in force."""
        return self.letters[0]


@dataclass
class World:
    size: int
    phases: list[Phase]  # open, planned, closed
    office: User
    auditor: User
    superuser: User
    reviewers: list[User] = field(default_factory=list)
    advisors: list[User] = field(default_factory=list)
    companies: list[CompanyWorld] = field(default_factory=list)
    ineligible: list[Company] = field(default_factory=list)
    conflicted: list[CompanyWorld] = field(default_factory=list)
    _people: int = 0

    # --- what there is ---------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        """The open phase, where every scheduled application is."""
        return self.phases[0]

    @property
    def users(self) -> dict[str, User]:
        """One user per role: the first company's CISO and staff, the first reviewer and advisor."""
        users = {"program_admin": self.office, "auditor": self.auditor, "superuser": self.superuser}
        if self.companies:
            users.update(ciso=self.companies[0].ciso, company_staff=self.companies[0].staff)
        if self.reviewers:
            users["reviewer"] = self.reviewers[0]
        if self.advisors:
            users["advisor"] = self.advisors[0]
        return users

    def token(self, who: str | User) -> str:
        """The API token of a role (as in ``users``) or of a user."""
        user = self.users[who] if isinstance(who, str) else who
        return Token.objects.get_or_create(user=user)[0].key

    def client_for(self, client, role: str):
        """``client`` signed in as ``role`` with the second factor given; as it is for "anonymous"."""
        return client if role == "anonymous" else login_verified(client, self.users[role])

    # --- building it -------------------------------------------------------------------------------------
    @classmethod
    def begin(cls, size: int = 1) -> "World":
        """The phases and the regulator's standing people; ``size`` is how many of each repeated row
        (applications per state, documents, ad-hoc reports, supplement rounds) a company added later gets."""
        today = timezone.localdate()
        phases = [
            PhaseFactory(number=1, name="1차 (6-7월)"),
            PhaseFactory(number=2, name="2차 (8-9월)", planned=True, starts_on=today + dt.timedelta(days=70),
                         ends_on=today + dt.timedelta(days=130)),
            PhaseFactory(number=3, name="3차 (4분기)", closed=True, starts_on=today - dt.timedelta(days=200),
                         ends_on=today - dt.timedelta(days=100)),
        ]
        return cls(size=size, phases=phases, office=UserFactory(program_admin=True, username="office"),
                   auditor=UserFactory(auditor=True, username="auditor"),
                   superuser=User.objects.create_superuser("superuser", "superuser@example.test",
                                                           "Root-Password-123"))

    def _username(self, role: str) -> str:
        self._people += 1
        return f"{role}-{self._people:03d}"  # never a prefix of another world user's name

    def add_reviewer(self) -> User:
        self.reviewers.append(UserFactory(reviewer=True, username=self._username("reviewer")))
        return self.reviewers[-1]

    def add_advisor(self) -> User:
        self.advisors.append(UserFactory(advisor=True, username=self._username("advisor")))
        return self.advisors[-1]

    def _people_of(self, **details) -> CompanyWorld:
        company = CompanyFactory(**details)
        return CompanyWorld(company=company, ciso=UserFactory(ciso=True, company=company, username=self._username("ciso")),
                            staff=UserFactory(staff=True, company=company, username=self._username("staff")))

    def add_company(self, *, states=EVERY_STATE, panel: list[User] | None = None, copies: int | None = None,
                    **details) -> CompanyWorld:
        """An eligible company (``details`` go to CompanyFactory) with ``copies`` (the world's size
        unless given) applications in each of ``states``; ``panel`` (every expert of the world unless
        given) sits on those under review, back for a supplement and screened. A letter state brings
        three letters per copy: in force, expired and revoked."""
        world = self._people_of(**details)
        panel = [*self.reviewers, *self.advisors] if panel is None else panel
        for _ in range(self.size if copies is None else copies):
            for state in states:
                if state not in (S.DRAFT, S.ELIGIBLE, *LETTER_STATES):
                    application = self._from_factory(world, state)
                    if state in PANEL_STATES:
                        self._panel(application, panel)
            if any(state in states for state in LETTER_STATES):
                self._letters(world)
        # Last, so first in the lists: what the company's people did through the services.
        for _ in range(self.size if copies is None else copies):
            if S.DRAFT in states:
                self._draft(world)
            if S.ELIGIBLE in states:
                self._submitted(world)
        self.companies.append(world)
        return world

    def add_ineligible_company(self) -> Company:
        self.ineligible.append(CompanyFactory(ineligible=True))
        return self.ineligible[-1]

    def add_conflicted_company(self, expert: User | None = None) -> CompanyWorld:
        """A company with an application under review, with which ``expert`` (the first reviewer)
        declared a conflict of interest."""
        world = self._people_of()
        self._from_factory(world, S.UNDER_REVIEW)
        conflict_declare(actor=expert or self.reviewers[0], company=world.company, nature="최근 3년 내 자문 계약")
        self.conflicted.append(world)
        return world

    # --- the parts -----------------------------------------------------------------------------------
    def _history(self, world: CompanyWorld, application: Application, path: list) -> None:
        """The state changes of ``path``, an hour apart, ending now."""
        people = {"ciso": world.ciso, "office": self.office, "reviewer": self.reviewers[0] if self.reviewers else None,
                  None: None}
        start = timezone.now() - dt.timedelta(hours=len(path))
        StateChange.objects.bulk_create([
            StateChange(application=application, transition=transition, from_state=from_state, to_state=to_state,
                        actor=people[who], at=start + dt.timedelta(hours=step))
            for step, (transition, from_state, to_state, who) in enumerate(path)
        ])

    def _from_factory(self, world: CompanyWorld, state: str, **extra) -> Application:
        if state in PHASED_STATES:
            extra.setdefault("phase", self.phase)
        application = ApplicationFactory.in_state(state, company=world.company, created_by=world.ciso, **extra)
        path = supplement_path(self.size) if state == S.SUPPLEMENT_REQUESTED else PATHS.get(state, [])
        self._history(world, application, path)
        world.every_application.append(application)
        return application

    def _draft(self, world: CompanyWorld) -> Application:
        """A draft the staff filled in and attached ``size`` documents to."""
        draft = application_create(actor=world.staff, data={
            "scope_ai_vulnerability_assessment": True, "scope_saas_security": True,
            "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
            "saas_products": [{"name": "보안관제 SaaS", "vendor": f"{world.company.name_ko} 클라우드"}],
            "systems_in_scope": "취약점 점검 서버 (DMZ-SEC-02)", "compensating_controls": ["isolated_environment"],
            "self_assessment": "정보보호 전담 인력 40명.",
        })
        for n in range(self.size):
            name = "망분리 예외 구성도.pdf" if n == 0 else f"보완 자료 {n}.pdf"
            document_upload(application=draft, actor=world.staff,
                            uploaded=SimpleUploadedFile(name, pdf_bytes(), "application/pdf"))
        world.every_application.append(draft)
        return draft

    def _submitted(self, world: CompanyWorld) -> Application:
        """An application the CISO filed and submitted (the eligibility check found it eligible)."""
        filed = application_create(actor=world.ciso, data={
            "scope_ai_vulnerability_assessment": True, "ai_models": [{"name": "Claude", "vendor": "Anthropic"}],
            "systems_in_scope": "보안관제 분석망", "compensating_controls": ["isolated_environment", "egress_allowlist"],
            "self_assessment": "AI 보안 전문 인력 6명.", "attestation": True,
        })
        submitted = application_submit(application=filed, actor=world.ciso)
        world.every_application.append(submitted)
        return submitted

    def _panel(self, application: Application, panel: list[User]) -> None:
        """The panel assigned (each expert stated no conflict). Under review the first reviewer and the
        first advisor keep drafts and the others have submitted; once screened all have submitted."""
        for expert in panel:
            AssignmentFactory(application=application, expert=expert, stated=True)
        if application.state == S.SUPPLEMENT_REQUESTED:
            return
        screened = application.state == S.SCREENED
        if screened:  # scores are recorded while under review: back for them, then on
            Application.objects.filter(pk=application.pk).update(state=S.UNDER_REVIEW)
            application.refresh_from_db()
        reviewers = [expert for expert in panel if expert.role == "reviewer"]
        advisors = [expert for expert in panel if expert.role == "advisor"]
        for n, reviewer in enumerate(reviewers):
            draft = n == 0 and not screened
            score_sheet_save(application=application, actor=reviewer, scores=uniform_scores(4 if n == 0 else 2 + n % 3),
                             comment="초안" if draft else "근거 자료가 충실함", draft=draft)
        for n, advisor in enumerate(advisors):
            draft = n == 0 and not screened
            assessment_save(application=application, actor=advisor, recommendation="recommend_with_conditions",
                            narrative="AI 모델 검증 체계가 갖추어져 있음.", conditions="분기별 점검 결과 제출", draft=draft)
        if screened:
            Application.objects.filter(pk=application.pk).update(state=S.SCREENED)
            application.refresh_from_db()

    def _letters(self, world: CompanyWorld) -> None:
        """A letter in force with its obligations, an accepted interim report and ``size`` ad-hoc ones
        (the last a draft of the staff); an expired and a revoked letter with their obligations."""
        valid = LetterFactory(application=self._from_factory(world, S.GRANTED))
        expired = LetterFactory(expired=True, application=self._from_factory(world, S.EXPIRED))
        revoked = LetterFactory(revoked=True, application=self._from_factory(world, S.REVOKED))
        for letter in (valid, expired, revoked):
            obligations_ensure(letter=letter)
            world.letters.append(letter)
        interim, _ = report_submit(letter=valid, actor=world.ciso, kind="interim", draft=False, data={
            "tests": [performed_test()],
            "findings": [finding_data(), finding_data(severity="critical", category="saas_data_exfiltration")]})
        report_accept(report=interim, actor=self.office, note="확인")
        reports = [interim]
        for n in range(self.size):
            draft = n == self.size - 1
            report, _ = report_submit(letter=valid, actor=world.staff if draft else world.ciso, kind="ad_hoc",
                                      draft=draft, data={"tests": [performed_test()],
                                                         "findings": [finding_data(severity="low")]})
            reports.append(report)
        if not world.reports:
            world.reports = reports


def build_world(size: int = 1, *, companies: list[dict] = (), copies: int | None = None) -> World:
    """The whole portal at ``size`` (see the module's docstring); ``companies[i]`` are CompanyFactory
    details (names, sector) of the i-th eligible company; ``copies`` of each application state per
    company instead of ``size`` (the crawl, which walks pages rather than counting rows, needs one)."""
    world = World.begin(size)
    for _ in range(size):
        world.add_reviewer()
        world.add_advisor()
    for n in range(size):
        world.add_company(copies=copies, **(companies[n] if n < len(companies) else {}))
    for _ in range(size):
        world.add_ineligible_company()
        world.add_conflicted_company()
    return world
