"""issuance_integrity(): what it reports on a clean record, and each kind of damage it is there to find.

Several letters for one application cannot be stored (the one-to-one column), so that count is not
tested here; the others are made by hand, the way a lost task, a skipped number or a disk would."""

import pytest

from letters.models import Letter, ReferenceCounter, format_reference
from letters.selectors import issuance_integrity
from portal.common.storage import delete_private, read_private, write_private
from tests.factories import ApplicationFactory, LetterFactory

pytestmark = pytest.mark.django_db


def test_a_clean_record_is_ok():
    letters = [LetterFactory(), LetterFactory(), LetterFactory(revoked=True), LetterFactory(expired=True)]
    ApplicationFactory(screened=True)  # not approved: owes no letter
    ApplicationFactory(rejected=True)

    report = issuance_integrity()

    assert report.ok
    assert report.letters == len(letters)
    assert report.approved_without_letter == report.unissued_references == report.bad_pdfs == ()


def test_an_approved_or_granted_application_without_its_letter_is_reported():
    LetterFactory()
    waiting = ApplicationFactory(approved=True)  # its task was lost
    granted = ApplicationFactory(granted=True)  # a state only the letter's commit reaches

    report = issuance_integrity()

    assert not report.ok
    assert report.approved_without_letter == (waiting.pk, granted.pk)
    assert report.unissued_references == report.bad_pdfs == ()


def test_a_number_missing_from_the_years_sequence_is_reported():
    first, _second, third = LetterFactory(), LetterFactory(), LetterFactory()
    year = first.year
    Letter.objects.filter(pk=third.pk).update(number=5, reference=format_reference(year, 5))

    report = issuance_integrity()

    assert report.unissued_references == (format_reference(year, 3), format_reference(year, 4))
    assert not report.ok and report.letters == 3


def test_a_number_the_counter_gave_out_without_a_letter_is_reported():
    letter = LetterFactory()
    ReferenceCounter.objects.filter(year=letter.year).update(last_number=2)

    assert issuance_integrity().unissued_references == (format_reference(letter.year, 2),)


def test_a_stored_pdf_that_is_gone_or_changed_is_reported():
    gone, same_size, other_size, intact = LetterFactory(), LetterFactory(), LetterFactory(), LetterFactory()
    delete_private(gone.pdf_name)
    data = read_private(same_size.pdf_name)
    write_private(same_size.pdf_name, data[:-2] + b"X\n")  # same size, other digest
    write_private(other_size.pdf_name, read_private(other_size.pdf_name) + b"%appended\n")

    report = issuance_integrity()

    assert report.missing_pdfs == (gone.reference,)
    assert report.altered_pdfs == (same_size.reference, other_size.reference)
    assert intact.reference not in report.bad_pdfs
    assert not report.ok and report.approved_without_letter == report.unissued_references == ()
