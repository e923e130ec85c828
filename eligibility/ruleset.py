"""Eligibility rules as data, and a pure evaluation that explains itself.

A ruleset lives in ``rulesets/<version>.json`` (counsel corrects the wording there, not in code).
``evaluate(facts)`` takes plain values, touches no database, and returns every criterion with the
actual value, the threshold, pass/fail and the legal basis in both languages.
"""

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from portal.language import is_english

RULESETS_DIR = Path(__file__).resolve().parent / "rulesets"
CURRENT_RULESET = "2026-05"


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    kind: str
    fields: tuple[str, ...]
    threshold: int | bool
    unit: str
    label_ko: str
    label_en: str
    basis_ko: str
    basis_en: str


@dataclass(frozen=True, slots=True)
class Ruleset:
    version: str
    title_ko: str
    title_en: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """The inputs of an evaluation, with the date they describe."""

    total_assets_krw: int
    regular_staff: int
    efta_covered: bool
    ciso_appointed: bool
    as_of: dt.date | None = None

    @classmethod
    def of_company(cls, company) -> "Facts":
        return cls(
            total_assets_krw=company.total_assets_krw,
            regular_staff=company.regular_staff,
            efta_covered=company.efta_covered,
            ciso_appointed=company.ciso_appointed,
            as_of=company.assets_as_of,
        )


@dataclass(frozen=True, slots=True)
class CriterionResult:
    code: str
    passed: bool
    actual: int | bool
    threshold: int | bool
    unit: str
    label_ko: str
    label_en: str
    basis_ko: str
    basis_en: str

    @property
    def label(self) -> str:
        return self.label_en if is_english() else self.label_ko

    @property
    def basis(self) -> str:
        return self.basis_en if is_english() else self.basis_ko


@dataclass(frozen=True, slots=True)
class Result:
    eligible: bool
    ruleset: str
    as_of: dt.date | None
    criteria: tuple[CriterionResult, ...] = field(default_factory=tuple)

    def failed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.passed]

    def snapshot(self, facts: Facts) -> dict:
        """What is stored with an application: the result, the ruleset version and the inputs used."""
        return {
            "eligible": self.eligible,
            "ruleset": self.ruleset,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "inputs": {
                "total_assets_krw": facts.total_assets_krw,
                "regular_staff": facts.regular_staff,
                "efta_covered": facts.efta_covered,
                "ciso_appointed": facts.ciso_appointed,
                "assets_as_of": facts.as_of.isoformat() if facts.as_of else None,
            },
            "criteria": [asdict(c) for c in self.criteria],
        }



@cache
def load_ruleset(version: str = CURRENT_RULESET) -> Ruleset:
    path = RULESETS_DIR / f"{version}.json"
    if path.parent != RULESETS_DIR or not path.is_file():
        raise LookupError(f"Unknown eligibility ruleset {version!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    criteria = tuple(
        Criterion(
            code=c["code"],
            kind=c["kind"],
            fields=tuple(c.get("fields") or [c["field"]]),
            threshold=c["threshold"],
            unit=c["unit"],
            label_ko=c["label_ko"],
            label_en=c["label_en"],
            basis_ko=c["basis_ko"],
            basis_en=c["basis_en"],
        )
        for c in data["criteria"]
    )
    return Ruleset(version=data["version"], title_ko=data["title_ko"], title_en=data["title_en"], criteria=criteria)


def _judge(criterion: Criterion, facts: Facts) -> CriterionResult:
    if criterion.kind == "minimum":
        actual = getattr(facts, criterion.fields[0])
        passed = actual >= criterion.threshold
    elif criterion.kind == "all_true":
        actual = all(bool(getattr(facts, name)) for name in criterion.fields)
        passed = actual is True
    else:  # pragma: no cover - a ruleset file with an unknown kind is a programming error
        raise ValueError(f"Unknown criterion kind {criterion.kind!r}")
    return CriterionResult(
        code=criterion.code,
        passed=passed,
        actual=actual,
        threshold=criterion.threshold,
        unit=criterion.unit,
        label_ko=criterion.label_ko,
        label_en=criterion.label_en,
        basis_ko=criterion.basis_ko,
        basis_en=criterion.basis_en,
    )


def evaluate(facts: Facts, ruleset: Ruleset | None = None) -> Result:
    ruleset = ruleset or load_ruleset()
    results = tuple(_judge(c, facts) for c in ruleset.criteria)
    return Result(
        eligible=all(r.passed for r in results), ruleset=ruleset.version, as_of=facts.as_of, criteria=results
    )


def evaluate_company(company, ruleset: Ruleset | None = None) -> Result:
    return evaluate(Facts.of_company(company), ruleset)
