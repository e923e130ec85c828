"""Letters for tests: the plain content of a letter, and stored letters built from bytes.

Rendering a real PDF costs a few hundred milliseconds, so only the rendering, signing and issuance
tests render; everything else uses ``LetterFactory``, which stores small stand-in bytes.
"""

import datetime as dt

import factory
from django.db import transaction
from django.utils import timezone

from letters.conditions import CURRENT_VERSION
from letters.domain.dates import seoul_date, valid_until
from letters.models import Letter, LetterStatus, ReferenceCounter, format_reference
from letters.pdf.files import letter_pdf_name, sha256_hex
from letters.pdf.render import LetterContent, ScopeItem
from portal.common.storage import write_private

from .screening import ApplicationFactory


def letter_content(**overrides) -> LetterContent:
    values = {
        "reference": "FSC-NAL-2026-0001",
        "issued_on": dt.date(2026, 7, 1),
        "valid_from": dt.date(2026, 7, 1),
        "valid_until": dt.date(2027, 6, 30),
        "company_name_ko": "시험금융 주식회사",
        "company_name_en": "Test Financial Co., Ltd.",
        "company_brn": "123-45-67891",
        "ciso_name": "홍길동",
        "ai_models": (ScopeItem("Claude Opus", "Anthropic"), ScopeItem("취약점분석모델 K-1", "한국AI연구소")),
        "saas_products": (ScopeItem("Falcon Insight", "CrowdStrike"),),
        "specific_conditions": ("분기마다 점검 결과 요약을 제출할 것.", "Keep test logs for three years."),
    }
    values.update(overrides)
    return LetterContent(**values)


# --- stored letters ----------------------------------------------------------------------------
def stored_pdf_bytes(reference: str) -> bytes:
    """A small stand-in PDF, different for every reference (no rendering)."""
    return (b"%PDF-1.7\n% stand-in letter " + reference.encode() +
            b"\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


class LetterFactory(factory.django.DjangoModelFactory):
    """A letter built from stored bytes, its number taken from the year's counter like a real one.

    ``LetterFactory()`` is valid, its application granted; traits ``expired`` and ``revoked``.
    ``pdf`` overrides the stored bytes (for example a real rendered letter).
    """

    class Meta:
        model = Letter

    application = factory.SubFactory(ApplicationFactory, granted=True)
    issued_at = factory.LazyFunction(timezone.now)
    valid_from = factory.LazyAttribute(lambda o: timezone.localdate(o.issued_at))
    valid_until = factory.LazyAttribute(lambda o: valid_until(o.valid_from))
    conditions_version = CURRENT_VERSION
    status = LetterStatus.VALID
    company_name_ko = factory.LazyAttribute(lambda o: o.application.company.name_ko)
    company_name_en = factory.LazyAttribute(lambda o: o.application.company.name_en)

    class Params:
        pdf = None
        expired = factory.Trait(
            status=LetterStatus.EXPIRED,
            issued_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=400)),
            expired_at=factory.LazyFunction(timezone.now),
            application=factory.SubFactory(ApplicationFactory, expired=True),
        )
        revoked = factory.Trait(
            status=LetterStatus.REVOKED,
            revoked_at=factory.LazyFunction(timezone.now),
            revocation_reason="보완통제 미이행 (compensating controls not kept)",
            application=factory.SubFactory(ApplicationFactory, revoked=True),
        )

    @classmethod
    def _create(cls, model_class, *args, pdf=None, **kwargs):
        with transaction.atomic():
            year = seoul_date(kwargs["issued_at"]).year
            ReferenceCounter.objects.get_or_create(year=year)
            counter = ReferenceCounter.objects.select_for_update().get(year=year)
            counter.last_number += 1
            counter.save()
            reference = format_reference(year, counter.last_number)
            data = pdf if pdf is not None else stored_pdf_bytes(reference)
            sha = sha256_hex(data)
            name = letter_pdf_name(year=year, reference=reference, sha256=sha)
            write_private(name, data)
            kwargs.update(reference=reference, year=year, number=counter.last_number, pdf_name=name,
                          pdf_size=len(data), sha256=sha)
            letter = super()._create(model_class, *args, **kwargs)
            # As ``grant`` stores it on a real issuance.
            type(letter.application).objects.filter(pk=letter.application_id).update(
                letter_valid_until=letter.valid_until)
            letter.application.letter_valid_until = letter.valid_until
            return letter


def approved_application(**kwargs):
    return ApplicationFactory(approved=True, **kwargs)


