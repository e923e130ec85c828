"""Triage before the review: the program office overrides an eligibility verdict; a reviewer or the
office asks the company for a supplement. (Scheduling and starting the review are in phases.py,
completing it in reviews.py, deciding in decisions.py.)"""

from django.utils import timezone

from screening.models import Application
from screening.services.core import run_transition
from screening.services.reviews import application_complete  # noqa: F401


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
