import datetime as dt

import pytest

from letters.domain.dates import anniversary, effective_date, seoul_date, valid_until


@pytest.mark.parametrize(("valid_from", "expected"), [
    (dt.date(2026, 7, 1), dt.date(2027, 6, 30)),
    (dt.date(2028, 2, 29), dt.date(2029, 2, 28)),
    (dt.date(2027, 2, 28), dt.date(2028, 2, 27)),
    (dt.date(2027, 3, 1), dt.date(2028, 2, 29)),
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    (dt.date(2026, 12, 31), dt.date(2027, 12, 30)),
])
def test_one_year_of_validity(valid_from, expected):
    assert valid_until(valid_from) == expected


def test_29_february_has_its_anniversary_on_1_march_in_a_common_year():
    assert anniversary(dt.date(2028, 2, 29)) == dt.date(2029, 3, 1)
    assert anniversary(dt.date(2028, 2, 29).replace(year=2032 - 4)) == dt.date(2029, 3, 1)


def test_the_issue_date_is_the_date_in_seoul():
    late_utc = dt.datetime(2026, 6, 30, 15, 30, tzinfo=dt.UTC)  # 00:30 on 1 July in Seoul
    assert seoul_date(late_utc) == dt.date(2026, 7, 1)
    assert effective_date(issued_at=late_utc, requested=None) == dt.date(2026, 7, 1)


def test_a_later_requested_effective_date_wins_an_earlier_one_does_not():
    issued = dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC)
    assert effective_date(issued_at=issued, requested=dt.date(2026, 8, 1)) == dt.date(2026, 8, 1)
    assert effective_date(issued_at=issued, requested=dt.date(2026, 6, 1)) == dt.date(2026, 7, 1)
