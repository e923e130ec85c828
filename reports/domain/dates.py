"""The due dates of a letter's reporting obligations. Pure: no database, no clock.

docs/letters.md, worked: effective 2026-07-01 (valid until 2027-06-30) -> interim due 2027-01-01, final due
2027-05-31; effective 2026-08-31 -> interim due 2027-02-28. Dates are calendar dates in Asia/Seoul, as
the letter's own ``valid_from`` and ``valid_until`` are.
"""

import calendar
import datetime as dt

INTERIM_MONTHS = 6
FINAL_DAYS_BEFORE_END = 30


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the end of a shorter month (08-31 + 6 -> 02-28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interim_due_on(effective: dt.date) -> dt.date:
    """Six months after the effective date, clamped to the month's end."""
    return add_months(effective, INTERIM_MONTHS)


def final_due_on(valid_until: dt.date) -> dt.date:
    """Thirty days before the last day of validity."""
    return valid_until - dt.timedelta(days=FINAL_DAYS_BEFORE_END)


def obligation_due_dates(*, valid_from: dt.date, valid_until: dt.date) -> dict[str, dt.date]:
    """``{"interim": date, "final": date}`` for a letter."""
    return {"interim": interim_due_on(valid_from), "final": final_due_on(valid_until)}
