"""The public answer about a reference: only reference, company, validity and status, and whether a
given file (or SHA-256) is exactly the issued letter. Nothing else about the application leaks.

The verification page and the API share one limit: 60 requests a minute per client (counted by
``portal.common.ratelimit``; every request counts, whether the reference exists or not)."""

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from letters.domain.dates import SEOUL
from letters.models import LetterStatus
from letters.selectors import letter_for_verification
from portal.common.ratelimit import RateDecision, RateLimit, client_id, hit
from portal.errors import InvalidInput

SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}\Z")
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
VERIFY = RateLimit(scope="verify", limit=60, period=60)


def verify_hit(request) -> RateDecision:
    """Count one verification request of this client against the shared limit."""
    return hit(VERIFY, client_id(request))


@dataclass(frozen=True, slots=True)
class Verification:
    reference: str
    company_name: str
    company_name_en: str
    valid_from: dt.date
    valid_until: dt.date
    status: str
    revoked_on: dt.date | None
    matches: bool | None = None

    def payload(self) -> dict:
        data = asdict(self)
        data["valid_from"] = self.valid_from.isoformat()
        data["valid_until"] = self.valid_until.isoformat()
        data["revoked_on"] = self.revoked_on.isoformat() if self.revoked_on else None
        if self.matches is None:
            del data["matches"]
        return data

    @property
    def status_label(self) -> str:
        return str(LetterStatus(self.status).label)


def public_status(letter, *, today: dt.date | None = None) -> str:
    """The status a reader must see now: a letter past its last valid day is expired even before the
    daily job has recorded it."""
    today = today or timezone.localdate(timezone=SEOUL)
    if letter.status == LetterStatus.VALID and letter.valid_until < today:
        return LetterStatus.EXPIRED
    return letter.status


def clean_sha256(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip()
    if not SHA256_RE.match(value):
        raise InvalidInput({"sha256": [_("Give the SHA-256 as 64 hexadecimal characters.")]})
    return value.lower()


def check_upload_size(request) -> None:
    """Refuse an oversized upload from its Content-Length, before the body is read and spooled."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > UPLOAD_MAX_BYTES + 64 * 1024:
        raise InvalidInput({"file": [_("The file is larger than %(max)d MB; a letter is much smaller.")
                                     % {"max": UPLOAD_MAX_BYTES // (1024 * 1024)}]})


def sha256_of_upload(upload) -> str:
    """The digest of an uploaded file, which must be a PDF of reasonable size."""
    if upload.size is not None and upload.size > UPLOAD_MAX_BYTES:
        raise InvalidInput({"file": [_("The file is larger than %(max)d MB; a letter is much smaller.")
                                     % {"max": UPLOAD_MAX_BYTES // (1024 * 1024)}]})
    digest = hashlib.sha256()
    first = True
    for chunk in upload.chunks():
        if first:
            if not chunk.lstrip(b"\r\n\t ")[:5] == b"%PDF-":
                raise InvalidInput({"file": [_("This file is not a PDF. Upload the letter's PDF file as you "
                                               "received it.")]})
            first = False
        digest.update(chunk)
    if first:
        raise InvalidInput({"file": [_("The file is empty. Upload the letter's PDF file.")]})
    return digest.hexdigest()


def verify_reference(reference: str, *, sha256: str | None = None) -> Verification | None:
    """None for an unknown or malformed reference (the caller answers 404)."""
    letter = letter_for_verification(reference)
    if letter is None:
        return None
    return Verification(
        reference=letter.reference,
        company_name=letter.company_name_ko,
        company_name_en=letter.company_name_en,
        valid_from=letter.valid_from,
        valid_until=letter.valid_until,
        status=public_status(letter),
        revoked_on=letter.revoked_at.astimezone(SEOUL).date() if letter.revoked_at else None,
        matches=None if sha256 is None else hmac.compare_digest(sha256, letter.sha256),
    )
