"""The state of a reporting obligation, derived from its dates and its latest filed report. Pure.

Stored instead, the state would go stale every midnight; derived, it cannot. The rule, in order:

* accepted  - the latest filed report of the obligation was accepted by the program office;
* filed     - a report is filed and awaits review (a correction filed after acceptance is reviewed again);
* overdue   - nothing awaits review and the due date has passed (when the office asked for more, the
              date it gave for the new version counts instead of the original one);
* due       - the due date is within ``DUE_SOON_DAYS`` (today included);
* upcoming  - otherwise.
"""

import datetime as dt
from dataclasses import dataclass

from reports.enums import DUE_SOON_DAYS, ObligationState, ReviewState


@dataclass(frozen=True, slots=True)
class LatestFiling:
    """What the state needs of the latest filed report of an obligation."""

    review_state: str
    resubmit_by: dt.date | None = None


def effective_due_on(due_on: dt.date, latest: LatestFiling | None) -> dt.date:
    if latest is not None and latest.review_state == ReviewState.MORE_REQUESTED and latest.resubmit_by:
        return max(due_on, latest.resubmit_by)
    return due_on


def obligation_state(*, due_on: dt.date, latest: LatestFiling | None, today: dt.date) -> ObligationState:
    if latest is not None and latest.review_state == ReviewState.ACCEPTED:
        return ObligationState.ACCEPTED
    if latest is not None and latest.review_state == ReviewState.PENDING:
        return ObligationState.FILED
    due = effective_due_on(due_on, latest)
    if today > due:
        return ObligationState.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return ObligationState.DUE
    return ObligationState.UPCOMING


OPEN_STATES = frozenset({ObligationState.UPCOMING, ObligationState.DUE, ObligationState.OVERDUE})
