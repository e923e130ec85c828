import datetime as dt

import pytest

from eligibility.ruleset import CURRENT_RULESET, Facts, evaluate, load_ruleset
from portal.accounts.demo import FAILING, demo_companies

JO = 10**12
PASSING = {"total_assets_krw": 10 * JO, "regular_staff": 1_000, "efta_covered": True, "ciso_appointed": True}


def facts(**changes) -> Facts:
    return Facts(**{**PASSING, **changes}, as_of=dt.date(2025, 12, 31))


def by_code(result):
    return {c.code: c for c in result.criteria}


def test_ruleset_is_data_with_bilingual_bases():
    ruleset = load_ruleset()
    assert ruleset.version == CURRENT_RULESET == "2026-05"
    assert [c.code for c in ruleset.criteria] == ["assets", "staff", "efta_ciso"]
    for criterion in ruleset.criteria:
        assert "전자금융" in criterion.basis_ko
        assert "Electronic Financial Transactions Act" in criterion.basis_en


@pytest.mark.parametrize(
    ("assets", "passed"),
    [(10 * JO - 1, False), (10 * JO, True), (10 * JO + 1, True), (9_900_000_000_000, False), (0, False)],
)
def test_assets_at_below_and_above_threshold(assets, passed):
    result = evaluate(facts(total_assets_krw=assets))
    criterion = by_code(result)["assets"]
    assert criterion.passed is passed
    assert criterion.actual == assets
    assert criterion.threshold == 10_000_000_000_000
    assert result.eligible is passed


@pytest.mark.parametrize(("staff", "passed"), [(999, False), (1_000, True), (1_001, True), (0, False)])
def test_staff_at_below_and_above_threshold(staff, passed):
    result = evaluate(facts(regular_staff=staff))
    criterion = by_code(result)["staff"]
    assert (criterion.passed, criterion.actual, criterion.threshold) == (passed, staff, 1_000)
    assert result.eligible is passed


@pytest.mark.parametrize(
    ("efta", "ciso", "passed"), [(True, True, True), (True, False, False), (False, True, False), (False, False, False)]
)
def test_efta_and_ciso_must_both_hold(efta, ciso, passed):
    result = evaluate(facts(efta_covered=efta, ciso_appointed=ciso))
    criterion = by_code(result)["efta_ciso"]
    assert criterion.passed is passed
    assert criterion.actual is passed
    assert result.eligible is passed


def test_every_criterion_is_reported_even_when_the_first_fails():
    result = evaluate(facts(total_assets_krw=0, regular_staff=0, efta_covered=False))
    assert [c.passed for c in result.criteria] == [False, False, False]
    assert len(result.failed()) == 3


def test_snapshot_keeps_ruleset_inputs_and_as_of_date():
    f = facts(regular_staff=999)
    snapshot = evaluate(f).snapshot(f)
    assert snapshot["ruleset"] == "2026-05"
    assert snapshot["as_of"] == "2025-12-31"
    assert snapshot["inputs"]["regular_staff"] == 999
    assert snapshot["eligible"] is False
    assert {c["code"] for c in snapshot["criteria"]} == {"assets", "staff", "efta_ciso"}
    assert all(c["basis_ko"] and c["basis_en"] for c in snapshot["criteria"])


def test_demo_data_has_49_eligible_and_11_failing_each_differently():
    rows = demo_companies()
    results = [evaluate(Facts(r["total_assets_krw"], r["regular_staff"], r["efta_covered"], r["ciso_appointed"])) for r in rows]
    assert len(rows) == 60
    assert sum(r.eligible for r in results) == 49
    failing = [r for r in rows if not evaluate(Facts(r["total_assets_krw"], r["regular_staff"], r["efta_covered"], r["ciso_appointed"])).eligible]
    ways = {tuple(sorted((k, str(v)) for k, v in r.items() if k in {"total_assets_krw", "regular_staff", "efta_covered", "ciso_appointed"})) for r in failing}
    assert len(ways) == len(FAILING) == 11
