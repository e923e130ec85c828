"""Aggregation against hand-computed examples: weighted total scaled to 100, the pass mark, the floor
rule, the spread flag, mean, median and spread per criterion."""

from fractions import Fraction

import pytest

from screening.catalogues.rubric import Area, Criterion, Rubric, load_rubric
from screening.domain.scoring import rounded, sheet_total, summarise, summary_payload

RUBRIC = load_rubric("2026-06")
CODES = RUBRIC.codes()


def sheet(default: int, **overrides) -> dict:
    scores = dict.fromkeys(CODES, default)
    scores.update(overrides)
    return scores


def test_the_rubric_of_domain_md():
    assert len(CODES) == 10
    areas = {a.code: a.weight for a in RUBRIC.areas}
    assert areas == {"cybersecurity_management": 60, "ai_capability": 40}
    assert sum(1 for c in RUBRIC.criteria if c.area == "cybersecurity_management") == 6
    assert sum(1 for c in RUBRIC.criteria if c.area == "ai_capability") == 4
    assert all(c.title_ko and c.title_en and c.description_ko and c.description_en for c in RUBRIC.criteria)


def test_all_fours_is_80_and_passes():
    summary = summarise(RUBRIC, [sheet(4), sheet(4), sheet(4)])
    assert summary.total == 80
    assert summary.passed is True
    assert summary.flagged == ()


def test_exactly_70_passes_and_just_below_fails():
    # One reviewer all 3s, one all 4s: every criterion mean 3.5 -> 3.5 / 5 * 100 = 70 exactly.
    at_mark = summarise(RUBRIC, [sheet(3), sheet(4)])
    assert at_mark.total == 70
    assert at_mark.passed is True
    # [3, 4, 3] on every criterion: mean 10/3 -> 66.67.
    below = summarise(RUBRIC, [sheet(3), sheet(4), sheet(3)])
    assert below.total == Fraction(200, 3)
    assert rounded(below.total) == 66.67
    assert below.passed is False


def test_floor_rule_fails_a_high_total():
    # ai_secops gets [1, 2, 2] (mean 5/3 < 2); everything else 5s.
    # weighted mean = (90 * 5 + 10 * 5/3) / 100 = 4.6667 -> total 93.33, still a fail.
    sheets = [sheet(5, ai_secops=1), sheet(5, ai_secops=2), sheet(5, ai_secops=2)]
    summary = summarise(RUBRIC, sheets)
    assert rounded(summary.total) == 93.33
    assert summary.below_floor == ("ai_secops",)
    assert summary.passed is False


def test_a_mean_of_exactly_two_is_not_below_the_floor():
    summary = summarise(RUBRIC, [sheet(5, cm_assets=2)] * 3)
    assert summary.below_floor == ()
    assert summary.total == Fraction(94)  # (90*5 + 10*2)/100 = 4.7 -> 94
    assert summary.passed is True


def test_spread_of_two_is_flagged_one_is_not():
    summary = summarise(RUBRIC, [sheet(4, cm_governance=2, ai_governance=3), sheet(4), sheet(4)])
    by_code = {c.code: c for c in summary.criteria}
    assert by_code["cm_governance"].spread == 2 and by_code["cm_governance"].flagged
    assert by_code["ai_governance"].spread == 1 and not by_code["ai_governance"].flagged
    assert summary.flagged == ("cm_governance",)


def test_mean_median_spread_per_criterion():
    summary = summarise(RUBRIC, [sheet(4, cm_governance=1), sheet(4, cm_governance=3), sheet(4, cm_governance=5)])
    governance = next(c for c in summary.criteria if c.code == "cm_governance")
    assert governance.scores == (1, 3, 5)
    assert governance.mean == 3 and governance.median == 3 and governance.spread == 4 and governance.flagged
    even = summarise(RUBRIC, [sheet(4, cm_monitoring=2), sheet(4, cm_monitoring=5)])
    monitoring = next(c for c in even.criteria if c.code == "cm_monitoring")
    assert monitoring.median == Fraction(7, 2) and monitoring.spread == 3


def test_weights_are_applied():
    rubric = Rubric(
        version="t", score_min=1, score_max=5, pass_total=Fraction(70), criterion_floor=Fraction(2), spread_flag=2,
        areas=(Area("x", 60, "x", "x"), Area("y", 40, "y", "y")),
        criteria=(Criterion("a", "x", 60, "", "", "", ""), Criterion("b", "y", 40, "", "", "", "")),
    )
    # 0.6 * 5 + 0.4 * 3 = 4.2 -> 84
    assert summarise(rubric, [{"a": 5, "b": 3}]).total == 84
    assert sheet_total(rubric, {"a": 5, "b": 3}) == 84
    assert sheet_total(rubric, {"a": 5}) is None


def test_no_sheets_no_verdict():
    summary = summarise(RUBRIC, [])
    assert summary.total is None and summary.passed is None
    payload = summary_payload(summary, RUBRIC)
    assert payload["total"] is None and len(payload["criteria"]) == 10


@pytest.mark.parametrize(("value", "expected"), [(Fraction(200, 3), 66.67), (Fraction(1, 200), 0.01), (None, None)])
def test_rounding_half_up(value, expected):
    assert rounded(value) == expected
