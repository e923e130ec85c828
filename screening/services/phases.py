"""Phases and the applications in them: create and edit phases, schedule (with capacity), move, confirm
the proposed allocation, start reviews (one application or a whole phase)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, PortalError
from screening import rules
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION
from screening.enums import DEFAULT_REVIEW_DAYS, PHASE_SEAT_EXCLUDED_STATES, ApplicationState, PhaseState
from screening.models import Application, Phase
from screening.services.core import (
    check_fresh,
    check_visible,
    clean_reason,
    lock_application,
    run_transition,
    state_label,
    validation_fields,
)

PHASE_FIELDS = (
    "number", "name", "name_en", "starts_on", "ends_on", "capacity_min", "capacity_max", "state",
    "reviewers_per_application", "advisors_per_application",
)


def _phase_snapshot(phase: Phase) -> dict:
    return {field: getattr(phase, field) for field in PHASE_FIELDS}


def _check_phase_manager(actor) -> None:
    if not rules.can_manage_phases(actor):
        raise NotAllowed(_("Only the program office may create or change phases."))


def _clean_phase(phase: Phase) -> None:
    try:
        phase.full_clean()
    except ValidationError as error:
        fields = validation_fields(error)
        if "__all__" in fields:
            fields["non_field_errors"] = fields.pop("__all__")
        raise InvalidInput(fields) from None
    if phase.ends_on < phase.starts_on:
        raise InvalidInput({"ends_on": [_("The phase cannot end before it starts.")]})
    if phase.capacity_max < phase.capacity_min:
        raise InvalidInput({"capacity_max": [_("The maximum number of applications cannot be below the minimum.")]})


def phase_create(*, actor, data: dict) -> Phase:
    """The program office creates a phase (any positive, unused number; windows may overlap). Audited."""
    _check_phase_manager(actor)
    with transaction.atomic():
        phase = Phase(**{k: v for k, v in data.items() if k in PHASE_FIELDS})
        _clean_phase(phase)
        phase.save()
        audit_record(actor=actor, action="phase.create", obj=phase, after=_phase_snapshot(phase))
    return phase


def phase_update(*, actor, phase: Phase, data: dict) -> Phase:
    """The program office changes a phase, its state included. The capacity cannot go below the number of
    applications already in the phase. Audited with before and after."""
    _check_phase_manager(actor)
    with transaction.atomic():
        locked = Phase.objects.select_for_update().get(pk=phase.pk)
        before = _phase_snapshot(locked)
        for field, value in data.items():
            if field in PHASE_FIELDS:
                setattr(locked, field, value)
        _clean_phase(locked)
        seated = seats_taken(locked)
        if locked.capacity_max < seated:
            raise InvalidInput({"capacity_max": [
                _("Phase %(number)d already holds %(n)d applications; its maximum cannot be lower.")
                % {"number": locked.number, "n": seated}
            ]})
        after = _phase_snapshot(locked)
        changed = {k for k in PHASE_FIELDS if before[k] != after[k]}
        if not changed:
            return locked
        locked.save()
        audit_record(actor=actor, action="phase.update", obj=locked,
                     before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return locked


# --- scheduling --------------------------------------------------------------------------------------


def seats_taken(phase: Phase, *, excluding: Application | None = None) -> int:
    seated = Application.objects.filter(phase=phase).exclude(state__in=PHASE_SEAT_EXCLUDED_STATES)
    if excluding is not None:
        seated = seated.exclude(pk=excluding.pk)
    return seated.count()


def _phase_id(phase) -> int:
    if phase is None or phase == "":
        raise InvalidInput({"phase": [_("Choose the phase to schedule the application into.")]})
    if isinstance(phase, Phase):
        return phase.pk
    try:
        return int(phase)
    except (TypeError, ValueError):
        raise InvalidInput({"phase": [_("Give the phase as its id (a number).")]}) from None


def lock_phase_with_room(phase, *, application: Application) -> Phase:
    """The phase, locked until the end of the caller's transaction, after checking that it takes
    applications and has room for ``application``. Two office users scheduling into the last place at
    once queue on this lock: the second counts after the first has committed, and is refused."""
    try:
        locked = Phase.objects.select_for_update().get(pk=_phase_id(phase))
    except Phase.DoesNotExist:
        raise InvalidInput({"phase": [_("There is no phase with this id.")]}) from None
    today = timezone.localdate()
    if locked.state == PhaseState.CLOSED:
        raise InvalidInput({"phase": [_("Phase %(number)d is closed; choose another phase.")
                                      % {"number": locked.number}]})
    if locked.window_ended(today):
        raise InvalidInput({"phase": [_("The window of phase %(number)d ended on %(date)s; choose another phase.")
                                      % {"number": locked.number, "date": locked.ends_on.isoformat()}]})
    taken = seats_taken(locked, excluding=application)
    if taken >= locked.capacity_max:
        raise Conflict(
            _("Phase %(number)d is full (%(taken)d of %(max)d places taken); choose another phase.")
            % {"number": locked.number, "taken": taken, "max": locked.capacity_max},
            code="phase_full", extra={"phase": locked.pk},
        )
    return locked


def application_schedule(*, application: Application, actor, phase, reason: str = "",
                         expected_version: int | None = None) -> Application:
    """The program office puts an eligible application into a phase (a Phase or its id).

    Refused (400, keyed ``phase``) when the phase is closed or its window has ended, and (409) when it
    is full, counted under a lock on the phase. A phase whose window has not begun may be chosen: the
    application waits there. Scheduling never starts the review."""
    return run_transition(
        application=application, name="schedule", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda locked: {"phase": lock_phase_with_room(phase, application=locked)},
        audit_after=lambda a: {"phase": a.phase_id},
    )


def application_move(*, application: Application, actor, phase, reason: str = "",
                     expected_version: int | None = None) -> Application:
    """The program office moves a scheduled application to another phase (same checks as scheduling).
    Not a change of state: recorded in the audit log only."""
    if not rules.can_manage_phases(actor):
        raise NotAllowed(_("Only the program office may move applications between phases."))
    reason = clean_reason("schedule", reason)
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        check_fresh(locked, expected_version if expected_version is not None else application.version)
        if locked.state != ApplicationState.SCHEDULED:
            raise Conflict(
                _("Only a scheduled application can be moved to another phase; this one is %(state)s.")
                % {"state": state_label(locked.state)},
                code="not_allowed_in_state", extra={"state": locked.state},
            )
        target = lock_phase_with_room(phase, application=locked)
        if target.pk == locked.phase_id:
            return locked
        before = locked.phase_id
        locked.phase = target
        locked.version += 1
        locked.save(update_fields=["phase", "version", "updated_at"])
        audit_record(actor=actor, action="application.move_phase", obj=locked,
                     before={"phase": before}, after={"phase": target.pk}, reason=reason)
    return locked


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What a batch did: the ids it changed, and for each one it could not change, the reason."""

    done: list[int]
    refused: list[dict]


