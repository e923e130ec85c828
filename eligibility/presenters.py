"""The eligibility result as the API and pages show it (in the request's language)."""

from .rules import CriterionResult, Result


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
