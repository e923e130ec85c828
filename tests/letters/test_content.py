"""What an application puts on its letter (plain values, no rendering)."""

import datetime as dt

import pytest

from letters.pdf.content import letter_content, specific_conditions
from tests.factories import ApplicationFactory


@pytest.mark.parametrize(("text", "expected"), [
    ("", ()),
    ("   \n\n  ", ()),
    ("분기별 요약 보고", ("분기별 요약 보고",)),
    ("1. 첫째\n2. 둘째\n3) 셋째", ("첫째", "둘째", "셋째")),
    ("- a\n• b\n* c", ("a", "b", "c")),
    ("A proposal that was\nwrapped over lines.\n\nThe office's own.", ("A proposal that was wrapped over lines.",
                                                                        "The office's own.")),
    ("1. Numbered paragraph\ncontinued here.", ("Numbered paragraph continued here.",)),
    ("2026. 7. 1.부터 적용", ("2026. 7. 1.부터 적용",)),
])
def test_specific_conditions_are_split_into_items(text, expected):
    assert specific_conditions(text) == expected


@pytest.mark.django_db
def test_the_content_of_an_application(settings):
    application = ApplicationFactory(
        approved=True, ai_models=[{"name": "Model <X>", "vendor": "V"}], saas_products=[{"name": "S", "vendor": "W"}],
        decision_conditions="1. 하나\n2. 둘", effective_date=dt.date(2028, 2, 29),
    )
    content = letter_content(application, reference="FSC-NAL-2026-0007",
                             issued_at=dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC))
    assert content.company_name_ko == application.company.name_ko
    assert content.company_brn == application.company.brn and content.ciso_name == application.company.ciso_name
    assert [(i.name, i.vendor) for i in content.ai_models] == [("Model <X>", "V")]
    assert [(i.name, i.vendor) for i in content.saas_products] == [("S", "W")]
    assert content.specific_conditions == ("하나", "둘")
    assert content.issued_on == dt.date(2026, 7, 1)
    assert (content.valid_from, content.valid_until) == (dt.date(2028, 2, 29), dt.date(2029, 2, 28))
    assert content.verification_url == f"{settings.PORTAL_BASE_URL}/verify/FSC-NAL-2026-0007/"
