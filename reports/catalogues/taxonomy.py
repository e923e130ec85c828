"""The threat taxonomy findings are classified by: versioned data in ``threats-<version>.json`` beside this
module.

A report records the taxonomy version it was filed under, so a later taxonomy never reclassifies an
earlier finding; the API serves it at ``/api/v1/catalogue/threats/`` (``?version=`` for an older one).
"""

from dataclasses import dataclass
from pathlib import Path

from portal.common.catalogues import CatalogueKind, Entries, bilingual, entry_of

CATALOGUE_DIR = Path(__file__).resolve().parent
CURRENT_TAXONOMY_VERSION = "2026-06"


@dataclass(frozen=True, slots=True)
class Threat:
    code: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str

    name = bilingual("name")
    description = bilingual("description")


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


TAXONOMY = CatalogueKind(
    name="threat taxonomy",
    directory=CATALOGUE_DIR,
    filename="threats-{version}.json",
    entries=(Entries("threats", bilingual=("name", "description")),),
    build=lambda data, file: Taxonomy(
        version=data["version"], threats=tuple(entry_of(Threat, t) for t in data["threats"])
    ),
)


def load_taxonomy(version: str = CURRENT_TAXONOMY_VERSION) -> Taxonomy:
    """The taxonomy of ``version``; LookupError when there is none."""
    return TAXONOMY.load(version)


def taxonomy_payload(taxonomy: Taxonomy) -> list[dict]:
    return [
        {"code": t.code, "version": taxonomy.version, "name": t.name, "name_ko": t.name_ko, "name_en": t.name_en,
         "description_ko": t.description_ko, "description_en": t.description_en}
        for t in taxonomy.threats
    ]
