"""The reports demo: idempotent, and it files through the service."""

import pytest

from reports.demo import seed
from reports.models import FindingsReport, Obligation
from tests.factories import LetterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(company):
    UserFactory(ciso=True, company=company, is_demo=True)
    letter = LetterFactory(application__company=company)
    LetterFactory()  # no CISO: obligations only
    real = LetterFactory()
    UserFactory(ciso=True, company=real.application.company)  # not the demo's login: files nothing
    seed()
    seed()
    assert Obligation.objects.count() == 6
    report = FindingsReport.objects.get()
    assert report.letter == letter and report.is_filed and report.findings.count() == 2


def test_demo_without_letters_says_so():
    lines = []

    class Out:
        def write(self, text):
            lines.append(text)

    seed(Out())
    assert lines and "no letters yet" in lines[0]
