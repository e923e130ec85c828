"""The threat taxonomy findings are classified by: versioned data in ``catalogues/threats-<version>.json``.

A report records the taxonomy version it was filed under, so a later taxonomy never reclassifies an
earlier finding; the API serves it at ``/api/v1/catalogue/threats/`` (``?version=`` for an older one).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.language import is_english

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"
CURRENT_TAXONOMY_VERSION = "2026-06"



@dataclass(frozen=True, slots=True)
class Threat:
    code: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str

    @property
    def name(self) -> str:
        return self.name_en if is_english() else self.name_ko

    @property
    def description(self) -> str:
        return self.description_en if is_english() else self.description_ko


@dataclass(frozen=True, slots=True)
class Taxonomy:
    version: str
    threats: tuple[Threat, ...]

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.threats)

    def get(self, code: str) -> Threat | None:
        return next((t for t in self.threats if t.code == code), None)

    def name(self, code: str) -> str:
        """The localised name of ``code``, or the code itself when this version does not know it."""
        threat = self.get(code)
        return threat.name if threat else code


@cache
def load_taxonomy(version: str = CURRENT_TAXONOMY_VERSION) -> Taxonomy:
    """The taxonomy of ``version``; LookupError when there is none."""
    path = CATALOGUE_DIR / f"threats-{version}.json"
    if path.parent != CATALOGUE_DIR or not path.is_file():
        raise LookupError(f"Unknown threat taxonomy {version!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    threats = tuple(Threat(**{k: entry[k] for k in Threat.__slots__}) for entry in data["threats"])
    if len({t.code for t in threats}) != len(threats):
        raise ValueError(f"threat taxonomy {version}: duplicate codes")
    return Taxonomy(version=data["version"], threats=threats)


def taxonomy_payload(taxonomy: Taxonomy) -> list[dict]:
    return [
        {"code": t.code, "version": taxonomy.version, "name": t.name, "name_ko": t.name_ko, "name_en": t.name_en,
         "description_ko": t.description_ko, "description_en": t.description_en}
        for t in taxonomy.threats
    ]
