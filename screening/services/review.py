"""The program office's and reviewers' moves before a decision: override, schedule, start_review,
request_supplement, complete. (The review part of screening refines schedule and complete.)"""

from django.utils import timezone

from screening.models import Application

from .core import run_transition

# schedule (with phase capacity), start_review (freezing the rubric) and complete (every assignment
# done) live with the rest of the review part; re-exported here for the registry.
from .phases import application_schedule, application_start_review  # noqa: F401
from .reviews import application_complete  # noqa: F401


def application_override(*, application: Application, actor, reason: str,
                         expected_version: int | None = None) -> Application:
    """The program office declares an ineligible application eligible, with a written justification
    (the reason), which is stored on the application, in the history and in the audit log."""
    return run_transition(
        application=application, name="override", actor=actor, reason=reason, expected_version=expected_version,
        prepare=lambda _a: {"justification": (reason or "").strip(), "by": actor, "at": timezone.now()},
    )


def application_request_supplement(*, application: Application, actor, reason: str,
                                   expected_version: int | None = None) -> Application:
    """An assigned reviewer or the program office asks the company for more; the reason says what.
    The company may then edit the application and respond."""
    return run_transition(
        application=application, name="request_supplement", actor=actor, reason=reason,
        expected_version=expected_version,
        prepare=lambda _a: {"request": (reason or "").strip(), "at": timezone.now()},
    )
