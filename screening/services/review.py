"""The program office's and reviewers' moves before a decision: override, schedule, start_review,
request_supplement, complete. (The review part of screening refines schedule and complete.)"""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import InvalidInput
from screening.enums import PhaseState
from screening.models import Application, Phase

from .core import run_transition


def application_override(*, application: Application, actor, reason: str,
                         expected_version: int | None = None) -> Application:
    """The program office declares an ineligible application eligible, with a written justification
    (the reason), which is stored on the application, in the history and in the audit log."""
    return run_transition(
        application=application, name="override", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"justification": (reason or "").strip(), "by": actor, "at": timezone.now()},
    )


def _usable_phase(phase) -> Phase:
    if phase is None or phase == "":
        raise InvalidInput({"phase": [_("Choose the phase to schedule the application into.")]})
    if not isinstance(phase, Phase):
        try:
            phase = Phase.objects.get(pk=int(phase))
        except (TypeError, ValueError, Phase.DoesNotExist):
            raise InvalidInput({"phase": [_("There is no phase with this id.")]}) from None
    if phase.state == PhaseState.CLOSED:
        raise InvalidInput({"phase": [_("Phase %(number)d is closed.") % {"number": phase.number}]})
    return phase


def application_schedule(*, application: Application, actor, phase, reason: str = "",
                         expected_version: int | None = None) -> Application:
    """The program office puts an eligible application into a phase (a Phase or its id). Capacity
    rules belong to the phase planning of the review part."""
    return run_transition(
        application=application, name="schedule", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"phase": _usable_phase(phase)},
        audit_after=lambda a: {"phase": a.phase_id},
    )


def application_start_review(*, application: Application, actor, reason: str = "",
                             expected_version: int | None = None) -> Application:
    """The program office starts the review of a scheduled application once its phase is open."""
    return run_transition(application=application, name="start_review", actor=actor, reason=reason,
                          expected_version=expected_version, prepare=lambda _a: {"at": timezone.now()})


def application_request_supplement(*, application: Application, actor, reason: str,
                                   expected_version: int | None = None) -> Application:
    """An assigned reviewer or the program office asks the company for more; the reason says what.
    The company may then edit the application and respond."""
    return run_transition(
        application=application, name="request_supplement", actor=actor, reason=reason,
        expected_version=expected_version,
        prepare=lambda _a: {"request": (reason or "").strip(), "at": timezone.now()},
    )


def application_complete(*, application: Application, actor, reason: str = "",
                         expected_version: int | None = None) -> Application:
    """The program office closes the review once every assignment is done."""
    return run_transition(application=application, name="complete", actor=actor, reason=reason,
                          expected_version=expected_version, prepare=lambda _a: {"at": timezone.now()})
