"""The letter's dates, in Asia/Seoul. Pure functions, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def seoul_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Seoul of an aware timestamp."""
    return moment.astimezone(SEOUL).date()


def effective_date(*, issued_at: dt.datetime, requested: dt.date | None) -> dt.date:
    """The issue date in Seoul, unless the office set a later effective date."""
    issued_on = seoul_date(issued_at)
    return requested if requested and requested > issued_on else issued_on


def anniversary(day: dt.date) -> dt.date:
    """The same date a year later; 29 February's anniversary in a common year is 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February, next year is not a leap year
        return dt.date(day.year + 1, 3, 1)


def valid_until(valid_from: dt.date) -> dt.date:
    """One year of validity, both ends inclusive: 2026-07-01 -> 2027-06-30, 2028-02-29 -> 2029-02-28."""
    return anniversary(valid_from) - dt.timedelta(days=1)
