"""The public verification API and page: what they show, what they never show, and the rate limit."""

import datetime as dt
import itertools
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from letters.services import letter_revoke, letters_expire_due
from portal.common.storage import read_private
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {"reference", "company_name", "company_name_en", "valid_from", "valid_until", "status", "revoked_on"}
_addresses = itertools.count(1)


@pytest.fixture
def ip():
    """A client address of its own for each test: the rate limit lives in the shared cache."""
    n = next(_addresses) + random.randrange(1_000_000)  # noqa: S311 - not security
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


@pytest.fixture
def letter():
    return LetterFactory()


def test_the_api_shows_only_reference_company_validity_and_status(client, letter, ip):
    response = client.get(f"/api/v1/verify/{letter.reference}/", REMOTE_ADDR=ip)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == PUBLIC_FIELDS
    assert body == {
        "reference": letter.reference,
        "company_name": letter.application.company.name_ko,
        "company_name_en": letter.application.company.name_en,
        "valid_from": letter.valid_from.isoformat(),
        "valid_until": letter.valid_until.isoformat(),
        "status": "valid",
        "revoked_on": None,
    }


def test_a_sha256_or_an_uploaded_file_says_whether_it_is_the_issued_letter(client, letter, ip):
    url = f"/api/v1/verify/{letter.reference}/"
    assert client.get(url, {"sha256": letter.sha256}, REMOTE_ADDR=ip).json()["matches"] is True
    assert client.get(url, {"sha256": letter.sha256.upper()}, REMOTE_ADDR=ip).json()["matches"] is True
    assert client.get(url, {"sha256": "0" * 64}, REMOTE_ADDR=ip).json()["matches"] is False

    original = read_private(letter.pdf_name)
    upload = SimpleUploadedFile("letter.pdf", original, content_type="application/pdf")
    assert client.post(url, {"file": upload}, REMOTE_ADDR=ip).json()["matches"] is True
    changed = bytearray(original)
    changed[-10] ^= 1
    upload = SimpleUploadedFile("letter.pdf", bytes(changed), content_type="application/pdf")
    assert client.post(url, {"file": upload}, REMOTE_ADDR=ip).json()["matches"] is False


@pytest.mark.parametrize("bad", ["abc", "g" * 64, "0" * 63, "0" * 65, "0" * 32 + " " + "0" * 31, "０" * 64])
def test_a_malformed_sha256_is_a_400_on_the_field(client, letter, ip, bad):
    response = client.get(f"/api/v1/verify/{letter.reference}/", {"sha256": bad}, REMOTE_ADDR=ip)
    assert response.status_code == 400
    assert list(response.json()) == ["sha256"]


def test_a_non_pdf_upload_is_refused_with_a_clear_message(client, letter, ip):
    url = f"/api/v1/verify/{letter.reference}/"
    upload = SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"file": upload}, REMOTE_ADDR=ip)
    assert response.status_code == 400
    assert "PDF" in response.json()["file"][0]
    empty = SimpleUploadedFile("letter.pdf", b"", content_type="application/pdf")
    assert client.post(url, {"file": empty}, REMOTE_ADDR=ip).status_code == 400


@pytest.mark.parametrize("reference", [
    "FSC-NAL-2026-9999", "FSC-NAL-2026-0001%0A", "fsc-nal-2026-0001", "FSC-NAL-２０２６-0001", "x" * 500,
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc%2Fpasswd", "FSC-NAL-2026-0001%00",
])
def test_unknown_or_malformed_references_are_404_without_a_trace(client, letter, ip, reference):
    for path in (f"/api/v1/verify/{reference}/", f"/verify/{reference}/"):
        response = client.get(path, REMOTE_ADDR=ip)
        assert response.status_code == 404, path
        assert "Traceback" not in response.content.decode()
    # "unknown_reference" from the view; "not_found" when a decoded "/" means no route matches at all.
    assert client.get(f"/api/v1/verify/{reference}/", REMOTE_ADDR=ip).json()["code"] in {"unknown_reference",
                                                                                       "not_found"}


