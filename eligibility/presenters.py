"""The eligibility result as the API and pages show it (in the request's language)."""

from portal.common.language import is_english

from .ruleset import CriterionResult, Result


def criterion_payload(c: CriterionResult) -> dict:
    return {
        "code": c.code,
        "passed": c.passed,
        "actual": c.actual,
        "threshold": c.threshold,
        "unit": c.unit,
        "label": c.label,
        "basis": c.basis,
        "basis_ko": c.basis_ko,
        "basis_en": c.basis_en,
    }


def result_payload(result: Result) -> dict:
    return {
        "eligible": result.eligible,
        "ruleset": result.ruleset,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "criteria": [criterion_payload(c) for c in result.criteria],
    }


def snapshot_payload(snapshot: dict | None) -> dict | None:
    """A stored snapshot (``Result.snapshot``) as the API shows it: the record as stored, each criterion
    with ``label`` and ``basis`` added in the request's language, as ``result_payload`` has them."""
    if not snapshot:
        return snapshot
    suffix = "en" if is_english() else "ko"
    criteria = [
        {**c, "label": c.get(f"label_{suffix}") or c.get("label_ko", ""),
         "basis": c.get(f"basis_{suffix}") or c.get("basis_ko", "")}
        for c in snapshot.get("criteria", [])
    ]
    return {**snapshot, "criteria": criteria}