def _refusal(application_id: int, error: PortalError) -> dict:
    detail = error.message
    if isinstance(error, InvalidInput):
        detail = " ".join(m for messages in error.fields.values() for m in messages)
    return {"application": application_id, "detail": detail, "code": error.code}


def allocation_confirm(*, actor, placements: list[tuple[int, int]]) -> BatchOutcome:
    """Schedule each (application id, phase id) pair: the portal's proposal as the office confirmed or
    changed it. Each placement is its own transaction: one refused placement (full, closed, changed in
    the meantime) does not undo the others, and is reported with its reason."""
    if not rules.can_manage_phases(actor):
        raise NotAllowed(_("Only the program office may schedule applications."))
    done, refused = [], []
    for application_id, phase_id in placements:
        try:
            application = Application.objects.get(pk=application_id)
            application_schedule(application=application, actor=actor, phase=phase_id)
        except Application.DoesNotExist:
            refused.append({"application": application_id, "detail": _("There is no application with this id."),
                            "code": "not_found"})
        except PortalError as error:
            refused.append(_refusal(application_id, error))
        else:
            done.append(application_id)
    return BatchOutcome(done, refused)


# --- starting reviews --------------------------------------------------------------------------------


def application_start_review(*, application: Application, actor, reason: str = "",
                             expected_version: int | None = None) -> Application:
    """The program office starts the review of a scheduled application; its phase must be open. The
    rubric in force now is frozen into the application: every score of this review uses it."""
    return run_transition(
        application=application, name="start_review", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"at": timezone.now(), "rubric_version": CURRENT_RUBRIC_VERSION},
        audit_after=lambda a: {"rubric_version": a.rubric_version, "phase": a.phase_id},
    )


def phase_start_reviews(*, actor, phase: Phase, reason: str = "") -> BatchOutcome:
    """Start the review of every application scheduled into ``phase`` (which must be open). Each
    application is its own transaction; one that changed in the meantime is reported, not fatal."""
    if not rules.can_manage_phases(actor):
        raise NotAllowed(_("Only the program office may start reviews."))
    if phase.state != PhaseState.OPEN:
        raise Conflict(_("Reviews can start only in an open phase; phase %(number)d is %(state)s.")
                       % {"number": phase.number, "state": PhaseState(phase.state).label},
                       code="phase_not_open", extra={"phase": phase.pk})
    done, refused = [], []
    waiting = Application.objects.filter(phase=phase, state=ApplicationState.SCHEDULED).order_by("submitted_at", "id")
    for application in waiting:
        try:
            application_start_review(application=application, actor=actor, reason=reason)
        except PortalError as error:
            refused.append(_refusal(application.pk, error))
        else:
            done.append(application.pk)
    return BatchOutcome(done, refused)


def default_due_on(application: Application, today: dt.date | None = None) -> dt.date:
    """When an assignment is due if the office gives no date: the end of the application's phase while
    it is still ahead, else a fixed number of days from today."""

    today = today or timezone.localdate()
    phase = application.phase
    if phase is not None and phase.ends_on >= today:
        return phase.ends_on
    return today + dt.timedelta(days=DEFAULT_REVIEW_DAYS)
