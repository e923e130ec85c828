"""Supporting documents: PDFs only, judged by content; private storage; per-file and per-application limits."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.common.storage import private_root
from screening.enums import DOCUMENT_MAX_BYTES
from screening.models import SupportingDocument
from tests.factories import ApplicationFactory, SupportingDocumentFactory, UserFactory

from .helpers import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(ciso):
    return ApplicationFactory(company=ciso.company)


def _upload(api, user, application, name: str, data: bytes):
    return api.as_user(user).post(
        f"/api/v1/applications/{application.pk}/documents/",
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
        format="multipart",
    )


def test_a_pdf_is_stored_privately_under_a_generated_name(api, ciso, application, settings):
    data = pdf_bytes(pages=2)
    response = _upload(api, ciso, application, "../../etc/보안 구성도.pdf", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "보안 구성도.pdf"
    assert body["page_count"] == 2
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    document = SupportingDocument.objects.get()
    assert "보안" not in document.stored_name and ".." not in document.stored_name
    stored = private_root() / document.stored_name
    assert stored.read_bytes() == data
    assert str(stored).startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert not str(stored).startswith(str(settings.STATIC_ROOT))

    download = api.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert "filename*=utf-8''" in download["Content-Disposition"]
    listed = api.get(f"/api/v1/applications/{application.pk}/documents/").json()
    assert [d["id"] for d in listed] == [document.pk]


@pytest.mark.parametrize(
    ("kind", "name", "data", "phrase"),
    [
        ("executable", "report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "program (an executable)"),
        ("elf", "scan.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "program (an executable)"),
        ("empty", "empty.pdf", b"", "The file is empty"),
        ("encrypted", "locked.pdf", pdf_bytes(password="s3cret"), "encrypted"),
        ("broken", "broken.pdf", pdf_bytes()[:300], "damaged"),
        ("not a pdf", "photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a PDF"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(api, ciso, application, kind, name, data, phrase):
    response = _upload(api, ciso, application, name, data)
    assert response.status_code == 400, (kind, response.content)
    assert phrase in response.json()["file"][0]
    assert not SupportingDocument.objects.exists()
    assert not list(private_root().rglob("*.pdf"))


def test_bad_file_messages_are_translated(api, ciso, application):
    api.as_user(ciso)
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "ko"
    response = api.post(
        f"/api/v1/applications/{application.pk}/documents/",
        {"file": SimpleUploadedFile("x.pdf", b"MZ" + b"\x00" * 50)}, format="multipart",
    )
    assert response.status_code == 400
    assert "PDF" in response.json()["file"][0]
    assert "program" not in response.json()["file"][0]


def test_a_file_over_20_mb_is_refused(api, ciso, application):
    data = pdf_bytes() + b"%" * (DOCUMENT_MAX_BYTES)
    response = _upload(api, ciso, application, "big.pdf", data)
    assert response.status_code == 400
    assert "20 MB" in response.json()["file"][0]


def test_the_application_total_is_capped_at_100_mb(api, ciso, application):
    SupportingDocumentFactory(application=application, size=99 * 1024 * 1024)
    response = _upload(api, ciso, application, "one-more.pdf", pdf_bytes() + b"%" * (2 * 1024 * 1024))
    assert response.status_code == 400
    assert "100 MB" in response.json()["file"][0]


def test_uploads_only_while_editable(api, ciso):
    application = ApplicationFactory(eligible=True, company=ciso.company)
    assert _upload(api, ciso, application, "a.pdf", pdf_bytes()).status_code == 409


def test_other_company_cannot_upload_or_download(api, application, ciso):
    response = _upload(api, ciso, application, "a.pdf", pdf_bytes())
    document_url = response.json()["download_url"]
    stranger = UserFactory(ciso=True)
    assert _upload(api, stranger, application, "a.pdf", pdf_bytes()).status_code == 404
    assert api.as_user(stranger).get(document_url).status_code == 404
    assert api.as_user(stranger).get(f"/api/v1/applications/{application.pk}/documents/").status_code == 404
    # Regulator-side readers who may see the application may download.
    assert api.as_user(UserFactory(auditor=True)).get(document_url).status_code == 200
    assert api.as_user(UserFactory(reviewer=True)).get(document_url).status_code == 404


def test_staff_may_upload_and_remove(api, application):
    staff = application.created_by
    response = _upload(api, staff, application, "a.pdf", pdf_bytes())
    assert response.status_code == 201
    document = SupportingDocument.objects.get()
    response = api.delete(f"/api/v1/applications/{application.pk}/documents/{document.pk}/")
    assert response.status_code == 204
    assert not SupportingDocument.objects.exists()
