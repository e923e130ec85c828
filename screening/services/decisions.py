"""Decisions and what follows them: approve, reject, grant (the letters job), revoke, expire (the daily job)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.errors import Conflict, InvalidInput
from screening.enums import DECISION_CONDITIONS_MAX, ApplicationState
from screening.models import Application
from screening.selectors.review import submitted_assessments
from screening.services.core import (
    check_conditions,
    check_role,
    check_state,
    fire,
    lock_application,
    run_transition,
)


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


def compose_conditions(application: Application, *, adopted, own: str) -> str:
    """The letter's specific conditions: the adopted advisors' proposals (by assessment id), then the
    office's own, one paragraph each."""
    ids = []
    for value in adopted or []:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise InvalidInput({"adopt_conditions": [_("Give assessment ids (numbers).")]}) from None
    proposals = {a.pk: a for a in submitted_assessments(application).filter(pk__in=ids)}
    unknown = [i for i in ids if i not in proposals]
    if unknown:
        raise InvalidInput({"adopt_conditions": [
            _("These are not submitted assessments of this application: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        ]})
    parts = [proposals[i].conditions.strip() for i in dict.fromkeys(ids) if proposals[i].conditions.strip()]
    if (own or "").strip():
        parts.append(own.strip())
    return "\n\n".join(parts)


def application_approve(*, application: Application, actor, reason: str, conditions: str = "",
                        adopt_conditions=None, effective_date=None,
                        expected_version: int | None = None) -> Application:
    """The program office approves a screened application, with a reason, an optional later effective
    date and the letter's specific conditions: the advisors' proposals it adopts (``adopt_conditions``:
    assessment ids) and its own (``conditions``). After commit, letters queues the letter (it receives
    ``application_transitioned``). The API, the pages, the tests and bench all approve through this."""
    if adopt_conditions:
        conditions = compose_conditions(application, adopted=adopt_conditions, own=conditions)
    approved = run_transition(
        application=application, name="approve", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"reason": (reason or "").strip(), "conditions": _conditions(conditions),
                            "effective_date": _effective_date(effective_date), "by": actor, "at": timezone.now()},
        audit_after=lambda a: {"conditions": a.decision_conditions,
                               "effective_date": a.effective_date.isoformat() if a.effective_date else None},
    )
    return approved


def application_reject(*, application: Application, actor, reason: str,
                       expected_version: int | None = None) -> Application:
    """The program office rejects a screened application, with a reason."""
    return run_transition(
        application=application, name="reject", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"reason": (reason or "").strip(), "by": actor, "at": timezone.now()},
    )


def _letter_still_valid(application: Application) -> None:
    """A letter past its ``valid_until`` is expired even before the daily job marks it so: revoking it
    is refused (409 ``expired``), as letters' own service refuses it. Reads the date that ``grant``
    stored on the application, so screening asks letters nothing while it holds the lock."""
    valid_until = application.letter_valid_until
    if valid_until is not None and valid_until < timezone.localdate():
        raise Conflict(
            _("The letter expired on %(date)s; an expired letter cannot be revoked.")
            % {"date": date_format(valid_until, "Y-m-d")},
            code="expired", extra={"status": "expired"},
        )


def application_revoke(*, application: Application, actor, reason: str,
                       expected_version: int | None = None) -> Application:
    """The program office revokes a granted letter's application, with a reason; a letter already past
    its validity cannot be revoked (409 ``expired``). After commit, letters records the revocation on
    the letter (it receives ``application_transitioned``)."""
    def prepare(locked: Application) -> dict:
        _letter_still_valid(locked)
        return {"reason": (reason or "").strip(), "at": timezone.now()}

    return run_transition(
        application=application, name="revoke", actor=actor, reason=reason, expected_version=expected_version,
        prepare=prepare,
    )


def _system_transition(application_id: int, name: str, done_state: str, reason: str,
                       arguments: dict | None = None) -> Application:
    with transaction.atomic():
        locked = lock_application(application_id)
        if locked.state == done_state:
            return locked  # already done: running the job again changes nothing
        check_role(locked, name, None)
        check_state(locked, name)
        check_conditions(locked, name)
        fire(locked, name=name, actor=None, reason=reason, arguments={"at": timezone.now(), **(arguments or {})})
    return locked


def application_grant(*, application_id: int, valid_until: dt.date, reason: str = "") -> Application:
    """Fired by the portal itself once the letter is stored, with the letter's last valid day (which the
    revocation guard reads). Idempotent: a granted application stays so."""
    return _system_transition(application_id, "grant", ApplicationState.GRANTED, reason,
                              arguments={"valid_until": valid_until})


def application_expire(*, application_id: int, reason: str = "") -> Application:
    """Fired by the daily job once the letter's validity has passed. Idempotent."""
    return _system_transition(application_id, "expire", ApplicationState.EXPIRED, reason)
