"""Decisions and what follows them: approve, reject, grant (the letters job), revoke, expire (the daily job)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from portal.errors import InvalidInput
from screening.enums import DECISION_CONDITIONS_MAX, ApplicationState
from screening.models import Application

from .core import check_conditions, check_role, check_state, fire, lock_application, run_transition


def on_approved(application_id: int) -> None:
    """Runs after the approval is committed: queues the letter. letters sits above screening, so its
    service is imported here, by its public name, after commit. A broker outage is logged by
    letters and the periodic sweep queues the letter again."""
    from letters.services import letter_issue_queue

    letter_issue_queue(application_id=application_id)


def on_revoked(application_id: int) -> None:
    """Runs after a revocation is committed: the letter records it (status, date, reason) at once.
    Imported here for the same reason as in ``on_approved``; letters' daily job reconciles too."""
    from letters.services import letter_record_revocation

    letter_record_revocation(application_id=application_id)


def _effective_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    date = value if isinstance(value, dt.date) else parse_date(str(value)) if isinstance(value, str) else None
    if date is None:
        raise InvalidInput({"effective_date": [_("Give the effective date as YYYY-MM-DD.")]})
    if date < timezone.localdate():
        raise InvalidInput({"effective_date": [_("The effective date cannot be in the past.")]})
    return date


def _conditions(value) -> str:
    text = (value or "").strip()
    if len(text) > DECISION_CONDITIONS_MAX:
        raise InvalidInput({"conditions": [
            _("The conditions may be at most %(max)d characters long (they have %(n)d).")
            % {"max": DECISION_CONDITIONS_MAX, "n": len(text)}
        ]})
    return text


def application_approve(*, application: Application, actor, reason: str, conditions: str = "",
                        effective_date=None, expected_version: int | None = None) -> Application:
    """The program office approves a screened application, with a reason, optional specific
    conditions and an optional later effective date. After commit the letter is queued (``on_approved``)."""
    approved = run_transition(
        application=application, name="approve", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"reason": (reason or "").strip(), "conditions": _conditions(conditions),
                            "effective_date": _effective_date(effective_date), "by": actor, "at": timezone.now()},
        audit_after=lambda a: {"conditions": a.decision_conditions,
                               "effective_date": a.effective_date.isoformat() if a.effective_date else None},
    )
    application_id = approved.pk
    transaction.on_commit(lambda: on_approved(application_id))
    return approved


def application_reject(*, application: Application, actor, reason: str,
                       expected_version: int | None = None) -> Application:
    """The program office rejects a screened application, with a reason."""
    return run_transition(
        application=application, name="reject", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"reason": (reason or "").strip(), "by": actor, "at": timezone.now()},
    )


def _letter_still_valid(application: Application) -> None:
    """A letter past its ``valid_until`` is expired even before the daily job marks it so; revoking it
    is refused here as in letters' own service. Imported here for the same reason as in ``on_approved``."""
    from letters.services import letter_refuse_revocation

    letter_refuse_revocation(application_id=application.pk)


def application_revoke(*, application: Application, actor, reason: str,
                       expected_version: int | None = None) -> Application:
    """The program office revokes a granted letter's application, with a reason; a letter already past
    its validity cannot be revoked (409 ``expired``). After commit the letter records the revocation
    (``on_revoked``)."""
    def prepare(locked: Application) -> dict:
        _letter_still_valid(locked)
        return {"reason": (reason or "").strip(), "at": timezone.now()}

    revoked = run_transition(
        application=application, name="revoke", actor=actor, reason=reason, expected_version=expected_version,
        prepare=prepare,
    )
    application_id = revoked.pk
    transaction.on_commit(lambda: on_revoked(application_id))
    return revoked


def _system_transition(application_id: int, name: str, done_state: str, reason: str) -> Application:
    with transaction.atomic():
        locked = lock_application(application_id)
        if locked.state == done_state:
            return locked  # already done: running the job again changes nothing
        check_role(locked, name, None)
        check_state(locked, name)
        check_conditions(locked, name)
        fire(locked, name=name, actor=None, reason=reason, arguments={"at": timezone.now()})
    return locked


def application_grant(*, application_id: int, reason: str = "") -> Application:
    """Fired by the portal itself once the letter is stored. Idempotent: a granted application stays so."""
    return _system_transition(application_id, "grant", ApplicationState.GRANTED, reason)


def application_expire(*, application_id: int, reason: str = "") -> Application:
    """Fired by the daily job once the letter's validity has passed. Idempotent."""
    return _system_transition(application_id, "expire", ApplicationState.EXPIRED, reason)
