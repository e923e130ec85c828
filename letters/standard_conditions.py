"""The letter's standard conditions as versioned data.

Each version lives in ``conditions/<version>.json`` (counsel corrects the wording there, not in code).
A letter records the version it was issued under; an old letter is never re-rendered, so a new
version only affects letters issued after it becomes current.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONDITIONS_DIR = Path(__file__).resolve().parent / "conditions"
CURRENT_VERSION = "2026-05"


@dataclass(frozen=True, slots=True)
class Condition:
    code: str
    text_ko: str
    text_en: str


@dataclass(frozen=True, slots=True)
class ConditionSet:
    version: str
    title_ko: str
    title_en: str
    basis_ko: str
    basis_en: str
    conditions: tuple[Condition, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(condition.code for condition in self.conditions)


@cache
def load(version: str = CURRENT_VERSION) -> ConditionSet:
    """The condition set of ``version``; raises ``LookupError`` for an unknown version."""
    path = CONDITIONS_DIR / f"{version}.json"
    if "/" in version or not path.is_file():
        raise LookupError(f"no standard conditions with version {version!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    conditions = tuple(Condition(code=c["code"], text_ko=c["text_ko"], text_en=c["text_en"]) for c in data["conditions"])
    codes = [c.code for c in conditions]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate condition codes in {path.name}")
    return ConditionSet(
        version=data["version"],
        title_ko=data["title_ko"],
        title_en=data["title_en"],
        basis_ko=data["basis_ko"],
        basis_en=data["basis_en"],
        conditions=conditions,
    )
