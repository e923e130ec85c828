"""Issuing a letter: exactly once per approved application, with a gapless reference.

How "exactly once" holds, whatever happens:

* The database: ``Letter.application`` is one-to-one and ``reference`` / ``(year, number)`` are unique.
* The commit: one transaction locks the application row (``SELECT ... FOR UPDATE``), re-checks that it
  is still approved and has no letter, locks the year's ``ReferenceCounter`` row, takes the next
  number, stores the letter and fires screening's ``grant``. Two runs for one application serialise
  on the application lock; the second sees the letter and returns it.
* Rendering (a few hundred milliseconds) happens before that transaction, without locks, for the
  number the counter will most likely hand out (with one worker: always). If another letter took
  that number meanwhile (or the application changed), that render is dropped and the letter is
  rendered again inside the transaction, under the counter lock, which always succeeds: at most one
  wasted render per lost race, and no lock held while rendering in the common case.
* A crash before the commit leaves nothing but possibly an unreferenced PDF file; a crash after it
  leaves a complete letter that the next run finds. Numbers are taken only by committed letters, so
  references stay gapless.
"""

import logging
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.conditions import CURRENT_VERSION
from letters.domain.dates import seoul_date
from letters.models import Letter, LetterStatus, ReferenceCounter, format_reference
from letters.pdf.content import letter_content
from letters.pdf.files import LETTER_TEMP_PREFIX, letter_pdf_name, sha256_hex
from letters.pdf.render import render_letter_pdf
from letters.pdf.sign import sign_pdf
from portal.audit.services import audit_record
from portal.common.queue import enqueue
from portal.common.storage import delete_private, write_private
from portal.errors import Conflict, NotFound
from screening.enums import ApplicationState
from screening.models import Application
from screening.services import application_grant

logger = logging.getLogger(__name__)

OPTIMISTIC_ATTEMPTS = 1


@dataclass(frozen=True, slots=True)
class _Rendered:
    year: int
    number: int
    reference: str
    pdf: bytes
    sha256: str
    valid_from: object
    valid_until: object
    company_name_ko: str
    company_name_en: str


def _render(application: Application, *, year: int, number: int, issued_at) -> _Rendered:
    reference = format_reference(year, number)
    content = letter_content(application, reference=reference, issued_at=issued_at)
    pdf = sign_pdf(render_letter_pdf(content), reference=reference)
    return _Rendered(year=year, number=number, reference=reference, pdf=pdf, sha256=sha256_hex(pdf),
                     valid_from=content.valid_from, valid_until=content.valid_until,
                     company_name_ko=content.company_name_ko, company_name_en=content.company_name_en)


def _next_number_guess(year: int) -> int:
    last = ReferenceCounter.objects.filter(year=year).values_list("last_number", flat=True).first()
    return (last or 0) + 1


def _lock_counter(year: int) -> ReferenceCounter:
    ReferenceCounter.objects.get_or_create(year=year)  # the row exists before anyone locks it
    return ReferenceCounter.objects.select_for_update().get(year=year)


def _lock_application(application_id: int) -> Application:
    try:
        return Application.objects.select_for_update(of=("self",)).select_related("company").get(pk=application_id)
    except Application.DoesNotExist:
        raise NotFound(_("This application does not exist.")) from None


def _require_approved(application: Application) -> None:
    if application.state != ApplicationState.APPROVED:
        raise Conflict(
            _("A letter is issued only for an approved application; this one is %(state)s.")
            % {"state": ApplicationState(application.state).label},
            code="not_approved", extra={"state": application.state},
        )


def _existing(application_id: int) -> Letter | None:
    return Letter.objects.filter(application_id=application_id).first()


