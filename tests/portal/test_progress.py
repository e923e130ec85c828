"""The step indicator on a company's home: where the company really stands, from every app."""

import re

import pytest

from reports.services import obligations_sync
from tests.factories import ApplicationFactory, CompanyFactory, LetterFactory, UserFactory

pytestmark = pytest.mark.django_db


def _home(client, company) -> tuple[int, str]:
    client.force_login(UserFactory(ciso=True, company=company))
    page = client.get("/").content.decode()
    active = re.findall(r'<li class="active">.*?<span class="step-tit">(.*?)</span>', page, flags=re.S)
    assert len(active) == 1
    return page.count('<li class="done">'), active[0]


def test_an_eligible_company_without_an_application_is_at_the_application(client, company):
    assert _home(client, company) == (1, "신청")


def test_an_ineligible_company_is_at_the_eligibility_check(client):
    assert _home(client, CompanyFactory(regular_staff=10))[1] == "자격 확인"


def test_a_draft_is_at_the_application_and_links_to_it(client, company):
    draft = ApplicationFactory(company=company)
    assert _home(client, company) == (1, "신청")
    page = client.get("/").content.decode()
    assert f"신청서 #{draft.pk}: 작성 중." in page and f'href="/applications/{draft.pk}/"' in page


@pytest.mark.parametrize("trait", ["eligible", "under_review", "approved"])
def test_a_filed_application_is_in_screening(client, company, trait):
    ApplicationFactory(company=company, **{trait: True})
    assert _home(client, company) == (2, "심사")


def test_a_withdrawn_application_does_not_count(client, company):
    ApplicationFactory(company=company, state="withdrawn")
    assert _home(client, company) == (1, "신청")


def test_a_letter_in_force_leads_to_the_next_report(client, company):
    letter = LetterFactory(application__company=company)
    ApplicationFactory(company=company)  # a new draft does not move the company back
    obligations_sync()
    assert _home(client, company) == (4, "결과 보고")
    page = client.get("/").content.decode()
    assert f"{letter.reference}의 중간 보고서" in page and 'href="/reports/"' in page
