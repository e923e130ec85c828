"""The letter's standard conditions as versioned data.

Each version lives beside this module as ``<version>.json`` (counsel corrects the wording there, not
in code). A letter records the version it was issued under; an old letter is never re-rendered, so a new
version only affects letters issued after it becomes current.
"""

from dataclasses import dataclass
from pathlib import Path

from portal.common.catalogues import CatalogueKind, Entries, bilingual, entry_of

CONDITIONS_DIR = Path(__file__).resolve().parent
CURRENT_VERSION = "2026-05"


@dataclass(frozen=True, slots=True)
class Condition:
    code: str
    text_ko: str
    text_en: str

    text = bilingual("text")


@dataclass(frozen=True, slots=True)
class ConditionSet:
    version: str
    title_ko: str
    title_en: str
    basis_ko: str
    basis_en: str
    conditions: tuple[Condition, ...]

    title = bilingual("title")
    basis = bilingual("basis")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(condition.code for condition in self.conditions)


CONDITIONS = CatalogueKind(
    name="standard conditions",
    directory=CONDITIONS_DIR,
    filename="{version}.json",
    bilingual=("title", "basis"),
    entries=(Entries("conditions", bilingual=("text",)),),
    build=lambda data, file: entry_of(
        ConditionSet, data, conditions=tuple(entry_of(Condition, c) for c in data["conditions"])
    ),
)


def load(version: str = CURRENT_VERSION) -> ConditionSet:
    """The condition set of ``version``; raises ``LookupError`` for an unknown version."""
    return CONDITIONS.load(version)
