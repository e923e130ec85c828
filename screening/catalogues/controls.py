"""The compensating-controls catalogue: versioned data in ``catalogues/controls-<version>.json``."""

from dataclasses import dataclass
from pathlib import Path

from portal.common.catalogues import CatalogueKind, Entries, bilingual, entry_of

CATALOGUE_DIR = Path(__file__).resolve().parent
CURRENT_CONTROLS_VERSION = "2026-05"


@dataclass(frozen=True, slots=True)
class Control:
    code: str
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str

    title = bilingual("title")
    description = bilingual("description")


@dataclass(frozen=True, slots=True)
class ControlCatalogue:
    version: str
    controls: tuple[Control, ...]

    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.controls)

    def get(self, code: str) -> Control | None:
        return next((c for c in self.controls if c.code == code), None)


CONTROLS = CatalogueKind(
    name="controls catalogue",
    directory=CATALOGUE_DIR,
    filename="controls-{version}.json",
    entries=(Entries("controls", bilingual=("title", "description")),),
    build=lambda data, file: ControlCatalogue(
        version=data["version"], controls=tuple(entry_of(Control, c) for c in data["controls"])
    ),
)


def load_controls(version: str = CURRENT_CONTROLS_VERSION) -> ControlCatalogue:
    """The controls catalogue of ``version``; LookupError when there is none."""
    return CONTROLS.load(version)
