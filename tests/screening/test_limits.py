"""Per-company limits: open drafts (COMPANY_OPEN_DRAFTS_MAX, 409 draft_limit) and the total size of its
stored documents (COMPANY_DOCUMENTS_QUOTA_MB, 400 on the file naming the quota), both held under the
company's row lock, so requests at the same moment cannot pass a limit together."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.errors import Conflict, InvalidInput
from screening.enums import ApplicationState
from screening.models import Application, SupportingDocument
from screening.services import application_create, document_upload
from tests.factories import ApplicationFactory, SupportingDocumentFactory, UserFactory
from tests.races import race

from .helpers import pdf_bytes

MB = 1024 * 1024


def _upload(api, user, application, data: bytes):
    return api.as_user(user).post(f"/api/v1/applications/{application.pk}/documents/",
                                  {"file": SimpleUploadedFile("a.pdf", data, content_type="application/pdf")},
                                  format="multipart")


def _padded_pdf(size: int) -> bytes:
    """A valid PDF of about ``size`` bytes (a comment after %%EOF pads it)."""
    data = pdf_bytes()
    return data + b"%" * max(0, size - len(data))


# --- drafts ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_open_draft_is_refused_through_the_api(api, ciso):
    ApplicationFactory.create_batch(4, company=ciso.company)
    ApplicationFactory(company=ciso.company, eligible=True)  # not a draft: does not count
    ApplicationFactory()  # another company's draft: does not count
    assert api.as_user(ciso).post("/api/v1/applications/", {}, format="json").status_code == 201
    response = api.post("/api/v1/applications/", {}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "draft_limit" and body["limit"] == 5
    assert "already has 5 draft applications" in body["detail"]
    assert Application.objects.filter(company=ciso.company, state=ApplicationState.DRAFT).count() == 5


@pytest.mark.django_db
def test_the_limit_is_a_setting_and_the_page_says_so(client, login, ciso, settings):
    settings.COMPANY_OPEN_DRAFTS_MAX = 1
    ApplicationFactory(company=ciso.company)
    login(ciso)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.post(reverse("screening:application-create"), follow=True)
    assert "작성 중인 신청서가 이미 1건" in response.content.decode()
    assert Application.objects.filter(company=ciso.company).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_drafts_started_at_once_do_not_pass_the_limit_together(settings):
    settings.COMPANY_OPEN_DRAFTS_MAX = 3
    first = ApplicationFactory()
    ApplicationFactory(company=first.company)
    ciso = UserFactory(ciso=True, company=first.company)
    staff = UserFactory(staff=True, company=first.company)
    results = race(lambda: application_create(actor=ciso), lambda: application_create(actor=staff))
    assert sorted(type(r).__name__ for r in results) == ["Application", "Conflict"], results
    assert next(r for r in results if isinstance(r, Conflict)).code == "draft_limit"
    assert Application.objects.filter(company=first.company).count() == 3


# --- the documents quota -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_upload_over_the_company_quota_is_refused_naming_it(api, ciso, settings):
    settings.COMPANY_DOCUMENTS_QUOTA_MB = 3
    application = ApplicationFactory(company=ciso.company)
    older = ApplicationFactory(company=ciso.company, withdrawn=True)  # what is stored counts, in any state
    SupportingDocumentFactory(application=older, size=2 * MB)
    response = _upload(api, ciso, application, _padded_pdf(MB + 10))
    assert response.status_code == 400
    message = response.json()["file"][0]
    assert "at most 3 MB in all" in message and "2.0 MB are stored" in message
    assert SupportingDocument.objects.filter(application=application).count() == 0
    assert _upload(api, ciso, application, _padded_pdf(MB - 10)).status_code == 201


@pytest.mark.django_db
def test_the_quota_refusal_is_translated_and_shown_on_the_page(client, login, ciso, settings):
    settings.COMPANY_DOCUMENTS_QUOTA_MB = 1
    application = ApplicationFactory(company=ciso.company)
    SupportingDocumentFactory(application=application, size=MB - 100)
    login(ciso)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.post(reverse("screening:document-upload", args=[application.pk]),
                           {"file": SimpleUploadedFile("a.pdf", _padded_pdf(1000))})
    assert response.status_code == 400
    assert "최대 1 MB까지" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_uploads_at_the_same_moment_do_not_pass_the_quota_together(settings):
    settings.COMPANY_DOCUMENTS_QUOTA_MB = 1
    first = ApplicationFactory()
    second = ApplicationFactory(company=first.company)  # two applications: the per-application lock is not enough
    ciso = UserFactory(ciso=True, company=first.company)
    data = _padded_pdf(600 * 1024)

    def upload(application):
        return lambda: document_upload(application=application, actor=ciso,
                                       uploaded=SimpleUploadedFile("a.pdf", data))

    results = race(upload(first), upload(second), upload(first))
    stored = [r for r in results if isinstance(r, SupportingDocument)]
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(stored) == 1 and len(refused) == 2, results
    assert all("at most 1 MB in all" in r.fields["file"][0] for r in refused)
    assert SupportingDocument.objects.filter(application__company=first.company).count() == 1
