"""Eligibility rules as data, and a pure evaluation that explains itself.

A ruleset lives in ``rulesets/<version>.json`` (counsel corrects the wording there, not in code).
``evaluate(facts)`` takes plain values, touches no database, and returns every criterion with the
actual value, the threshold, pass/fail and the legal basis in both languages.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from portal.common.catalogues import CatalogueError, CatalogueKind, Entries, bilingual, entry_of

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

    label = bilingual("label")
    basis = bilingual("basis")


@dataclass(frozen=True, slots=True)
class Ruleset:
    version: str
    title_ko: str
    title_en: str
    criteria: tuple[Criterion, ...]

    title = bilingual("title")


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

    label = bilingual("label")
    basis = bilingual("basis")


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


# The facts a criterion may name, by type: a ``minimum`` compares one whole number with its threshold,
# ``all_true`` needs each of its yes/no facts (its threshold is ``true``).
_FACT_TYPES = {f.name: f.type for f in fields(Facts) if f.type in (int, bool)}
_KIND_TYPES = {"minimum": int, "all_true": bool}


def _criterion(index: int, item: dict, file: Path) -> Criterion:
    """A criterion of the file, its kind, facts and threshold checked (CatalogueError naming them)."""
    entry, kind = f"criteria[{index}] {item['code']!r}", item["kind"]
    if kind not in _KIND_TYPES:
        raise CatalogueError(file, f"unknown kind {kind!r} (minimum or all_true)", entry=entry, field="kind")
    names = tuple(item.get("fields") or [item.get("field")])
    wanted = _KIND_TYPES[kind]
    if any(_FACT_TYPES.get(name) is not wanted for name in names) or (kind == "minimum" and len(names) != 1):
        facts = ", ".join(name for name, type_ in _FACT_TYPES.items() if type_ is wanted)
        raise CatalogueError(file, f"{kind} names {'one' if kind == 'minimum' else 'one or more'} of {facts}",
                             entry=entry, field="fields" if "fields" in item else "field")
    threshold = item["threshold"]
    if type(threshold) is not wanted or (kind == "all_true" and threshold is not True):
        raise CatalogueError(file, f"{kind} takes {'a whole number' if kind == 'minimum' else 'true'}",
                             entry=entry, field="threshold")
    return entry_of(Criterion, item, fields=names)


RULESET = CatalogueKind(
    name="eligibility ruleset",
    directory=RULESETS_DIR,
    filename="{version}.json",
    bilingual=("title",),
    entries=(Entries("criteria", fields=("kind", "threshold", "unit"), bilingual=("label", "basis")),),
    build=lambda data, file: entry_of(
        Ruleset, data, criteria=tuple(_criterion(index, c, file) for index, c in enumerate(data["criteria"]))
    ),
)


def load_ruleset(version: str = CURRENT_RULESET) -> Ruleset:
    """The ruleset of ``version``; LookupError when there is none."""
    return RULESET.load(version)


def _judge(criterion: Criterion, facts: Facts) -> CriterionResult:
    if criterion.kind == "minimum":
        actual = getattr(facts, criterion.fields[0])
        passed = actual >= criterion.threshold
    elif criterion.kind == "all_true":
        actual = all(bool(getattr(facts, name)) for name in criterion.fields)
        passed = actual is True
    else:  # pragma: no cover - the loader refuses a ruleset file with an unknown kind
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
