"""Revocation and expiry, on letters built from stored bytes (no rendering)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from letters.models import LetterStatus
from letters.services import letter_revoke, letters_expire_due
from portal.audit.models import AuditEntry
from portal.errors import Conflict, InvalidInput, NotAllowed
from screening.enums import ApplicationState
from screening.services import fire_transition
from tests.factories import ApplicationFactory, LetterFactory

pytestmark = pytest.mark.django_db


def test_the_program_office_revokes_a_letter_with_a_reason(program_admin):
    letter = LetterFactory()
    revoked = letter_revoke(letter=letter, actor=program_admin, reason="보완통제 미이행")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVOKED == revoked.status
    assert letter.revoked_at is not None and letter.revoked_by == program_admin
    assert letter.revocation_reason == "보완통제 미이행"
    application = letter.application
    application.refresh_from_db()
    assert application.state == ApplicationState.REVOKED
    assert application.state_changes.filter(transition="revoke", actor=program_admin).count() == 1
    entry = AuditEntry.objects.get(action="letter.revoke", object_id=str(letter.pk))
    assert entry.reason == "보완통제 미이행" and entry.actor == program_admin


def test_revoking_twice_is_refused_with_the_date(program_admin):
    letter = LetterFactory()
    letter_revoke(letter=letter, actor=program_admin, reason="first")
    with pytest.raises(Conflict) as caught:
        letter_revoke(letter=letter, actor=program_admin, reason="second")
    assert caught.value.code == "already_revoked"
    with translation.override("en"):
        with pytest.raises(Conflict, match=r"already revoked on \d{4}-\d{2}-\d{2}"):
            letter_revoke(letter=letter, actor=program_admin, reason="second")
    with pytest.raises(Conflict, match="이미 철회"):
        letter_revoke(letter=letter, actor=program_admin, reason="second")
    letter.refresh_from_db()
    assert letter.revocation_reason == "first"


def test_an_expired_letter_cannot_be_revoked(program_admin):
    letter = LetterFactory(expired=True)
    with pytest.raises(Conflict) as caught:
        letter_revoke(letter=letter, actor=program_admin, reason="too late")
    assert caught.value.code == "expired" and letter.valid_until.isoformat() in caught.value.message
    letter.refresh_from_db()
    assert letter.status == LetterStatus.EXPIRED


def test_a_letter_past_its_validity_cannot_be_revoked_even_before_the_job_runs(program_admin):
    issued = timezone.now() - dt.timedelta(days=400)
    letter = LetterFactory(issued_at=issued)
    assert letter.status == LetterStatus.VALID
    with pytest.raises(Conflict) as caught:
        letter_revoke(letter=letter, actor=program_admin, reason="too late")
    assert caught.value.code == "expired"


@pytest.mark.parametrize("reason", ["", "   "])
def test_revocation_needs_a_reason(program_admin, reason):
    with pytest.raises(InvalidInput) as caught:
        letter_revoke(letter=LetterFactory(), actor=program_admin, reason=reason)
    assert "reason" in caught.value.fields


@pytest.mark.parametrize("role", ["reviewer", "auditor", "ciso"])
def test_only_the_program_office_revokes(request, role):
    actor = request.getfixturevalue(role)
    letter = LetterFactory()
    with pytest.raises(NotAllowed):
        letter_revoke(letter=letter, actor=actor, reason="no")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.VALID


def test_revoking_through_the_applications_transition_reaches_the_letter(
        program_admin, django_capture_on_commit_callbacks):
    letter = LetterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        fire_transition(application=letter.application, name="revoke", actor=program_admin,
                        data={"reason": "조건 위반"})
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVOKED
    assert letter.revocation_reason == "조건 위반" and letter.revoked_by == program_admin



def test_the_applications_transition_also_refuses_a_letter_past_its_validity(
        program_admin, django_capture_on_commit_callbacks):
    letter = LetterFactory(issued_at=timezone.now() - dt.timedelta(days=400))
    application = letter.application
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Conflict) as caught:
            fire_transition(application=application, name="revoke", actor=program_admin,
                            data={"reason": "too late"})
    assert caught.value.code == "expired" and letter.valid_until.isoformat() in caught.value.message
    application.refresh_from_db()
    letter.refresh_from_db()
    assert application.state == ApplicationState.GRANTED and letter.status == LetterStatus.VALID
    assert not application.state_changes.filter(transition="revoke").exists()


def test_the_applications_revoke_over_the_api_is_a_409_for_a_letter_past_its_validity(api, program_admin):
    letter = LetterFactory(issued_at=timezone.now() - dt.timedelta(days=400))
    response = api.as_user(program_admin).post(f"/api/v1/applications/{letter.application.pk}/transitions/revoke/",
                                               {"reason": "too late"}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "expired"

def test_the_daily_job_expires_letters_after_their_last_valid_day():
    today = dt.date(2027, 7, 1)
    ending_yesterday = LetterFactory(issued_at=dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC))  # until 2027-06-30
    still_valid = LetterFactory(issued_at=dt.datetime(2026, 7, 2, 1, tzinfo=dt.UTC))  # until 2027-07-01
    assert ending_yesterday.valid_until == dt.date(2027, 6, 30)

    assert letters_expire_due(today=today) == [ending_yesterday.reference]
    ending_yesterday.refresh_from_db()
    still_valid.refresh_from_db()
    assert ending_yesterday.status == LetterStatus.EXPIRED and ending_yesterday.expired_at is not None
    assert ending_yesterday.application.state == ApplicationState.EXPIRED
    assert ending_yesterday.application.state_changes.filter(transition="expire", actor=None).count() == 1
    assert still_valid.status == LetterStatus.VALID
    assert AuditEntry.objects.filter(action="letter.expire").count() == 1

    assert letters_expire_due(today=today) == []  # again: nothing changes
    assert AuditEntry.objects.filter(action="letter.expire").count() == 1


def test_the_daily_job_records_a_revocation_the_letter_missed():
    letter = LetterFactory(application=ApplicationFactory(revoked=True))
    assert letter.status == LetterStatus.VALID
    letters_expire_due()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVOKED
    assert letter.revocation_reason == letter.application.revocation_reason
