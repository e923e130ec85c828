"""Documents with active content: refused at upload (API and page alike, 400 saying why), and withheld
at download when stored before the check (API 409 JSON, page 409), with the program office told once
and every attempt audited. The answer is kept on the document's row, so a download parses at most once."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.common.storage import private_root, write_private
from screening.documents.pdfcheck import CHECK_VERSION
from screening.models import SupportingDocument
from tests.factories import ApplicationFactory, AssignmentFactory, SupportingDocumentFactory, UserFactory

from . import hostile_pdfs as hostile
from .helpers import pdf_bytes

pytestmark = pytest.mark.django_db

HOSTILE = [
    pytest.param(hostile.open_action_javascript, "JavaScript", id="javascript"),
    pytest.param(hostile.launch_with_embedded_program, "", id="launch-embedded-exe"),
    pytest.param(hostile.html_then_pdf, "first byte", id="html-first"),
    pytest.param(hostile.hex_escaped_javascript, "JavaScript", id="hex-escaped"),
    pytest.param(hostile.javascript_in_object_stream, "JavaScript", id="object-stream"),
    pytest.param(lambda: hostile.link_to("javascript:app.alert(1)"), "javascript:", id="javascript-uri"),
    pytest.param(hostile.xfa_form, "XFA", id="xfa"),
]


@pytest.fixture
def application(ciso):
    return ApplicationFactory(company=ciso.company)


@pytest.fixture
def web(client, login, ciso):
    login(ciso)
    client.cookies["portal_language"] = "en"
    return client


def _api_upload(api, user, application, data: bytes, name: str = "제안서.pdf"):
    return api.as_user(user).post(f"/api/v1/applications/{application.pk}/documents/",
                                  {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
                                  format="multipart")


@pytest.mark.parametrize(("build", "phrase"), HOSTILE)
def test_the_api_refuses_active_content_with_400(api, ciso, application, build, phrase):
    response = _api_upload(api, ciso, application, build())
    assert response.status_code == 400, response.content
    message = response.json()["file"][0]
    assert phrase in message
    assert not SupportingDocument.objects.exists()
    assert not list(private_root().rglob("*.pdf"))


@pytest.mark.parametrize(("build", "phrase"), HOSTILE)
def test_the_page_refuses_active_content_with_400_at_the_upload_field(web, application, build, phrase):
    url = reverse("screening:document-upload", args=[application.pk])
    response = web.post(url, {"file": SimpleUploadedFile("제안서.pdf", build())})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="form-hint-invalid"' in page
    assert phrase.replace("'", "&#x27;") in page
    assert not SupportingDocument.objects.exists()


def test_the_refusal_is_in_korean_on_korean_pages(api, ciso, application):
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "ko"
    response = _api_upload(api, ciso, application, hostile.open_action_javascript())
    assert response.status_code == 400
    assert "자바스크립트" in response.json()["file"][0]


def test_a_plain_pdf_is_stored_as_checked(api, ciso, application):
    response = _api_upload(api, ciso, application, pdf_bytes())
    assert response.status_code == 201
    document = SupportingDocument.objects.get()
    assert document.checked_version == CHECK_VERSION
    assert document.withheld_because == ""


# --- documents stored before the check ------------------------------------------------------------


@pytest.fixture
def reviewer_api(api, application):
    """An assigned reviewer's API client; the application is under review."""
    application = ApplicationFactory(under_review=True, company=application.company)
    reviewer = UserFactory(reviewer=True)
    AssignmentFactory(application=application, expert=reviewer)
    api.as_user(reviewer)
    api.application = application
    api.reviewer = reviewer
    return api


def _download_url(document) -> str:
    return f"/api/v1/applications/{document.application_id}/documents/{document.pk}/download/"


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        pytest.param(hostile.open_action_javascript, "javascript", id="javascript"),
        pytest.param(hostile.launch_with_embedded_program, None, id="launch-embedded-exe"),
        pytest.param(lambda: pdf_bytes(password="s3cret"), "encrypted", id="encrypted"),
        pytest.param(hostile.html_then_pdf, "not_pdf_start", id="html-first"),
    ],
)
def test_a_stored_hostile_document_is_withheld_from_a_reviewer_and_the_office_is_told(
        reviewer_api, django_capture_on_commit_callbacks, build, reason):
    office = UserFactory(program_admin=True, email="office@fsc.example")
    UserFactory(program_admin=True, email="", username="office-without-mail")
    document = SupportingDocumentFactory(application=reviewer_api.application, content=build())
    assert document.checked_version == 0  # stored before the check existed

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_api.get(_download_url(document))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "document_withheld"
    assert "withheld" in body["detail"] and "program office" in body["detail"]
    assert reason is None or body["reason"] == reason
    assert b"%PDF" not in response.content

    document.refresh_from_db()
    assert document.checked_version == CHECK_VERSION
    assert document.withheld_because == body["reason"]
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [office.email]
    assert f"#{document.application_id}" in notice.subject
    assert document.original_name in notice.body and document.sha256 in notice.body
    assert "보류" in notice.body and "withheld" in notice.body  # Korean first, English after
    assert list(AuditEntry.objects.filter(action="application.document_flagged").values_list(
        "actor", flat=True)) == [reviewer_api.reviewer.pk]

    # Asked again: withheld again from the kept answer, audited again, no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer_api.get(_download_url(document)).status_code == 409
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="application.document_withheld").count() == 2


def test_the_page_withholds_it_too(client, login, reviewer_api):
    document = SupportingDocumentFactory(application=reviewer_api.application, content=hostile.xfa_form())
    login(reviewer_api.reviewer)
    client.cookies["portal_language"] = "en"
    response = client.get(reverse("screening:document-download", args=[document.application_id, document.pk]))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "withheld" in response.content.decode()
    assert "XFA" in response.content.decode()


def test_a_stored_plain_document_is_checked_once_then_served_from_the_kept_answer(reviewer_api):
    data = pdf_bytes(pages=2)
    document = SupportingDocumentFactory(application=reviewer_api.application, content=data)
    response = reviewer_api.get(_download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    document.refresh_from_db()
    assert (document.checked_version, document.withheld_because) == (CHECK_VERSION, "")
    # The answer is kept: the file is not parsed again (bytes that would now fail are still served).
    write_private(document.stored_name, b"not a pdf any more")
    assert reviewer_api.get(_download_url(document)).status_code == 200


def test_a_document_checked_under_an_older_version_is_checked_again(reviewer_api):
    document = SupportingDocumentFactory(application=reviewer_api.application,
                                         content=hostile.hex_escaped_javascript())
    SupportingDocument.objects.filter(pk=document.pk).update(checked_version=CHECK_VERSION - 1)
    assert reviewer_api.get(_download_url(document)).status_code == 409
    document.refresh_from_db()
    assert (document.checked_version, document.withheld_because) == (CHECK_VERSION, "javascript")
