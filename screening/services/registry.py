"""Transition name -> service. The API and the pages fire transitions through ``fire_transition`` and
list them with ``available_transitions``, so both always offer and do the same thing."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.errors import NotAllowed, NotFound
from screening.enums import PUBLIC_TRANSITIONS, REASON_REQUIRED, SYSTEM_TRANSITIONS, TRANSITION_LABELS
from screening.models import Application
from screening.services.core import SERVICE_CONDITIONS
from screening.services.decisions import application_approve, application_reject, application_revoke
from screening.services.intake import application_respond, application_submit, application_withdraw
from screening.services.phases import application_schedule, application_start_review
from screening.services.reviews import application_complete
from screening.services.triage import application_override, application_request_supplement


@dataclass(frozen=True, slots=True)
class TransitionAction:
    name: str
    service: Callable[..., Application]
    inputs: tuple[str, ...] = ()  # input fields besides ``reason``

    @property
    def label(self) -> str:
        return str(TRANSITION_LABELS[self.name])

    @property
    def reason_required(self) -> bool:
        return self.name in REASON_REQUIRED


ACTIONS: dict[str, TransitionAction] = {
    action.name: action
    for action in (
        TransitionAction("submit", application_submit),
        TransitionAction("override", application_override),
        TransitionAction("schedule", application_schedule, inputs=("phase",)),
        TransitionAction("start_review", application_start_review),
        TransitionAction("request_supplement", application_request_supplement),
        TransitionAction("respond", application_respond),
        TransitionAction("complete", application_complete),
        TransitionAction("approve", application_approve,
                         inputs=("conditions", "adopt_conditions", "effective_date")),
        TransitionAction("reject", application_reject),
        TransitionAction("revoke", application_revoke),
        TransitionAction("withdraw", application_withdraw),
    )
}
assert tuple(ACTIONS) == PUBLIC_TRANSITIONS  # noqa: S101 - a programming error, caught at import


def get_action(name: str) -> TransitionAction:
    if name in SYSTEM_TRANSITIONS:
        raise NotAllowed(_("This step is taken by the portal itself; nobody fires it by hand."), code="system_only")
    try:
        return ACTIONS[name]
    except KeyError:
        raise NotFound(
            _("There is no transition named %(name)s. Known transitions: %(names)s.")
            % {"name": name[:40], "names": ", ".join(PUBLIC_TRANSITIONS)},
            code="unknown_transition",
        ) from None


def fire_transition(*, application: Application, name: str, actor, data: dict | None = None,
                    expected_version: int | None = None) -> Application:
    """Fire the public transition ``name`` with the caller's input (``reason`` and the action's inputs)."""
    action = get_action(name)
    data = data or {}
    kwargs = {key: data[key] for key in action.inputs if key in data}
    if action.name == "schedule":
        kwargs.setdefault("phase", None)
    return action.service(application=application, actor=actor, reason=data.get("reason") or "",
                          expected_version=expected_version, **kwargs)


def available_transitions(application: Application, user) -> list[TransitionAction]:
    """The public transitions ``user`` may fire on ``application`` now (state, conditions, permission)."""
    names = {t.name for t in application.get_available_user_state_transitions(user)}
    return [ACTIONS[name] for name in PUBLIC_TRANSITIONS
            if name in names and (name not in SERVICE_CONDITIONS or SERVICE_CONDITIONS[name](application))]
