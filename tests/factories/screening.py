"""Factories for screening, with a trait per application state.

The state field is protected (only transitions change it), but a new instance may be created in any
state, which is what the traits do. ``ApplicationFactory()`` is a complete, unattested draft.
"""

import datetime as dt
import hashlib

import factory
from django.utils import timezone

from eligibility.ruleset import Facts, evaluate_company
from portal.accounts.enums import Role
from portal.common.storage import write_private
from screening.enums import ApplicationState as S
from screening.enums import PhaseState
from screening.models import Application, Phase, StateChange, SupportingDocument

from .accounts import CompanyFactory, UserFactory


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 10 + n)
    name = factory.LazyAttribute(lambda p: f"Phase {p.number}")
    # An open window around today, so that scheduling into it and starting reviews work.
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    capacity_min = 1
    capacity_max = 20
    state = PhaseState.OPEN

    class Params:
        planned = factory.Trait(state=PhaseState.PLANNED)
        closed = factory.Trait(state=PhaseState.CLOSED)


def _snapshot(company, eligible: bool | None = None) -> dict:
    result = evaluate_company(company)
    snapshot = result.snapshot(Facts.of_company(company))
    if eligible is not None:
        snapshot["eligible"] = eligible
    return snapshot


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    created_by = factory.SubFactory(UserFactory, role=Role.COMPANY_STAFF, company=factory.SelfAttribute("..company"))
    state = S.DRAFT
    scope_ai_vulnerability_assessment = True
    scope_saas_security = False
    ai_models = factory.LazyFunction(lambda: [{"name": "Claude", "vendor": "Anthropic"}])
    saas_products = factory.LazyFunction(list)
    systems_in_scope = "보안관제 분석망 (DMZ-SEC-02), 취약점 점검 서버 10대"
    compensating_controls = factory.LazyFunction(lambda: ["isolated_environment", "egress_allowlist"])
    self_assessment = "정보보호 전담 인력 45명, AI 보안 전문 인력 6명."
    attestation = False

    class Params:
        empty = factory.Trait(
            scope_ai_vulnerability_assessment=False, ai_models=factory.LazyFunction(list), systems_in_scope="",
            compensating_controls=factory.LazyFunction(list), self_assessment="",
        )
        attested = factory.Trait(attestation=True, attested_at=factory.LazyFunction(timezone.now))
        filed = factory.Trait(
            attested=True,
            submitted_at=factory.LazyFunction(timezone.now),
            eligibility_snapshot=factory.LazyAttribute(lambda a: _snapshot(a.company, True)),
        )
        eligible = factory.Trait(filed=True, state=S.ELIGIBLE)
        ineligible = factory.Trait(
            filed=True, state=S.INELIGIBLE,
            company=factory.SubFactory(CompanyFactory, ineligible=True),
            eligibility_snapshot=factory.LazyAttribute(lambda a: _snapshot(a.company)),
        )
        scheduled = factory.Trait(filed=True, state=S.SCHEDULED, phase=factory.SubFactory(PhaseFactory))
        under_review = factory.Trait(scheduled=True, state=S.UNDER_REVIEW,
                                     review_started_at=factory.LazyFunction(timezone.now))
        supplement_requested = factory.Trait(under_review=True, state=S.SUPPLEMENT_REQUESTED,
                                             supplement_request="시스템 구성도를 보완해 주십시오.")
        screened = factory.Trait(under_review=True, state=S.SCREENED, screened_at=factory.LazyFunction(timezone.now))
        approved = factory.Trait(screened=True, state=S.APPROVED, decision_reason="요건 충족",
                                 decided_at=factory.LazyFunction(timezone.now))
        rejected = factory.Trait(screened=True, state=S.REJECTED, decision_reason="평가 점수 미달",
                                 decided_at=factory.LazyFunction(timezone.now))
        granted = factory.Trait(approved=True, state=S.GRANTED, granted_at=factory.LazyFunction(timezone.now))
        expired = factory.Trait(granted=True, state=S.EXPIRED, expired_at=factory.LazyFunction(timezone.now))
        revoked = factory.Trait(granted=True, state=S.REVOKED, revoked_at=factory.LazyFunction(timezone.now),
                                revocation_reason="보완통제 미이행")
        withdrawn = factory.Trait(filed=True, state=S.WITHDRAWN, withdrawn_at=factory.LazyFunction(timezone.now))

    @classmethod
    def in_state(cls, state: str, **kwargs) -> Application:
        """An application in ``state`` (any state of the machine, ``submitted`` included)."""
        if state == S.DRAFT:
            return cls(**kwargs)
        if state == S.SUBMITTED:
            return cls(filed=True, state=S.SUBMITTED, **kwargs)
        return cls(**{state: True}, **kwargs)


class StateChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateChange

    application = factory.SubFactory(ApplicationFactory)
    actor = None
    from_state = S.DRAFT
    to_state = S.SUBMITTED
    transition = "submit"
    reason = ""
    at = factory.LazyFunction(timezone.now)


class SupportingDocumentFactory(factory.django.DjangoModelFactory):
    """A document row; ``content=<bytes>`` also writes the bytes to the private root (size and hash
    follow), as for a document stored before the content check existed (``checked_version`` 0)."""

    class Meta:
        model = SupportingDocument
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    original_name = factory.Sequence(lambda n: f"첨부{n}.pdf")
    stored_name = factory.Sequence(lambda n: f"documents/factory/{n:06d}.pdf")
    size = 1024
    sha256 = "0" * 64
    page_count = 1
    uploaded_by = factory.SelfAttribute("application.created_by")

    @factory.post_generation
    def content(self, create, extracted, **kwargs):
        if extracted is None:
            return
        write_private(self.stored_name, extracted)
        self.size, self.sha256 = len(extracted), hashlib.sha256(extracted).hexdigest()
        if create:
            self.save(update_fields=["size", "sha256"])
