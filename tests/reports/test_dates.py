"""Due dates of the reporting obligations (docs/letters.md's worked examples, month ends, leap years)."""

import datetime as dt

import pytest

from letters.domain.dates import valid_until
from reports.domain.dates import add_months, final_due_on, interim_due_on, obligation_due_dates

D = dt.date


@pytest.mark.parametrize(("effective", "interim", "final"), [
    (D(2026, 7, 1), D(2027, 1, 1), D(2027, 5, 31)),     # docs/letters.md, worked
    (D(2026, 8, 31), D(2027, 2, 28), D(2027, 7, 31)),    # month end, clamped (docs/letters.md)
    (D(2027, 8, 31), D(2028, 2, 29), D(2028, 7, 31)),    # clamped into a leap February
    (D(2027, 8, 29), D(2028, 2, 29), D(2028, 7, 29)),
    (D(2028, 2, 29), D(2028, 8, 29), D(2029, 1, 29)),    # leap day: valid until 2029-02-28
    (D(2026, 12, 31), D(2027, 6, 30), D(2027, 11, 30)),   # into a 30-day month, across a year
    (D(2026, 3, 31), D(2026, 9, 30), D(2027, 2, 28)),
    (D(2026, 1, 1), D(2026, 7, 1), D(2026, 12, 1)),
])
def test_due_dates(effective, interim, final):
    assert obligation_due_dates(valid_from=effective, valid_until=valid_until(effective)) == {
        "interim": interim, "final": final}


def test_valid_until_of_leap_day_matches_domain():
    assert valid_until(D(2028, 2, 29)) == D(2029, 2, 28)
    assert final_due_on(D(2029, 2, 28)) == D(2029, 1, 29)


def test_add_months_keeps_day_when_it_exists():
    assert add_months(D(2026, 1, 15), 6) == D(2026, 7, 15)
    assert add_months(D(2026, 10, 31), 4) == D(2027, 2, 28)
    assert interim_due_on(D(2026, 5, 31)) == D(2026, 11, 30)
