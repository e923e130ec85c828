"""Aggregation of reviewers' score sheets against a rubric. Pure: no database, no clock.

Arithmetic is exact (fractions), so a total of exactly 70 passes and a mean of exactly 2 is not
below the floor; numbers are rounded only for display.

- total: the weighted mean of the criterion means, on the 1-5 scale, scaled to 100 (x 20), so all 5s
  give 100 and all 3s give 60;
- pass: total >= the rubric's pass mark (70) and no criterion's mean below its floor (2);
- a criterion whose scores spread (max - min) by the rubric's flag (2) or more is flagged for discussion.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

from screening.catalogues.rubric import Rubric


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    code: str
    weight: int
    scores: tuple[int, ...]
    mean: Fraction | None
    median: Fraction | None
    spread: int | None
    flagged: bool  # spread >= the rubric's flag
    below_floor: bool  # mean < the rubric's floor


@dataclass(frozen=True, slots=True)
class Summary:
    rubric_version: str
    sheet_count: int
    criteria: tuple[CriterionSummary, ...]
    total: Fraction | None  # 0-100; None without any sheet
    passed: bool | None  # None without any sheet

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria if c.flagged)

    @property
    def below_floor(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria if c.below_floor)


def _criterion(rubric: Rubric, code: str, weight: int, scores: tuple[int, ...]) -> CriterionSummary:
    if not scores:
        return CriterionSummary(code, weight, (), None, None, None, False, False)
    mean = Fraction(sum(scores), len(scores))
    spread = max(scores) - min(scores)
    return CriterionSummary(
        code=code, weight=weight, scores=scores, mean=mean,
        median=Fraction(median(Fraction(s) for s in scores)), spread=spread,
        flagged=spread >= rubric.spread_flag, below_floor=mean < rubric.criterion_floor,
    )


def sheet_total(rubric: Rubric, scores: Mapping[str, int]) -> Fraction | None:
    """One complete sheet's total (0-100); None when a criterion is missing."""
    if any(code not in scores for code in rubric.codes()):
        return None
    weighted = sum(Fraction(c.weight) * scores[c.code] for c in rubric.criteria)
    return weighted / sum(c.weight for c in rubric.criteria) * 100 / rubric.score_max


def summarise(rubric: Rubric, sheets: Sequence[Mapping[str, int]]) -> Summary:
    """Aggregate the submitted sheets (each ``{criterion code: score}``) of one application."""
    criteria = tuple(
        _criterion(rubric, c.code, c.weight, tuple(int(s[c.code]) for s in sheets if c.code in s))
        for c in rubric.criteria
    )
    if not sheets or any(c.mean is None for c in criteria):
        return Summary(rubric.version, len(sheets), criteria, None, None)
    weight_sum = sum(c.weight for c in criteria)
    weighted_mean = sum(Fraction(c.weight) * c.mean for c in criteria) / weight_sum
    total = weighted_mean * 100 / rubric.score_max
    passed = total >= rubric.pass_total and not any(c.below_floor for c in criteria)
    return Summary(rubric.version, len(sheets), criteria, total, passed)


def rounded(value: Fraction | None, places: int = 2) -> float | None:
    """For display and JSON: a float rounded half away from zero (never banker's rounding)."""
    if value is None:
        return None
    scale = 10**places
    whole = (abs(value) * scale * 2 + 1) // 2
    return float((whole if value >= 0 else -whole) / scale)


def summary_payload(summary: Summary, rubric: Rubric) -> dict:
    return {
        "rubric_version": summary.rubric_version,
        "sheets": summary.sheet_count,
        "total": rounded(summary.total),
        "passed": summary.passed,
        "pass_total": float(rubric.pass_total),
        "criterion_floor": float(rubric.criterion_floor),
        "flagged": list(summary.flagged),
        "below_floor": list(summary.below_floor),
        "criteria": [
            {"code": c.code, "weight": c.weight, "scores": list(c.scores), "mean": rounded(c.mean),
             "median": rounded(c.median), "spread": c.spread, "flagged": c.flagged, "below_floor": c.below_floor}
            for c in summary.criteria
        ],
    }