def test_revocation_shows_at_once_with_its_date(client, letter, ip, program_admin):
    letter_revoke(letter=letter, actor=program_admin, reason="조건 위반")
    body = client.get(f"/api/v1/verify/{letter.reference}/", REMOTE_ADDR=ip).json()
    assert body["status"] == "revoked"
    assert body["revoked_on"] == timezone.localdate().isoformat()
    assert "조건 위반" not in str(body)  # the reason is not public

    page = client.get(f"/verify/{letter.reference}/", REMOTE_ADDR=ip)
    assert page.status_code == 200
    assert "letter-status-revoked" in page.content.decode()
    assert timezone.localdate().isoformat() in page.content.decode()


def test_expiry_shows_on_the_page_even_before_the_daily_job(client, ip):
    letter = LetterFactory(issued_at=timezone.now() - dt.timedelta(days=400))
    assert client.get(f"/api/v1/verify/{letter.reference}/", REMOTE_ADDR=ip).json()["status"] == "expired"
    letters_expire_due()
    page = client.get(f"/verify/{letter.reference}/", REMOTE_ADDR=ip).content.decode()
    assert "letter-status-expired" in page


def test_the_page_shows_the_letter_and_nothing_about_the_application(client, letter, ip):
    letter.application.systems_in_scope = "SECRET-SEGMENT-42"
    letter.application.save()
    page = client.get(f"/verify/{letter.reference}/", REMOTE_ADDR=ip).content.decode()
    assert letter.reference in page and letter.application.company.name_ko in page
    assert letter.valid_until.isoformat() in page and "letter-status-valid" in page
    for secret in ("SECRET-SEGMENT-42", letter.sha256, letter.application.decision_reason, letter.pdf_name):
        assert secret not in page


def test_the_page_checks_an_uploaded_file(client, letter, ip):
    url = f"/verify/{letter.reference}/"
    upload = SimpleUploadedFile("mine.pdf", read_private(letter.pdf_name), content_type="application/pdf")
    page = client.post(url, {"file": upload}, REMOTE_ADDR=ip)
    assert page.status_code == 200 and "letter-match" in page.content.decode()

    not_pdf = SimpleUploadedFile("mine.pdf", b"PK\x03\x04 a zip file", content_type="application/pdf")
    page = client.post(url, {"file": not_pdf}, REMOTE_ADDR=ip)
    assert page.status_code == 400
    assert "form-hint-invalid" in page.content.decode() and "letter-match" not in page.content.decode()


def test_the_lookup_form_sends_the_visitor_to_the_reference(client, letter, ip):
    response = client.get("/verify/", {"reference": letter.reference.lower()}, REMOTE_ADDR=ip)
    assert response.status_code == 302 and response["Location"] == f"/verify/{letter.reference}/"
    assert client.get("/verify/", {"reference": "hello"}, REMOTE_ADDR=ip).status_code == 400
    assert client.get("/verify/", REMOTE_ADDR=ip).status_code == 200


def test_sixty_requests_a_minute_then_429_with_retry_after(client, letter, ip):
    known, unknown = f"/api/v1/verify/{letter.reference}/", "/api/v1/verify/FSC-NAL-2026-9999/"
    statuses = [client.get(known if i % 2 else unknown, REMOTE_ADDR=ip).status_code for i in range(60)]
    assert set(statuses) == {200, 404}  # unknown references count too
    refused = client.get(known, REMOTE_ADDR=ip)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 120
    page = client.get(f"/verify/{letter.reference}/", REMOTE_ADDR=ip)  # the page shares the limit
    assert page.status_code == 429 and int(page["Retry-After"]) >= 1
    # Another client is not affected.
    other = f"192.0.{random.randrange(256)}.{random.randrange(256)}"  # noqa: S311
    assert client.get(known, REMOTE_ADDR=other).status_code == 200


def test_an_oversized_upload_is_refused_before_it_is_read(client, letter, ip):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 1024, content_type="application/pdf")
    response = client.post(f"/api/v1/verify/{letter.reference}/", {"file": upload}, REMOTE_ADDR=ip,
                           CONTENT_LENGTH=str(30 * 1024 * 1024))
    assert response.status_code == 400 and list(response.json()) == ["file"]
