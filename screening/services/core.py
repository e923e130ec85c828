"""The one way an application moves: lock, check, fire, validate, save, record, notify after commit.

Every transition service calls ``run_transition``; nothing else changes ``Application.state``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from portal.accounts.models import Company
from portal.audit.services import audit_record
from portal.errors import Conflict, InvalidInput, NotAllowed, NotFound
from screening import rules
from screening.domain.completeness import missing_items
from screening.enums import REASON_MAX, REASON_REQUIRED, TRANSITION_LABELS, ApplicationState
from screening.mail import notify_state_change
from screening.models import Application, StateChange
from screening.panel import all_assignments_done, outstanding_work, review_may_start
from screening.signals import application_transitioned


def state_label(state: str) -> str:
    return str(ApplicationState(state).label)


def transition_label(name: str) -> str:
    return str(TRANSITION_LABELS[name])


def validation_fields(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def lock_application(pk: int) -> Application:
    """The row, locked until the end of the caller's transaction (``SELECT ... FOR UPDATE``)."""
    try:
        return Application.objects.select_for_update(of=("self",)).select_related("company", "phase").get(pk=pk)
    except Application.DoesNotExist:
        raise NotFound(_("This application does not exist or is not available to you.")) from None


def lock_company(pk: int) -> None:
    """Lock the company's row until the end of the caller's transaction. Taken before any application
    row, it serialises the writes that a per-company limit counts (open drafts, the documents quota)."""
    Company.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True).first()


def check_visible(actor, application: Application) -> None:
    if actor is not None and not rules.can_view_application(actor, application):
        raise NotFound(_("This application does not exist or is not available to you."))


def check_fresh(application: Application, expected_version: int | None) -> None:
    """Refuse a write based on an older reading of the application (someone else changed it since)."""
    if expected_version is not None and int(expected_version) != application.version:
        raise Conflict(
            _("This application was changed by someone else in the meantime (it is now %(state)s). "
              "Reload it and try again.") % {"state": state_label(application.state)},
            code="stale",
            extra={"state": application.state, "version": application.version},
        )


def clean_reason(name: str, reason: str | None) -> str:
    reason = (reason or "").strip()
    if name in REASON_REQUIRED and not reason:
        raise InvalidInput({"reason": [_("A reason is required to %(action)s.") % {"action": transition_label(name)}]})
    if len(reason) > REASON_MAX:
        raise InvalidInput({"reason": [
            _("The reason may be at most %(max)d characters long (it has %(n)d).") % {"max": REASON_MAX, "n": len(reason)}
        ]})
    return reason


def _transition_meta(application: Application, name: str):
    method = getattr(application, name)
    meta = method._django_fsm
    any_transition = next(iter(meta.transitions.values()))
    return method, meta, any_transition


def _condition_message(name: str, application: Application) -> str:
    if name in {"submit", "respond"}:
        items = "; ".join(m.message for m in missing_items(application))
        return _("The application is not ready yet: %(missing)s") % {"missing": items}
    if name == "complete":
        return outstanding_work(application)
    if name == "start_review":
        return _("The review cannot start before the application's phase is open.")
    return _("%(action)s is not possible yet: a condition is not met.") % {"action": transition_label(name)}


def check_role(application: Application, name: str, actor) -> None:
    """403 when the actor's role may never fire ``name`` on this application (``None``: the portal)."""
    _method, _meta, any_transition = _transition_meta(application, name)
    if not any_transition.has_perm(application, actor):
        raise NotAllowed(
            _("You may not %(action)s this application.") % {"action": transition_label(name)},
            code="role_may_not",
        )


def check_state(application: Application, name: str) -> None:
    """409 when the current state does not allow ``name``, naming the state."""
    method, _meta, _t = _transition_meta(application, name)
    if not can_proceed(method, check_conditions=False):
        raise Conflict(
            _("%(action)s is not allowed while the application is %(state)s.")
            % {"action": transition_label(name), "state": state_label(application.state)},
            code="not_allowed_in_state",
            extra={"state": application.state},
        )


# Conditions that read other rows (the phase, the panel's work): checked here and by the list of
# available transitions, never as model conditions, which read the application's own fields only.
SERVICE_CONDITIONS = {"start_review": review_may_start, "complete": all_assignments_done}


def conditions_met(application: Application, name: str) -> bool:
    method, _meta, _t = _transition_meta(application, name)
    condition = SERVICE_CONDITIONS.get(name)
    return can_proceed(method, check_conditions=True) and (condition is None or condition(application))


def check_conditions(application: Application, name: str) -> None:
    if not conditions_met(application, name):
        raise Conflict(_condition_message(name, application), code="condition_not_met",
                       extra={"state": application.state})


@dataclass(frozen=True, slots=True)
class Fired:
    application: Application
    change: StateChange


def fire(
    application: Application, *, name: str, actor, reason: str = "", arguments: dict | None = None,
    audit_after: Callable[[Application], dict] | None = None, notify: bool = True,
) -> Fired:
    """Fire ``name`` on a locked application whose checks passed; validate, save, record, notify.

    Must run inside the caller's transaction: if validation fails, nothing stays changed.
    """

    from_state = application.state
    getattr(application, name)(**(arguments or {}))
    application.version += 1
    try:
        application.full_clean()
    except ValidationError as error:
        raise InvalidInput(validation_fields(error)) from None
    application.save()
    change = StateChange.objects.create(
        application=application, actor=actor, from_state=from_state, to_state=application.state,
        transition=name, reason=reason, at=timezone.now(),
    )
    audit_record(
        actor=actor, action=f"application.{name}", obj=application,
        before={"state": from_state},
        after={"state": application.state, **(audit_after(application) if audit_after else {})}, reason=reason,
    )
    if notify:
        change_id = change.pk
        transaction.on_commit(lambda: notify_state_change(change_id))
    transaction.on_commit(partial(
        application_transitioned.send, sender=Application, application_id=application.pk, transition=name,
        source=from_state, target=application.state,
    ))
    return Fired(application=application, change=change)


def run_transition(
    *, application: Application, name: str, actor, reason: str | None = "",
    expected_version: int | None = None, prepare: Callable[[Application], dict] | None = None,
    audit_after: Callable[[Application], dict] | None = None, notify: bool = True,
) -> Application:
    """Lock, check (404, 403, 409 stale, 409 state, 400 input, 409 condition), fire, save, record.

    ``expected_version`` is the version the caller last saw; when it is not given, the version of the
    ``application`` object passed in is used, so a caller holding an outdated copy loses the race with
    a clear "changed by someone else" (409). ``prepare(locked)`` validates the input and returns the
    transition's keyword arguments.
    """
    seen = expected_version if expected_version is not None else application.version
    with transaction.atomic():
        locked = lock_application(application.pk)
        check_visible(actor, locked)
        check_role(locked, name, actor)
        check_fresh(locked, seen)
        check_state(locked, name)
        reason = clean_reason(name, reason)
        kwargs = prepare(locked) if prepare else {}
        check_conditions(locked, name)
        fired = fire(locked, name=name, actor=actor, reason=reason, arguments=kwargs, audit_after=audit_after,
                     notify=notify)
    return fired.application
