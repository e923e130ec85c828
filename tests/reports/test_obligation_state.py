"""The derived state of an obligation (pure)."""

import datetime as dt

import pytest

from reports.domain.obligations import LatestFiling, obligation_state

DUE = dt.date(2027, 1, 1)


@pytest.mark.parametrize(("today", "latest", "state"), [
    (dt.date(2026, 11, 1), None, "upcoming"),
    (dt.date(2026, 12, 2), None, "due"),          # 30 days before
    (dt.date(2026, 12, 1), None, "upcoming"),     # 31 days before
    (DUE, None, "due"),                           # the due date itself
    (dt.date(2027, 1, 2), None, "overdue"),
    (dt.date(2027, 1, 2), LatestFiling("pending"), "filed"),
    (dt.date(2026, 8, 1), LatestFiling("accepted"), "accepted"),
    # The office asked for more, with a new date: open again, against that date.
    (dt.date(2027, 1, 20), LatestFiling("more_requested", dt.date(2027, 2, 1)), "due"),
    (dt.date(2027, 2, 2), LatestFiling("more_requested", dt.date(2027, 2, 1)), "overdue"),
    (dt.date(2027, 1, 2), LatestFiling("more_requested", None), "overdue"),
])
def test_state(today, latest, state):
    assert obligation_state(due_on=DUE, latest=latest, today=today) == state
