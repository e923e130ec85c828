"""Issuance: exactly one letter per application and gapless references, whatever happens.

These render real letters (a few hundred milliseconds each), so they are few and each checks a lot.
"""

import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from letters.domain.dates import seoul_date, valid_until
from letters.models import Letter, LetterStatus, ReferenceCounter, format_reference
from letters.pdf.files import sha256_hex
from letters.pdf.sign import check_signature
from letters.selectors import issuance_integrity
from letters.services import applications_awaiting_letter, letter_issue
from portal.audit.models import AuditEntry
from portal.common.storage import read_private
from portal.errors import Conflict
from screening.enums import ApplicationState
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.slow


def current_year() -> int:
    return seoul_date(timezone.now()).year


@pytest.mark.django_db
def test_issuing_stores_a_signed_letter_and_grants_the_application():
    application = ApplicationFactory(approved=True, decision_conditions="1. 분기별 요약 보고\n2. Keep logs")
    letter = letter_issue(application_id=application.pk)

    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    assert letter.reference == format_reference(current_year(), 1)
    assert letter.status == LetterStatus.VALID
    assert letter.valid_from == seoul_date(letter.issued_at)
    assert letter.valid_until == valid_until(letter.valid_from)
    data = read_private(letter.pdf_name)
    assert letter.sha256 == sha256_hex(data) and len(letter.sha256) == 64 and letter.sha256 == letter.sha256.lower()
    assert letter.pdf_size == len(data)
    assert check_signature(data).valid
    assert AuditEntry.objects.filter(action="letter.issue", object_id=str(letter.pk)).count() == 1
    assert application.state_changes.filter(transition="grant").count() == 1

    # Again: the same letter, nothing new.
    assert letter_issue(application_id=application.pk) == letter
    assert Letter.objects.count() == 1
    assert ReferenceCounter.objects.get(year=current_year()).last_number == 1


@pytest.mark.django_db
def test_a_later_effective_date_sets_the_validity(settings):
    effective = timezone.localdate() + timezone.timedelta(days=30)
    application = ApplicationFactory(approved=True, effective_date=effective)
    letter = letter_issue(application_id=application.pk)
    assert letter.valid_from == effective
    assert letter.valid_until == valid_until(effective)


@pytest.mark.django_db
@pytest.mark.parametrize("state", [ApplicationState.SCREENED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN])
def test_no_letter_for_an_application_that_is_not_approved(state):
    application = ApplicationFactory.in_state(state)
    with pytest.raises(Conflict) as refused:
        letter_issue(application_id=application.pk)
    assert refused.value.code == "not_approved"
    assert not Letter.objects.exists()
    assert not ReferenceCounter.objects.filter(last_number__gt=0).exists()


@pytest.mark.django_db
def test_a_failure_before_the_commit_leaves_no_letter_and_no_used_number(settings, tmp_path):
    application = ApplicationFactory(approved=True)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the letters folder should be")
    settings.PRIVATE_STORAGE_ROOT = blocked  # writing the PDF fails inside the transaction
    with pytest.raises(OSError):
        letter_issue(application_id=application.pk)
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert not Letter.objects.exists()
    assert not ReferenceCounter.objects.filter(last_number__gt=0).exists()
    assert list(applications_awaiting_letter()) == [application]  # the sweep will find it

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    letter = letter_issue(application_id=application.pk)
    assert letter.number == 1


def _run_in_threads(targets):
    errors = []

    def run(target):
        try:
            target()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    barrier_threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in barrier_threads:
        thread.start()
    for thread in barrier_threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuance_gives_one_letter_per_application_and_gapless_references():
    applications = [ApplicationFactory(approved=True) for _ in range(3)]
    start = threading.Barrier(6)

    def issue(application_id):
        def target():
            start.wait(timeout=30)
            letter_issue(application_id=application_id)
        return target

    # Two runs for each application, all six at once (a duplicated task, a retry racing the original).
    errors = _run_in_threads([issue(a.pk) for a in applications for _ in range(2)])
    assert errors == []

    letters = list(Letter.objects.order_by("number"))
    assert len(letters) == 3
    assert {letter.application_id for letter in letters} == {a.pk for a in applications}
    year = current_year()
    assert [letter.reference for letter in letters] == [format_reference(year, n) for n in (1, 2, 3)]
    assert ReferenceCounter.objects.get(year=year).last_number == 3
    for letter in letters:
        assert letter.application.state == ApplicationState.GRANTED
        assert letter.application.state_changes.filter(transition="grant").count() == 1
    assert issuance_integrity().ok  # and each stored PDF is the one recorded