def _attempt(application_id: int, *, render_under_lock: bool) -> Letter | None:
    """One try. Returns the letter, or None when an unlocked render lost its number to another letter."""
    if (letter := _existing(application_id)) is not None:
        return letter
    try:
        application = Application.objects.select_related("company").get(pk=application_id)
    except Application.DoesNotExist:
        raise NotFound(_("This application does not exist.")) from None
    _require_approved(application)
    issued_at = timezone.now()
    year = seoul_date(issued_at).year
    started = time.perf_counter()
    rendered = None if render_under_lock else _render(
        application, year=year, number=_next_number_guess(year), issued_at=issued_at)
    rendered_at = time.perf_counter()

    stored_name = None
    try:
        with transaction.atomic():
            locked = _lock_application(application_id)
            if (letter := _existing(application_id)) is not None:
                return letter  # another run committed first; ours is discarded
            _require_approved(locked)
            counter = _lock_counter(year)
            number = counter.last_number + 1
            if rendered is None:
                rendered = _render(locked, year=year, number=number, issued_at=issued_at)
            elif rendered.number != number or locked.version != application.version:
                return None  # the number went to another letter, or the application changed
            stored_name = letter_pdf_name(year=year, reference=rendered.reference, sha256=rendered.sha256)
            write_private(stored_name, rendered.pdf, prefix=LETTER_TEMP_PREFIX)
            counter.last_number = number
            counter.save(update_fields=["last_number"])
            letter = Letter(
                application=locked, reference=rendered.reference, year=year, number=number, issued_at=issued_at,
                company_name_ko=rendered.company_name_ko, company_name_en=rendered.company_name_en,
                valid_from=rendered.valid_from, valid_until=rendered.valid_until,
                conditions_version=CURRENT_VERSION, pdf_name=stored_name, pdf_size=len(rendered.pdf),
                sha256=rendered.sha256, status=LetterStatus.VALID,
            )
            # Field validation only: uniqueness and the check constraints are the database's job, and
            # the locks above already rule a conflict out (validating them here costs 11 queries).
            letter.full_clean(exclude=["application"], validate_unique=False, validate_constraints=False)
            letter.save()
            application_grant(application_id=locked.pk, valid_until=letter.valid_until, reason=rendered.reference)
            audit_record(
                actor=None, action="letter.issue", obj=letter,
                after={"reference": letter.reference, "application": locked.pk, "sha256": letter.sha256,
                       "valid_from": letter.valid_from, "valid_until": letter.valid_until},
            )
        logger.info("issued %s: rendered and signed in %.0f ms, committed in %.0f ms%s", letter.reference,
                    (rendered_at - started) * 1000, (time.perf_counter() - rendered_at) * 1000,
                    " (rendered under the lock)" if render_under_lock else "")
    except BaseException:
        if stored_name:
            delete_private(stored_name)  # the row was rolled back; the file must not outlive it
        raise
    return letter


def letter_issue(*, application_id: int) -> Letter:
    """Issue (or return) the letter of an approved application, and move it to ``granted``.

    Idempotent and safe to run concurrently, repeatedly and after a crash: there is exactly one
    letter per application. Called by the Celery task (``letters.tasks.issue_letter``) and the sweep,
    never by a person. Raises ``Conflict`` when the application is not approved (and has no letter).
    """
    for _attempt_number in range(OPTIMISTIC_ATTEMPTS):
        letter = _attempt(application_id, render_under_lock=False)
        if letter is not None:
            return letter
        logger.info("letter for application %s lost its number to another letter; retrying", application_id)
    letter = _attempt(application_id, render_under_lock=True)
    assert letter is not None  # noqa: S101 - rendering under the counter lock cannot lose the number
    return letter


def letter_issue_queue(*, application_id: int) -> bool:
    """Queue issuance (after the approval is committed). A broker outage is logged, not raised: the
    approval stands and the periodic sweep (``letters.sweep_unissued``) queues it again."""
    return enqueue("letters.issue_letter", application_id)


def applications_awaiting_letter(*, approved_before=None):
    """Approved applications without a letter (what the sweep queues again)."""
    queryset = Application.objects.filter(state=ApplicationState.APPROVED, letter__isnull=True)
    if approved_before is not None:
        queryset = queryset.filter(decided_at__lt=approved_before)
    return queryset.order_by("decided_at", "id")
