"""After issuance: revocation by the program office and the daily expiry.

The application's state (screening) and the letter's status (here) change in one transaction when
these services are used. Revocation fired through the applications API (screening's ``revoke``)
reaches the letter through ``letter_record_revocation``, called by letters' receiver of screening's
``application_transitioned`` after screening's commit; the
daily job also reconciles any letter whose application was revoked or expired without it.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from letters import rules
from letters.domain.dates import SEOUL
from letters.models import Letter, LetterStatus
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening.enums import REASON_MAX, ApplicationState
from screening.services import application_expire, application_revoke

logger = logging.getLogger(__name__)


def _lock_letter(letter_id: int) -> Letter:
    try:
        return Letter.objects.select_for_update(of=("self",)).select_related("application").get(pk=letter_id)
    except Letter.DoesNotExist:
        raise NotFound(_("This letter does not exist or is not available to you.")) from None


def _seoul_day(moment: dt.datetime) -> str:
    return date_format(moment.astimezone(SEOUL).date(), "Y-m-d")


def _refuse_if_not_valid(letter: Letter, *, today: dt.date) -> None:
    if letter.status == LetterStatus.REVOKED:
        raise Conflict(
            _("Letter %(reference)s was already revoked on %(date)s.")
            % {"reference": letter.reference, "date": _seoul_day(letter.revoked_at)},
            code="already_revoked", extra={"status": letter.status},
        )
    if letter.status == LetterStatus.EXPIRED or letter.valid_until < today:
        raise Conflict(
            _("Letter %(reference)s expired on %(date)s; an expired letter cannot be revoked.")
            % {"reference": letter.reference, "date": date_format(letter.valid_until, "Y-m-d")},
            code="expired", extra={"status": LetterStatus.EXPIRED},
        )


def letter_revoke(*, letter: Letter, actor, reason: str) -> Letter:
    """The program office revokes a valid letter, with a reason. Atomic and audited: the letter and
    its application (``granted`` -> ``revoked``) change together. Revoking a revoked or expired letter
    is refused (409) and changes nothing."""
    if not rules.can_revoke_letter(actor):
        raise NotAllowed(_("Only the program office may revoke a letter."), code="role_may_not")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput({"reason": [_("A reason is required to revoke a letter.")]})
    if len(reason) > REASON_MAX:
        raise InvalidInput({"reason": [_("The reason may be at most %(max)d characters long (it has %(n)d).")
                                       % {"max": REASON_MAX, "n": len(reason)}]})
    with transaction.atomic():
        locked = _lock_letter(letter.pk)
        _refuse_if_not_valid(locked, today=timezone.localdate(timezone=SEOUL))
        application = application_revoke(application=locked.application, actor=actor, reason=reason,
                                         expected_version=None)
        _mark_revoked(locked, at=application.revoked_at, by=actor, reason=reason)
    return locked


def _mark_revoked(letter: Letter, *, at, by, reason: str) -> None:
    before = {"status": letter.status}
    letter.status = LetterStatus.REVOKED
    letter.revoked_at = at or timezone.now()
    letter.revoked_by = by if getattr(by, "is_authenticated", False) else None
    letter.revocation_reason = reason
    letter.full_clean()
    letter.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    audit_record(actor=by, action="letter.revoke", obj=letter, before=before,
                 after={"status": letter.status, "revoked_at": letter.revoked_at}, reason=reason)


def letter_record_revocation(*, application_id: int) -> Letter | None:
    """Bring the letter in line with a revoked application (screening calls this after its commit).
    Idempotent; does nothing when there is no letter or it is already revoked."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).select_related("application").filter(
            application_id=application_id).first()
        if letter is None or letter.status == LetterStatus.REVOKED:
            return letter
        application = letter.application
        if application.state != ApplicationState.REVOKED:
            return letter
        _mark_revoked(letter, at=application.revoked_at, by=_revoker(application),
                      reason=application.revocation_reason)
    return letter


def _revoker(application):
    """The person who fired ``revoke`` on the application (its last state change), if recorded."""
    change = application.state_changes.filter(transition="revoke").select_related("actor").order_by("-at").first()
    return change.actor if change else None


def letters_expire_due(*, today: dt.date | None = None) -> list[str]:
    """The daily job: every valid letter whose ``valid_until`` has passed becomes expired, and so does
    its application. Also records revocations screening made without the letter. Idempotent; one
    transaction per letter, so one failure does not hold back the others. Returns the references."""
    today = today or timezone.localdate(timezone=SEOUL)
    expired = []
    for letter_id in Letter.objects.filter(status=LetterStatus.VALID, valid_until__lt=today).values_list(
            "id", flat=True):
        try:
            with transaction.atomic():
                letter = _lock_letter(letter_id)
                if letter.status != LetterStatus.VALID or letter.valid_until >= today:
                    continue
                if letter.application.state == ApplicationState.GRANTED:
                    application_expire(application_id=letter.application_id,
                                       reason=_("Validity ended on %(date)s.")
                                       % {"date": date_format(letter.valid_until, "Y-m-d")})
                letter.status = LetterStatus.EXPIRED
                letter.expired_at = timezone.now()
                letter.full_clean()
                letter.save(update_fields=["status", "expired_at"])
                audit_record(actor=None, action="letter.expire", obj=letter, before={"status": LetterStatus.VALID},
                             after={"status": letter.status, "valid_until": letter.valid_until})
                expired.append(letter.reference)
        except Exception:
            logger.exception("could not expire letter %s", letter_id)
    stragglers = Letter.objects.filter(status=LetterStatus.VALID,
                                       application__state=ApplicationState.REVOKED).values_list(
        "application_id", flat=True)
    for application_id in stragglers:
        letter_record_revocation(application_id=application_id)
    return expired
