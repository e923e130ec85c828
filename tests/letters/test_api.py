"""/api/v1/letters/: who sees which letter, the exact bytes, the file name; letters from stored bytes."""

import hashlib

import pytest
from django.urls import reverse

from portal.common.storage import path_of, read_private
from tests.factories import ApplicationFactory, CompanyFactory, LetterFactory, UserFactory

pytestmark = pytest.mark.django_db

LETTER_FIELDS = {"reference", "application", "company", "issued_at", "valid_from", "valid_until", "status", "sha256"}


def results(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


@pytest.fixture
def own_letter(company):
    return LetterFactory(application=ApplicationFactory(granted=True, company=company))


@pytest.fixture
def other_letter():
    return LetterFactory()


def test_a_company_user_lists_and_reads_only_its_own_letters(api, ciso, own_letter, other_letter):
    client = api.as_user(ciso)
    listed = results(client.get("/api/v1/letters/"))
    assert [item["reference"] for item in listed] == [own_letter.reference]
    item = listed[0]
    assert LETTER_FIELDS <= set(item)
    assert item["application"] == own_letter.application_id
    assert item["company"] == own_letter.application.company_id
    assert item["status"] == "valid" and item["sha256"] == own_letter.sha256
    assert item["valid_from"] == own_letter.valid_from.isoformat()

    assert client.get(f"/api/v1/letters/{own_letter.reference}/").status_code == 200
    for path in (f"/api/v1/letters/{other_letter.reference}/", f"/api/v1/letters/{other_letter.reference}/pdf/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_company_staff_see_their_company_letters_too(api, company_staff, own_letter):
    response = api.as_user(company_staff).get(f"/api/v1/letters/{own_letter.reference}/pdf/")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["program_admin", "auditor", "superuser"])
def test_the_program_office_and_auditors_see_every_letter(api, request, role, own_letter, other_letter):
    listed = results(api.as_user(request.getfixturevalue(role)).get("/api/v1/letters/"))
    assert {item["reference"] for item in listed} == {own_letter.reference, other_letter.reference}


def test_a_reviewer_not_assigned_to_the_application_gets_404(api, reviewer, own_letter):
    client = api.as_user(reviewer)
    assert results(client.get("/api/v1/letters/")) == []
    assert client.get(f"/api/v1/letters/{own_letter.reference}/").status_code == 404


def test_anonymous_callers_are_refused(api, own_letter):
    assert api.get("/api/v1/letters/").status_code == 401
    assert api.get(f"/api/v1/letters/{own_letter.reference}/pdf/").status_code == 401


def test_the_pdf_is_exactly_the_stored_bytes_named_after_the_reference(api, ciso, own_letter):
    response = api.as_user(ciso).get(f"/api/v1/letters/{own_letter.reference}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == read_private(own_letter.pdf_name)
    assert hashlib.sha256(body).hexdigest() == own_letter.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{own_letter.reference}.pdf"'
    assert int(response["Content-Length"]) == len(body)


def test_unknown_and_malformed_references_are_404_without_a_trace(api, program_admin):
    client = api.as_user(program_admin)
    for reference in ("FSC-NAL-2026-9999", "nonsense", "%3Cscript%3E", "x" * 300, "FSC-NAL-2026-0001%00"):
        response = client.get(f"/api/v1/letters/{reference}/")
        assert response.status_code == 404, reference
        assert set(response.json()) == {"detail", "code"}
        assert "Traceback" not in response.content.decode()


def test_the_letter_page_pdf_link_for_signed_in_users(client, own_letter, other_letter):
    user = UserFactory(ciso=True, company=own_letter.application.company)
    client.force_login(user)
    response = client.get(reverse("letter-pdf", kwargs={"reference": own_letter.reference}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{own_letter.reference}.pdf"'
    assert client.get(reverse("letter-pdf", kwargs={"reference": other_letter.reference})).status_code == 404


def test_a_missing_file_is_a_clear_404_not_a_500(api, ciso, own_letter):
    path_of(own_letter.pdf_name).unlink()
    response = api.as_user(ciso).get(f"/api/v1/letters/{own_letter.reference}/pdf/")
    assert response.status_code == 404 and response.json()["code"] == "file_missing"


def test_the_letters_page_lists_what_the_user_may_see(client):
    company = CompanyFactory()
    company_letters = [LetterFactory(application=ApplicationFactory(granted=True, company=company))
                       for _ in range(2)]
    other = LetterFactory()
    user = UserFactory(ciso=True, company=company)
    client.force_login(user)
    page = client.get(reverse("letter-list"))
    body = page.content.decode()
    assert page.status_code == 200
    assert all(letter.reference in body for letter in company_letters) and other.reference not in body
    assert reverse("letter-pdf", kwargs={"reference": company_letters[0].reference}) in body
    assert reverse("letter-list") in body  # the main menu has the entry
